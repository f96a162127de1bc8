package dev.contactrouter;

import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.audit.SigningKey;
import dev.contactrouter.store.HashChain;
import dev.contactrouter.testing.AuditBundles;
import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signed audit bundle end to end with the embedded engine: exported over HTTP, verified by the
 * {@code verify-bundle} command's own entry point (its exit status through {@link VerifyBundle#run},
 * not {@code System.exit}), and every kind of tampering named: an edited event, a removed line, the
 * manifest, the signature, a bundle re-signed with another key against a pinned one, files added,
 * removed or damaged; and arguments it cannot run with.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VerifyBundleTest {
  @RegisterExtension
  static final EngineExtension engines = EngineExtension.embedded();

  @TempDir
  Path dir;
  private EngineUnderTest engine;
  private Path bundle;
  private String fingerprint;

  /** What one run of the command printed and returned. */
  record Run(int status, String out, String err) {}

  static Run verifyBundle(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = VerifyBundle.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void exported(EngineUnderTest engine) {
    this.engine = engine;
    AuditBundles.activity(engine, 3);
    bundle = dir.resolve("bundle.zip");
    var response = AuditBundles.download(engine, "", SUPERVISOR, bundle);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
    fingerprint = AuditBundles.signingKey(engine, SUPERVISOR).getString("fingerprint");
  }

  @Test
  void anIntactBundleVerifiesAndSaysWhatItCovers() throws IOException {
    Run run = verifyBundle(bundle.toString());
    assertThat(run.status()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("intact", "signed with Ed25519 key " + fingerprint, "NOT PINNED");

    Map<String, byte[]> files = AuditBundles.files(bundle);
    assertThat(files.keySet()).containsExactly("events.ndjson", "anchors.json", "public-key.pem", "manifest.json",
        "manifest.sig");
    List<JsonObject> events = lines(files);
    JsonObject manifest = json(files, "manifest.json");
    JsonObject anchors = json(files, "anchors.json");
    JsonObject covers = manifest.getJsonObject("covers");
    assertThat(manifest.getString("domain")).isEqualTo("default");
    assertThat(covers.getLong("firstSeq")).isEqualTo(1);
    assertThat(covers.getLong("lastSeq")).isEqualTo(events.size()).isEqualTo(covers.getLong("events"));
    assertThat(covers.getLong("eventsInRange")).isEqualTo(events.size());
    assertThat(manifest.getString("exportedBy")).startsWith("supervisor/");
    assertThat(manifest.getJsonObject("signature").getString("publicKeyFingerprint")).isEqualTo(fingerprint);
    assertThat(manifest.getJsonObject("files").getJsonObject("events.ndjson").getString("sha256"))
        .isEqualTo(HashChain.hex(sha256(files.get("events.ndjson"))));
    assertThat(anchors.getJsonObject("before")).isEqualTo(new JsonObject().put("seq", 0).put("hash", HashChain.GENESIS));
    assertThat(anchors.getJsonObject("last").getString("hash")).isEqualTo(events.get(events.size() - 1).getString("hash"));
    assertThat(anchors.getJsonObject("head").getLong("seq")).isGreaterThanOrEqualTo(events.size());
    // The lines are the audit export's, event for event.
    String export = engine.send("GET", "/v1/audit", SUPERVISOR, null).body();
    assertThat(new String(files.get("events.ndjson"), StandardCharsets.UTF_8)).isEqualTo(export);
  }

  @Test
  void aPinnedKeyIsCheckedByFingerprintOrByPublicKey() throws IOException {
    Run byFingerprint = verifyBundle(bundle.toString(), "--fingerprint", fingerprint.toUpperCase());
    assertThat(byFingerprint.status()).as(byFingerprint.out()).isZero();
    assertThat(byFingerprint.out()).contains("the key is the one pinned").doesNotContain("NOT PINNED");
    Path pem = Files.writeString(dir.resolve("engine.pem"),
        AuditBundles.signingKey(engine, SUPERVISOR).getString("publicKeyPem"));
    assertThat(verifyBundle(bundle.toString(), "--public-key", pem.toString()).status()).isZero();

    String other = SigningKey.generate("test").fingerprint();
    Run wrong = verifyBundle(bundle.toString(), "--fingerprint", other);
    assertThat(wrong.status()).isEqualTo(1);
    assertThat(wrong.out()).contains("TAMPERED", "signed by key " + fingerprint + ", not by the pinned key " + other);
  }

  @Test
  void anEditedEventIsNamedByItsSeqEvenWhenTheManifestHashIsRewritten() throws IOException {
    Map<String, byte[]> files = AuditBundles.files(bundle);
    List<JsonObject> events = lines(files);
    int index = indexOf(events, "contact_queued");
    JsonObject edited = events.get(index);
    long seq = edited.getLong("seq");
    edited.put("payload", edited.getString("payload").replace("\"queue\":\"stocks\"", "\"queue\":\"bonds\""));
    assertThat(edited.getString("payload")).contains("\"queue\":\"bonds\"");
    files.put("events.ndjson", ndjson(events));
    Run run = verifyBundle(AuditBundles.write(files, dir.resolve("edited.zip")).toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("events.ndjson: its SHA-256",
        "the chain breaks at seq " + seq + ": its content does not match its hash");

    // Rewriting the manifest's hash of the file to match only moves the failure to the signature.
    JsonObject manifest = json(files, "manifest.json");
    manifest.getJsonObject("files").getJsonObject("events.ndjson")
        .put("sha256", HashChain.hex(sha256(files.get("events.ndjson"))));
    files.put("manifest.json", manifest.encodePrettily().getBytes(StandardCharsets.UTF_8));
    Run rehashed = verifyBundle(AuditBundles.write(files, dir.resolve("rehashed.zip")).toString());
    assertThat(rehashed.status()).isEqualTo(1);
    assertThat(rehashed.out()).contains("the signature (manifest.sig) does not match manifest.json",
        "the chain breaks at seq " + seq).doesNotContain("events.ndjson: its SHA-256");
  }

  @Test
  void aRemovedEventIsNamedAsMissing() throws IOException {
    Map<String, byte[]> files = AuditBundles.files(bundle);
    List<JsonObject> events = lines(files);
    long middle = events.remove(2).getLong("seq");
    files.put("events.ndjson", ndjson(events));
    Run run = verifyBundle(AuditBundles.write(files, dir.resolve("middle.zip")).toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("the chain breaks at seq " + middle + ": event " + middle + " is missing");

    events = lines(AuditBundles.files(bundle));
    long last = events.remove(events.size() - 1).getLong("seq");
    files.put("events.ndjson", ndjson(events));
    Run cut = verifyBundle(AuditBundles.write(files, dir.resolve("last.zip")).toString());
    assertThat(cut.status()).isEqualTo(1);
    assertThat(cut.out()).contains("events " + last + " to " + last + " are missing");
  }

  @Test
  void anEditedManifestOrSignatureIsNamed() throws IOException {
    Map<String, byte[]> files = AuditBundles.files(bundle);
    JsonObject manifest = json(files, "manifest.json");
    files.put("manifest.json", manifest.put("exportedBy", "admin/someone-else").encodePrettily()
        .getBytes(StandardCharsets.UTF_8));
    Run run = verifyBundle(AuditBundles.write(files, dir.resolve("manifest.zip")).toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("the signature (manifest.sig) does not match manifest.json");

    files = AuditBundles.files(bundle);
    files.put("manifest.sig", Base64.getEncoder().encode(SigningKey.generate("test").sign(files.get("manifest.json"))));
    Run signature = verifyBundle(AuditBundles.write(files, dir.resolve("signature.zip")).toString());
    assertThat(signature.status()).isEqualTo(1);
    assertThat(signature.out()).contains("the signature (manifest.sig) does not match manifest.json");
  }

  @Test
  void aBundleResignedWithAnotherKeyFailsAgainstThePinnedKey() throws IOException {
    SigningKey forger = SigningKey.generate("forger");
    Map<String, byte[]> files = AuditBundles.files(bundle);
    files.put("public-key.pem", forger.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
    JsonObject manifest = json(files, "manifest.json");
    manifest.getJsonObject("files").getJsonObject("public-key.pem")
        .put("sha256", HashChain.hex(sha256(files.get("public-key.pem"))));
    manifest.getJsonObject("signature").put("publicKeyFingerprint", forger.fingerprint());
    byte[] forged = manifest.encodePrettily().getBytes(StandardCharsets.UTF_8);
    files.put("manifest.json", forged);
    files.put("manifest.sig", Base64.getEncoder().encode(forger.sign(forged)));
    Path resigned = AuditBundles.write(files, dir.resolve("resigned.zip"));

    Run unpinned = verifyBundle(resigned.toString());
    assertThat(unpinned.status()).as("consistent under its own key: only a pin tells").isZero();
    assertThat(unpinned.out()).contains("signed with Ed25519 key " + forger.fingerprint(), "NOT PINNED")
        .doesNotContain(fingerprint);
    Run pinned = verifyBundle(resigned.toString(), "--fingerprint", fingerprint);
    assertThat(pinned.status()).isEqualTo(1);
    assertThat(pinned.out()).contains("signed by key " + forger.fingerprint() + ", not by the pinned key " + fingerprint);
  }

  @Test
  void filesAddedRemovedOrDamagedAreNamed() throws IOException {
    Map<String, byte[]> files = AuditBundles.files(bundle);
    files.put("notes.txt", "trust me".getBytes(StandardCharsets.UTF_8));
    Run added = verifyBundle(AuditBundles.write(files, dir.resolve("added.zip")).toString());
    assertThat(added.status()).isEqualTo(1);
    assertThat(added.out()).contains("unexpected file notes.txt");

    files = AuditBundles.files(bundle);
    files.remove("anchors.json");
    Run removed = verifyBundle(AuditBundles.write(files, dir.resolve("removed.zip")).toString());
    assertThat(removed.status()).isEqualTo(1);
    assertThat(removed.out()).contains("anchors.json is missing");

    byte[] raw = Files.readAllBytes(bundle);
    raw[60] ^= 0x5a; // inside the compressed events, which come first
    Run damaged = verifyBundle(Files.write(dir.resolve("damaged.zip"), raw).toString());
    assertThat(damaged.status()).isEqualTo(1);
    assertThat(damaged.out()).contains("TAMPERED");

    Run notZip = verifyBundle(Files.writeString(dir.resolve("text.zip"), "not a zip").toString());
    assertThat(notZip.status()).isEqualTo(1);
    assertThat(notZip.out()).contains("is not a readable zip file");
  }

  @Test
  void whatCannotRunExitsTwo() {
    assertThat(verifyBundle().status()).isEqualTo(2);
    Run missing = verifyBundle(dir.resolve("no-such.zip").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file");
    assertThat(verifyBundle(bundle.toString(), "--fingerprint", "xyz").status()).isEqualTo(2);
    assertThat(verifyBundle(bundle.toString(), "--public-key", dir.resolve("none.pem").toString()).status()).isEqualTo(2);
    assertThat(verifyBundle(bundle.toString(), "--fingerprint", fingerprint, "--fingerprint", fingerprint).status())
        .isEqualTo(2);
    assertThat(verifyBundle(bundle.toString(), "--verbose").status()).isEqualTo(2);
  }

  @Test
  void aTimeRangeIsWidenedToContiguousSeqsAndVerifiesFromItsAnchor() throws IOException {
    List<JsonObject> all = new ArrayList<>();
    for (String line : engine.send("GET", "/v1/audit", SUPERVISOR, null).body().split("\n")) {
      all.add(new JsonObject(line));
    }
    String from = all.get(all.size() / 2).getString("at");
    String to = all.get(all.size() - 1).getString("at");
    long fromMillis = java.time.Instant.parse(from).toEpochMilli();
    long toMillis = java.time.Instant.parse(to).toEpochMilli();
    List<JsonObject> inRange = all.stream().filter(e -> {
      long at = java.time.Instant.parse(e.getString("at")).toEpochMilli();
      return at >= fromMillis && at < toMillis;
    }).toList();
    Path part = dir.resolve("part.zip");
    assertThat(AuditBundles.download(engine, "?from=" + from + "&to=" + to, SUPERVISOR, part).statusCode()).isEqualTo(200);
    Run run = verifyBundle(part.toString(), "--fingerprint", fingerprint);
    Map<String, byte[]> files = AuditBundles.files(part);
    JsonObject covers = json(files, "manifest.json").getJsonObject("covers");
    if (inRange.isEmpty()) { // every event of the second half in one millisecond: nothing before `to`
      assertThat(covers.getLong("events")).isZero();
      assertThat(run.status()).isZero();
      return;
    }
    long firstSeq = inRange.stream().mapToLong(e -> e.getLong("seq")).min().orElseThrow();
    long lastSeq = inRange.stream().mapToLong(e -> e.getLong("seq")).max().orElseThrow();
    assertThat(run.status()).as(run.out()).isZero();
    assertThat(covers.getLong("firstSeq")).isEqualTo(firstSeq).isGreaterThan(1);
    assertThat(covers.getLong("lastSeq")).isEqualTo(lastSeq);
    assertThat(covers.getLong("events")).isEqualTo(lastSeq - firstSeq + 1);
    assertThat(covers.getLong("eventsInRange")).isEqualTo(inRange.size());
    assertThat(lines(files)).extracting(e -> e.getLong("seq")).first().isEqualTo(firstSeq);
    assertThat(json(files, "anchors.json").getJsonObject("before"))
        .isEqualTo(new JsonObject().put("seq", firstSeq - 1).put("hash", all.get((int) firstSeq - 2).getString("hash")));

    Path empty = dir.resolve("empty.zip");
    AuditBundles.download(engine, "?from=2999-01-01T00:00:00Z&to=2999-01-02T00:00:00Z", SUPERVISOR, empty);
    Run nothing = verifyBundle(empty.toString());
    assertThat(nothing.status()).as(nothing.out()).isZero();
    assertThat(nothing.out()).contains("no events in the range");
  }

  private static int indexOf(List<JsonObject> events, String type) {
    for (int i = 0; i < events.size(); i++) {
      if (type.equals(events.get(i).getString("type"))) {
        return i;
      }
    }
    throw new AssertionError("no " + type + " event in the bundle");
  }

  private static List<JsonObject> lines(Map<String, byte[]> files) {
    List<JsonObject> out = new ArrayList<>();
    for (String line : new String(files.get("events.ndjson"), StandardCharsets.UTF_8).split("\n")) {
      out.add(new JsonObject(line));
    }
    return out;
  }

  private static byte[] ndjson(List<JsonObject> events) {
    StringBuilder s = new StringBuilder();
    events.forEach(e -> s.append(e.encode()).append('\n'));
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonObject json(Map<String, byte[]> files, String name) {
    return new JsonObject(new String(files.get(name), StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
