package dev.contactrouter.testing;

import static dev.contactrouter.testing.Await.await;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * For the audit bundle's tests: some journaled activity in an engine, a bundle downloaded from it
 * ({@code GET /v1/audit/bundle}), and a bundle's files read and written back, to change one of
 * them as someone tampering with it would. Blocking: call from the test thread.
 */
public final class AuditBundles {
  private AuditBundles() {}

  /** A stocks desk (queue, agents a1 and a2) and {@code contacts} voice contacts queued to it. */
  public static void activity(EngineUnderTest engine, int contacts) {
    await("the stocks desk", engine.stocksDesk(15, 0));
    for (int i = 0; i < contacts; i++) {
      await("contact " + i, engine.newContact(new JsonObject().put("externalId", "call-" + i)));
    }
  }

  /** {@code GET /v1/audit/bundle?query} as {@code key}, its body saved to {@code file}. */
  public static HttpResponse<Path> download(EngineUnderTest engine, String query, String key, Path file) {
    HttpRequest request = HttpRequest.newBuilder(engine.uri("/v1/audit/bundle" + query))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key).GET().build();
    try {
      return engine.http.send(request, HttpResponse.BodyHandlers.ofFile(file));
    } catch (IOException e) {
      throw new IllegalStateException("GET /v1/audit/bundle" + query + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The engine's signing key as {@code GET /v1/audit/signing-key} shows it. */
  public static JsonObject signingKey(EngineUnderTest engine, String key) {
    return await("the signing key", engine.ok(HttpMethod.GET, "/v1/audit/signing-key", key, null));
  }

  /** Every file of a zip, by name, in order. */
  public static Map<String, byte[]> files(Path zip) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        try (InputStream in = z.getInputStream(entry)) {
          files.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return files;
  }

  /** Writes {@code files} as a zip to {@code zip}; returns it. */
  public static Path write(Map<String, byte[]> files, Path zip) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        out.putNextEntry(new ZipEntry(f.getKey()));
        out.write(f.getValue());
        out.closeEntry();
      }
    }
    return Files.write(zip, bytes.toByteArray());
  }
}
