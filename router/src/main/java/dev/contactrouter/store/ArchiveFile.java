package dev.contactrouter.store;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One archived partition of one domain's journal, as a file: gzip-compressed NDJSON. The first
 * line is the header with the chain anchor; each further line is one event exactly as the journal
 * stored it (the keys of {@code src/test/resources/journal-format/events-v1.ndjson}), in seq order:
 *
 * <pre>
 * {"format":"contact-router-journal-archive","version":1,"domain":"d","partition":"journal_events_2025_03",
 *  "firstSeq":1,"lastSeq":812,"prevHash":"00…","lastHash":"9f…","events":812}
 * {"domain":"d","seq":1,"at":1741132800000,"actor":"telephony","type":"contact_queued","contactId":"c-1",
 *  "agentId":null,"customerId":"cust-1","payload":"{…}","prevHash":"00…","hash":"5e…"}
 * </pre>
 *
 * {@code prevHash} is the hash before the first event (the anchor that ties the file to what came
 * before), {@code lastHash} the hash of the last. All of it is blocking file I/O: call it from a
 * worker ({@code executeBlocking}), never from an event loop. A stored format: version 1 is frozen.
 */
public final class ArchiveFile {
  public static final String FORMAT = "contact-router-journal-archive";
  public static final int VERSION = 1;

  private ArchiveFile() {}

  /**
   * The header: what the file holds and its chain anchor.
   *
   * @param prevHash the hash before event {@code firstSeq}
   * @param lastHash the hash of event {@code lastSeq}
   */
  public record Header(String domain, String partition, long firstSeq, long lastSeq, String prevHash, String lastHash,
      long events) {

    /** The header line's JSON (without its line end). */
    public JsonObject json() {
      return new JsonObject().put("format", FORMAT).put("version", VERSION).put("domain", domain)
          .put("partition", partition).put("firstSeq", firstSeq).put("lastSeq", lastSeq).put("prevHash", prevHash)
          .put("lastHash", lastHash).put("events", events);
    }

    static Header of(JsonObject json) {
      if (!FORMAT.equals(json.getString("format")) || !Integer.valueOf(VERSION).equals(json.getInteger("version"))) {
        throw new IllegalArgumentException("not a journal archive of version " + VERSION);
      }
      return new Header(json.getString("domain"), json.getString("partition"), json.getLong("firstSeq"),
          json.getLong("lastSeq"), json.getString("prevHash"), json.getString("lastHash"), json.getLong("events"));
    }
  }

  /** The file name of a domain's archived partition, relative to the archive directory. */
  public static String name(String domain, String partition) {
    return domain + "/" + partition + ".ndjson.gz";
  }

  static JsonObject line(StoredEvent e) {
    return new JsonObject().put("domain", e.domain()).put("seq", e.seq()).put("at", e.at()).put("actor", e.actor())
        .put("type", e.type()).put("contactId", e.contactId()).put("agentId", e.agentId())
        .put("customerId", e.customerId()).put("payload", e.payload()).put("prevHash", e.prevHash())
        .put("hash", e.hash());
  }

  static StoredEvent event(JsonObject j) {
    return new StoredEvent(j.getString("domain"), j.getLong("seq"), j.getLong("at"), j.getString("actor"),
        j.getString("type"), j.getString("contactId"), j.getString("agentId"), j.getString("customerId"),
        j.getString("payload"), j.getString("prevHash"), j.getString("hash"));
  }

  /** SHA-256 of a file's bytes, as hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        sha.update(buf, 0, n);
      }
    }
    return HashChain.hex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Writes a file a page at a time into a temporary file beside the target; {@link #finish} syncs
   * it to disk and renames it into place, so the target is either whole or absent.
   */
  public static final class Writer implements Closeable {
    private final Path target;
    private final Path temporary;
    private final FileOutputStream file;
    private final MessageDigest sha = sha256();
    private final BufferedWriter out;
    private boolean finished;

    public Writer(Path target, Header header) throws IOException {
      this.target = target;
      Files.createDirectories(target.getParent());
      this.temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
      this.file = new FileOutputStream(temporary.toFile());
      this.out = new BufferedWriter(new OutputStreamWriter(
          new GZIPOutputStream(new DigestOutputStream(file, sha), 64 * 1024), StandardCharsets.UTF_8));
      out.write(header.json().encode());
      out.write('\n');
    }

    public void write(List<StoredEvent> events) throws IOException {
      for (StoredEvent e : events) {
        out.write(line(e).encode());
        out.write('\n');
      }
    }

    /** Completes the file: returns the SHA-256 of its bytes. */
    public String finish() throws IOException {
      out.flush();
      out.close(); // finishes the gzip stream; the FileOutputStream is closed too, after the sync below
      String digest = HashChain.hex(sha.digest());
      try (FileOutputStream sync = new FileOutputStream(temporary.toFile(), true)) {
        sync.getFD().sync();
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      finished = true;
      return digest;
    }

    @Override
    public void close() throws IOException {
      if (!finished) {
        try {
          out.close();
        } finally {
          Files.deleteIfExists(temporary);
        }
      }
    }
  }

  /** Reads a file back: its header, then its events one at a time. */
  public static final class Reader implements Closeable {
    private final BufferedReader in;
    private final Header header;

    public Reader(Path file) throws IOException {
      this.in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
          StandardCharsets.UTF_8));
      String first = in.readLine();
      if (first == null) {
        in.close();
        throw new IOException("empty archive file " + file);
      }
      try {
        this.header = Header.of(new JsonObject(first));
      } catch (RuntimeException e) {
        in.close();
        throw new IOException("unreadable archive header in " + file + ": " + e.getMessage(), e);
      }
    }

    public Header header() {
      return header;
    }

    /** The next event, or null at the end. */
    public StoredEvent next() throws IOException {
      String line = in.readLine();
      if (line == null) {
        return null;
      }
      try {
        return event(new JsonObject(line));
      } catch (RuntimeException e) {
        throw new IOException("unreadable event line: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
