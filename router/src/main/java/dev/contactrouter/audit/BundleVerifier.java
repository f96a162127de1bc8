package dev.contactrouter.audit;

import dev.contactrouter.codec.JournalJson;
import dev.contactrouter.store.HashChain;
import dev.contactrouter.store.JournalVerifier;
import dev.contactrouter.store.StoredEvent;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Verifies an audit bundle ({@link AuditBundle}) on its own, offline: no configuration, no
 * database. It checks, and names what fails: every file is there and nothing else; the signature
 * of the manifest under the bundle's public key; that key against the manifest and against a key
 * the auditor pinned; each file's SHA-256 against the manifest; the hash chain from the anchor
 * before the first event to the last (a changed event, a missing or repeated seq, a line
 * removed); the counts, the seq range and the anchors against the manifest. Events are read a line
 * at a time, so a bundle of any size is verified in little memory.
 */
public final class BundleVerifier {
  /** The largest manifest, signature or key file read (each is a few hundred bytes). */
  private static final int SMALL_FILE_MAX = 1 << 20;

  /**
   * What a verification found.
   *
   * @param problems what is wrong, in the order found; empty when intact
   * @param fingerprint the fingerprint of the key that signed the bundle, or null if it has none
   * @param pinned whether that key was compared with one the auditor trusts
   * @param manifest the bundle's manifest, or null if it could not be read
   */
  public record Verdict(List<String> problems, String fingerprint, boolean pinned, JsonObject manifest) {
    public boolean intact() {
      return problems.isEmpty();
    }
  }

  private BundleVerifier() {}

