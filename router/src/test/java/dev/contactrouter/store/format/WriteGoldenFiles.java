package dev.contactrouter.store.format;

import dev.contactrouter.core.Recorded;
import dev.contactrouter.core.Timers;
import dev.contactrouter.store.ArchiveFile;
import dev.contactrouter.store.CustomerKey;
import dev.contactrouter.store.HashChain;
import dev.contactrouter.store.RedisTimerStore;
import dev.contactrouter.store.StoredEvent;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The tool that wrote the golden files of the stored formats (events format 1, snapshot format 3,
 * timer format 1) in {@code src/test/resources/journal-format/}, from {@link GoldenEvents} and
 * {@link GoldenSnapshot}. It wrote them once, at commit 379e72b, when the encoders were still
 * {@code codec/EventJson}, {@code codec/SnapshotJson} and {@code codec/CommandJson}; it calls the
 * store's own encoders now, which {@link JournalFormatGoldenTest} holds to the same bytes. Run it
 * from the repository's root with the test classpath (offline; the router's harness runner):
 *
 * <pre>
 * mvn -B -q -o -pl router -am test-compile exec:java -Dskip.node=true \
 *     -Dharness=dev.contactrouter.store.format.WriteGoldenFiles
 * </pre>
 *
 * It never overwrites a file: golden files are written once and never edited. After a format
 * version is bumped, point it at the new version's fixture and file names and run it again; the
 * files of the old versions stay as they are.
 */
public final class WriteGoldenFiles {
  /** The golden files' folder, whether run from the repository's root (Maven's exec:java) or from {@code router}. */
  static final Path DIR = Files.isDirectory(Path.of("router/src/test/resources/journal-format"))
      ? Path.of("router/src/test/resources/journal-format") : Path.of("src/test/resources/journal-format");

  private WriteGoldenFiles() {}

  public static void main(String[] args) throws IOException {
    Files.createDirectories(DIR);
    write("events-v1.ndjson", events());
    write("events-v1-r2.ndjson", events(GoldenEvents.revision2()));
    write("events-v1-r3.ndjson", events(GoldenEvents.revision3()));
    write("events-v1-r4.ndjson", events(GoldenEvents.revision4()));
    write("events-v1-r5.ndjson", events(GoldenEvents.revision5()));
    write("events-v1-r6.ndjson", events(GoldenEvents.revision6()));
    write("events-v1-r7.ndjson", events(GoldenEvents.revision7()));
    write("events-v1-r8.ndjson", events(GoldenEvents.revision8()));
    write("events-v1-r9.ndjson", events(GoldenEvents.revision9()));
    write("events-v1-r10.ndjson", events(GoldenEvents.revision10()));
    write("events-v1-r11.ndjson", events(GoldenEvents.revision11()));
    write("events-v1-r12.ndjson", events(GoldenEvents.revision12(), GoldenEvents.revision12Keys()));
    write("events-v1-r13.ndjson", events(GoldenEvents.revision13(), GoldenEvents.revision13Keys()));
    write("snapshot-v3.json", SnapshotFormat.encode(GoldenSnapshot.snapshot()));
    write("timers-v1.ndjson", timers());
    write("archive-v1.ndjson", archive());
  }

  /**
   * The golden archive file, as its gzip stream holds it: the header with the chain anchor, then
   * the golden journal's events (archive format 1, {@code store/ArchiveFile}).
   */
  static String archive() {
    List<Recorded> events = GoldenEvents.events();
    String last = HashChain.GENESIS;
    for (int i = 0; i < events.size(); i++) {
      last = StoredEvent.of(GoldenEvents.DOMAIN, i + 1, events.get(i), last).hash();
    }
    ArchiveFile.Header header = new ArchiveFile.Header(GoldenEvents.DOMAIN, "journal_events_2025_01", 1, events.size(),
        HashChain.GENESIS, last, events.size());
    return header.json().encode() + "\n" + events();
  }

  /** The golden journal: one stored event a line, chained from the genesis hash. */
  static String events() {
    return events(GoldenEvents.events());
  }

  /** A golden journal of these events. */
  static String events(List<Recorded> events) {
    return events(events, java.util.Collections.nCopies(events.size(), null));
  }

  /** A golden journal of these events, each stored with the data key at its index (null: in clear). */
  static String events(List<Recorded> events, List<CustomerKey> keys) {
    StringBuilder out = new StringBuilder();
    String prev = HashChain.GENESIS;
    for (int i = 0; i < events.size(); i++) {
      StoredEvent e = StoredEvent.of(GoldenEvents.DOMAIN, i + 1, events.get(i), prev, keys.get(i));
      out.append(new JsonObject()
          .put("domain", e.domain())
          .put("seq", e.seq())
          .put("at", e.at())
          .put("actor", e.actor())
          .put("type", e.type())
          .put("contactId", e.contactId())
          .put("agentId", e.agentId())
          .put("customerId", e.customerId())
          .put("payload", e.payload())
          .put("prevHash", e.prevHash())
          .put("hash", e.hash())
          .encode()).append('\n');
      prev = e.hash();
    }
    return out.toString();
  }

  /** The golden timers: one line a timer, exactly the value Redis keeps under its key. */
  static String timers() {
    StringBuilder out = new StringBuilder();
    for (Timers.Timer t : GoldenEvents.timers()) {
      out.append(RedisTimerStore.entry(t.dueAt(), TimerFormat.encode(t.command()))).append('\n');
    }
    return out.toString();
  }

  private static void write(String name, String text) throws IOException {
    Path file = DIR.resolve(name);
    if (Files.exists(file)) {
      System.out.println("kept " + file + ": golden files are never overwritten");
      return;
    }
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    System.out.println("wrote " + file);
  }
}
