package dev.contactrouter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.Recorded;
import dev.contactrouter.store.format.GoldenEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archive file format 1 is frozen: what the writer puts inside the gzip stream for the golden
 * journal is {@code journal-format/archive-v1.ndjson} to the byte, and that file read back gives
 * the golden events, with their hashes, chained from its anchor.
 */
class ArchiveFileGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/journal-format/archive-v1.ndjson");
  private static final String PARTITION = "journal_events_2025_01";

  @TempDir
  Path dir;

  @Test
  void theWriterWritesTheGoldenFileToTheByte() throws IOException {
    List<StoredEvent> events = golden();
    StoredEvent last = events.get(events.size() - 1);
    Path file = dir.resolve("golden.ndjson.gz");
    String sha;
    try (ArchiveFile.Writer writer = new ArchiveFile.Writer(file, new ArchiveFile.Header(GoldenEvents.DOMAIN, PARTITION,
        1, last.seq(), HashChain.GENESIS, last.hash(), events.size()))) {
      writer.write(events.subList(0, 3));
      writer.write(events.subList(3, events.size()));
      sha = writer.finish();
    }
    assertThat(sha).isEqualTo(ArchiveFile.sha256(file));
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(Files.readString(GOLDEN));
    }
  }

  @Test
  void theGoldenFileReadsBackAsTheGoldenEventsAndItsChainHolds() throws IOException {
    Path file = dir.resolve(GoldenEvents.DOMAIN + ".ndjson.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(Files.readAllBytes(GOLDEN));
    }
    List<StoredEvent> expected = golden();
    StoredEvent last = expected.get(expected.size() - 1);
    List<StoredEvent> read = new ArrayList<>();
    try (ArchiveFile.Reader in = new ArchiveFile.Reader(file)) {
      assertThat(in.header()).isEqualTo(new ArchiveFile.Header(GoldenEvents.DOMAIN, PARTITION, 1, last.seq(),
          HashChain.GENESIS, last.hash(), expected.size()));
      for (StoredEvent e = in.next(); e != null; e = in.next()) {
        read.add(e);
      }
    }
    assertThat(read).isEqualTo(expected);
    assertThat(read).extracting(StoredEvent::recorded).isEqualTo(GoldenEvents.events());

    PgArchive.Archived record = new PgArchive.Archived(GoldenEvents.DOMAIN, PARTITION, 1, last.seq(), HashChain.GENESIS,
        last.hash(), file.getFileName().toString(), ArchiveFile.sha256(file));
    assertThat(JournalVerifier.walk(new JournalVerifier.Check(GoldenEvents.DOMAIN), dir, record)).isNull();
  }

  private static List<StoredEvent> golden() {
    List<StoredEvent> out = new ArrayList<>();
    String prev = HashChain.GENESIS;
    for (Recorded r : GoldenEvents.events()) {
      StoredEvent e = StoredEvent.of(GoldenEvents.DOMAIN, out.size() + 1, r, prev);
      out.add(e);
      prev = e.hash();
    }
    return out;
  }
}