  /**
   * Verifies the bundle in {@code file}.
   *
   * @param pinnedFingerprint the fingerprint of the key the auditor trusts (64 hex digits, colons
   *     allowed), or null to check integrity only
   * @throws IOException when the file cannot be read at all (missing, not allowed)
   */
  public static Verdict verify(Path file, String pinnedFingerprint) throws IOException {
    List<String> problems = new ArrayList<>();
    String pin = pinnedFingerprint == null ? null : normalise(pinnedFingerprint);
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
    } catch (ZipException e) {
      problems.add(file + " is not a readable zip file (" + e.getMessage() + ")");
      return new Verdict(problems, null, pin != null, null);
    }
    try (zip) {
      return verify(zip, pin, problems);
    } catch (ZipException e) {
      // A file's bytes no longer match the zip's own CRC, or its compressed data is cut: changed on disk.
      problems.add("the bundle's zip data is damaged (" + e.getMessage() + ")");
      return new Verdict(problems, null, pin != null, null);
    }
  }

  private static Verdict verify(ZipFile zip, String pin, List<String> problems) throws IOException {
    Set<String> seen = new HashSet<>();
    for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
      String name = entries.nextElement().getName();
      if (!AuditBundle.FILES.contains(name)) {
        problems.add("unexpected file " + name + " in the bundle");
      } else if (!seen.add(name)) {
        problems.add(name + " appears twice in the bundle");
      }
    }
    for (String name : AuditBundle.FILES) {
      if (!seen.contains(name)) {
        problems.add(name + " is missing from the bundle");
      }
    }
    if (!seen.containsAll(AuditBundle.FILES)) {
      return new Verdict(problems, null, pin != null, null);
    }
    byte[] manifestBytes = small(zip, AuditBundle.MANIFEST);
    PublicKey key = null;
    String fingerprint = null;
    try {
      key = SigningKey.publicKeyFromPem(new String(small(zip, AuditBundle.PUBLIC_KEY), StandardCharsets.US_ASCII));
      fingerprint = SigningKey.fingerprint(key);
    } catch (IllegalArgumentException e) {
      problems.add(AuditBundle.PUBLIC_KEY + " holds no Ed25519 public key (" + e.getMessage() + ")");
    }
    if (key != null && !SigningKey.verify(key, manifestBytes, signature(zip))) {
      problems.add("the signature (" + AuditBundle.SIGNATURE + ") does not match " + AuditBundle.MANIFEST
          + " under the bundle's public key: the manifest or the signature was changed after signing");
    }
    if (pin != null && fingerprint != null && !pin.equals(fingerprint)) {
      problems.add("the bundle is signed by key " + fingerprint + ", not by the pinned key " + pin);
    }
    JsonObject manifest;
    try {
      manifest = new JsonObject(new String(manifestBytes, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      problems.add(AuditBundle.MANIFEST + " is not a JSON object");
      return new Verdict(problems, fingerprint, pin != null, null);
    }
    try {
      contents(zip, manifest, fingerprint, problems);
    } catch (RuntimeException e) {
      problems.add(AuditBundle.MANIFEST + " or " + AuditBundle.ANCHORS + " is not in bundle format "
          + AuditBundle.FORMAT + " (" + e + ")");
    }
    return new Verdict(problems, fingerprint, pin != null, manifest);
  }

  /** Everything the manifest vouches for: the key it names, each file's hash, and the chain. */
  private static void contents(ZipFile zip, JsonObject manifest, String fingerprint, List<String> problems)
      throws IOException {
    if (manifest.getInteger("bundleFormat", 0) != AuditBundle.FORMAT) {
      problems.add("bundle format " + manifest.getValue("bundleFormat") + " is not format " + AuditBundle.FORMAT
          + ", the one this build reads");
      return;
    }
    String named = manifest.getJsonObject("signature").getString("publicKeyFingerprint");
    if (fingerprint != null && !fingerprint.equals(named)) {
      problems.add(AuditBundle.PUBLIC_KEY + " is not the key the manifest names (its fingerprint is " + fingerprint
          + ", the manifest's " + named + ")");
    }
    JsonObject files = manifest.getJsonObject("files");
    for (String name : AuditBundle.HASHED) {
      String expected = files.getJsonObject(name).getString("sha256");
      String actual = sha256(zip, name);
      if (!actual.equals(expected)) {
        problems.add(name + ": its SHA-256 is " + actual + ", the manifest says " + expected + " (the file was changed)");
      }
    }
    chain(zip, manifest, new JsonObject(new String(small(zip, AuditBundle.ANCHORS), StandardCharsets.UTF_8)), problems);
  }

  private static void chain(ZipFile zip, JsonObject manifest, JsonObject anchors, List<String> problems)
      throws IOException {
    String domain = manifest.getString("domain");
    JsonObject covers = manifest.getJsonObject("covers");
    Long firstSeq = covers.getLong("firstSeq");
    Long lastSeq = covers.getLong("lastSeq");
    JsonObject before = anchors.getJsonObject("before");
    JsonObject last = anchors.getJsonObject("last");
    JsonObject head = anchors.getJsonObject("head");
    if (!domain.equals(anchors.getString("domain"))) {
      problems.add(AuditBundle.ANCHORS + " is of domain " + anchors.getString("domain") + ", the manifest's is " + domain);
    }
    if ((firstSeq == null) != (before == null) || (lastSeq == null) != (last == null)
        || before != null && before.getLong("seq") != firstSeq - 1 || last != null && !last.getLong("seq").equals(lastSeq)) {
      problems.add(AuditBundle.ANCHORS + " does not anchor the seq range the manifest covers ("
          + firstSeq + " to " + lastSeq + ")");
      return;
    }
    long from = Instant.parse(manifest.getJsonObject("range").getString("from")).toEpochMilli();
    long to = Instant.parse(manifest.getJsonObject("range").getString("to")).toEpochMilli();
    JournalVerifier.Check check = before == null
        ? new JournalVerifier.Check(domain, 0, HashChain.GENESIS)
        : new JournalVerifier.Check(domain, before.getLong("seq"), before.getString("hash"));
    long count = 0;
    long inRange = 0;
    StoredEvent previous = null;
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(zip.getInputStream(zip.getEntry(AuditBundle.EVENTS)), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        StoredEvent e;
        try {
          e = JournalJson.ndjsonEvent(line);
        } catch (RuntimeException bad) {
          problems.add(AuditBundle.EVENTS + " line " + (count + 1) + " is not an event of the journal");
          return;
        }
        JournalVerifier.Report broken = check.accept(e);
        if (broken != null) {
          problems.add("the chain breaks at seq " + broken.brokenAt() + ": " + broken.problem());
          return;
        }
        count++;
        inRange += e.at() >= from && e.at() < to ? 1 : 0;
        previous = e;
      }
    }
    long reached = previous == null ? (before == null ? 0 : before.getLong("seq")) : previous.seq();
    if (lastSeq != null && reached < lastSeq) {
      problems.add("events " + (reached + 1) + " to " + lastSeq + " are missing: the manifest covers up to seq "
          + lastSeq + " but " + AuditBundle.EVENTS + " stops at " + reached);
      return;
    }
    if (lastSeq == null ? previous != null : reached > lastSeq) {
      problems.add(AuditBundle.EVENTS + " holds events after the seq range the manifest covers (up to " + reached + ")");
      return;
    }
    if (last != null && !last.getString("hash").equals(previous.hash())) {
      problems.add("the last event's hash does not match the anchor in " + AuditBundle.ANCHORS);
    }
    if (count != covers.getLong("events") || inRange != covers.getLong("eventsInRange")) {
      problems.add(AuditBundle.EVENTS + " holds " + count + " events, " + inRange + " in the time range; the manifest says "
          + covers.getLong("events") + " and " + covers.getLong("eventsInRange"));
    }
    long headSeq = head.getLong("seq");
    if (headSeq < reached || headSeq == reached && previous != null && !head.getString("hash").equals(previous.hash())) {
      problems.add("the head in " + AuditBundle.ANCHORS + " (seq " + headSeq + ") is not at or after the last event");
    }
  }

  private static byte[] signature(ZipFile zip) throws IOException {
    try {
      return Base64.getDecoder().decode(new String(small(zip, AuditBundle.SIGNATURE), StandardCharsets.US_ASCII).strip());
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static byte[] small(ZipFile zip, String name) throws IOException {
    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
      byte[] bytes = in.readNBytes(SMALL_FILE_MAX + 1);
      if (bytes.length > SMALL_FILE_MAX) {
        throw new ZipException(name + " is larger than " + SMALL_FILE_MAX + " bytes");
      }
      return bytes;
    }
  }

  private static String sha256(ZipFile zip, String name) throws IOException {
    MessageDigest sha = BundleWriter.sha256();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
    }
    return HashChain.hex(sha.digest());
  }

  /** A fingerprint as typed: hex digits, upper or lower case, with or without colons or spaces. */
  public static String normalise(String fingerprint) {
    return fingerprint.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
  }
}
