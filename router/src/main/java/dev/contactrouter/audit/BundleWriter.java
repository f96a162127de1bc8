package dev.contactrouter.audit;

import dev.contactrouter.codec.JournalJson;
import dev.contactrouter.store.HashChain;
import dev.contactrouter.store.JournalHead;
import dev.contactrouter.store.StoredEvent;
import dev.contactrouter.store.format.EventFormat;
import dev.contactrouter.text.IsoInstant;
import io.vertx.core.json.JsonObject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes one audit bundle ({@link AuditBundle}) to a file, a page of events at a time, so a range
 * of any length is written in the memory of one page. Blocking (file I/O, deflate, hashing): call
 * it from a worker, never from an event loop, one call at a time.
 */
public final class BundleWriter implements AutoCloseable {
  /**
   * What is exported and by whom.
   *
   * @param fromMillis start of the time range asked for, inclusive
   * @param toMillis end of the time range, exclusive
   * @param exportedBy the principal that asked, as the journal names actors
   */
  public record Export(String domain, long fromMillis, long toMillis, String exportedBy, long exportedAt) {}

  private final Export export;
  private final Path file;
  private final ZipOutputStream zip;
  private final MessageDigest eventsDigest = sha256();
  private final OutputStream events;
  private long eventsBytes;
  private long count;
  private long inRange;
  private StoredEvent first;
  private StoredEvent last;

  private BundleWriter(Export export, Path file) throws IOException {
    this.export = export;
    this.file = file;
    this.zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024),
        StandardCharsets.UTF_8);
    zip.putNextEntry(new ZipEntry(AuditBundle.EVENTS));
    this.events = new DigestOutputStream(zip, eventsDigest);
  }

  /** Starts a bundle in {@code file} (created or truncated). */
  public static BundleWriter create(Export export, Path file) throws IOException {
    return new BundleWriter(export, file);
  }

  /** Appends events, in seq order, to {@value AuditBundle#EVENTS}. */
  public void append(List<StoredEvent> page) throws IOException {
    for (StoredEvent e : page) {
      byte[] line = JournalJson.ndjsonLine(e).getBytes(StandardCharsets.UTF_8);
      events.write(line);
      eventsBytes += line.length;
      count++;
      if (e.at() >= export.fromMillis() && e.at() < export.toMillis()) {
        inRange++;
      }
      if (first == null) {
        first = e;
      }
      last = e;
    }
  }

  /**
   * Writes the anchors, the public key, the manifest and its signature, and closes the file.
   *
   * @param head the domain's head when the bundle was made
   */
  public Path finish(JournalHead head, SigningKey key) throws IOException {
    zip.closeEntry();
    JsonObject files = new JsonObject()
        .put(AuditBundle.EVENTS, file(HashChain.hex(eventsDigest.digest()), eventsBytes));
    JsonObject anchors = new JsonObject()
        .put("domain", export.domain())
        .put("before", first == null ? null : anchor(first.seq() - 1, first.prevHash()))
        .put("last", last == null ? null : anchor(last.seq(), last.hash()))
        .put("head", anchor(head.seq(), head.hash()));
    entry(AuditBundle.ANCHORS, (anchors.encodePrettily() + "\n").getBytes(StandardCharsets.UTF_8), files);
    entry(AuditBundle.PUBLIC_KEY, key.publicKeyPem().getBytes(StandardCharsets.US_ASCII), files);
    byte[] manifest = (manifest(files, key).encodePrettily() + "\n").getBytes(StandardCharsets.UTF_8);
    entry(AuditBundle.MANIFEST, manifest, null);
    entry(AuditBundle.SIGNATURE,
        (Base64.getEncoder().encodeToString(key.sign(manifest)) + "\n").getBytes(StandardCharsets.US_ASCII), null);
    zip.close();
    return file;
  }

  /** Events written so far. */
  public long events() {
    return count;
  }

  /** The file the bundle is written to. */
  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  private JsonObject manifest(JsonObject files, SigningKey key) {
    JsonObject covers = new JsonObject()
        .put("firstSeq", first == null ? null : first.seq())
        .put("lastSeq", last == null ? null : last.seq())
        .put("events", count)
        .put("eventsInRange", inRange)
        .put("rule", AuditBundle.COVERAGE);
    String version = AuditBundle.class.getPackage().getImplementationVersion();
    return new JsonObject()
        .put("bundleFormat", AuditBundle.FORMAT)
        .put("domain", export.domain())
        .put("range", new JsonObject()
            .put("from", IsoInstant.format(export.fromMillis()))
            .put("to", IsoInstant.format(export.toMillis())))
        .put("covers", covers)
        .put("files", files)
        .put("exportedBy", export.exportedBy())
        .put("exportedAt", IsoInstant.format(export.exportedAt()))
        .put("engineVersion", version == null ? "development build" : version)
        .put("eventFormat", EventFormat.VERSION)
        .put("signature", new JsonObject()
            .put("algorithm", SigningKey.ALGORITHM)
            .put("file", AuditBundle.SIGNATURE)
            .put("publicKeyFingerprint", key.fingerprint())
            .put("keyOrigin", key.origin()));
  }

  private void entry(String name, byte[] bytes, JsonObject hashes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
    if (hashes != null) {
      hashes.put(name, file(HashChain.hex(sha256().digest(bytes)), bytes.length));
    }
  }

  private static JsonObject file(String sha256, long bytes) {
    return new JsonObject().put("sha256", sha256).put("bytes", bytes);
  }

  private static JsonObject anchor(long seq, String hash) {
    return new JsonObject().put("seq", seq).put("hash", hash);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
