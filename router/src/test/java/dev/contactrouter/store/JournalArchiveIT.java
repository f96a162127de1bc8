package dev.contactrouter.store;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contactrouter.core.Event;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.testing.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's monthly partitions and archiving (migration V5, {@link PgArchive}) on the real
 * PostgreSQL, each test in a database of its own: a journal an older build (schema V3) left with
 * events in several months migrates into month partitions with every event and its chain intact;
 * appends land in their month's partition (or the default one); archiving honours retention, the
 * newest snapshot and domains sharing a month; verification spans archive files and live
 * partitions and names a missing or altered file.
 */
class JournalArchiveIT {
  private static final Instant JAN = Instant.parse("2024-01-10T08:00:00Z");
  private static final Instant FEB = Instant.parse("2024-02-10T08:00:00Z");
  private static final Instant MAR = Instant.parse("2024-03-10T08:00:00Z");
  private static final ArchivePolicy MONTH = new ArchivePolicy(30, Map.of());

  @TempDir
  Path archiveDir;
  private Vertx vertx;
  private TestDatabase db;
  private Pool sql;
  private PgJournal journal;

  @BeforeEach
  void database() {
    vertx = TestVertx.create();
    db = TestDatabase.create(vertx, "archive");
    sql = db.pool();
  }

  @AfterEach
  void drop() {
    if (journal != null) {
      await(journal.close());
    }
    await(sql.close());
    db.close();
    await(vertx.close());
  }

  @Test
  void aV3JournalMigratesIntoMonthPartitionsWithItsChainIntact() {
    v3Journal();
    PgJournal reader = PgJournal.reader(vertx, db.url(), 5_000);
    try {
      assertThat(await(JournalVerifier.verify(reader, "d")).intact()).as("verify-journal before the engine migrated")
          .isTrue();
    } finally {
      await(reader.close());
    }
    journal = connect();

    assertThat(partitionCounts("d")).containsExactly(Map.entry("journal_events_2024_01", 5L),
        Map.entry("journal_events_2024_02", 5L), Map.entry("journal_events_2024_03", 5L),
        Map.entry(monthPartition(Instant.now()), 3L));
    assertThat(partitionCounts("e")).containsExactly(Map.entry("journal_events_2024_02", 2L),
        Map.entry(monthPartition(Instant.now()), 1L));
    JournalVerifier.Report d = await(JournalVerifier.verify(journal, "d"));
    assertThat(d.intact()).as("%s", d).isTrue();
    assertThat(d.checked()).isEqualTo(18);
    assertThat(await(JournalVerifier.verify(journal, "e")).intact()).isTrue();

    // The append-only guard holds on every partition, whichever way it is reached.
    assertThatThrownBy(() -> await(sql.query("UPDATE journal_events_2024_01 SET actor = 'x'").execute()))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> await(sql.query("DELETE FROM journal_events WHERE seq = 1").execute()))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> await(sql.query("TRUNCATE journal_events_2024_02").execute()))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> await(sql.query("TRUNCATE journal_events").execute()))
        .hasMessageContaining("append-only");

    // The writer carries the migrated chain on.
    JournalHead head = await(journal.acquire("d", "n1", 60_000)).orElseThrow();
    await(journal.append(head, List.of(entry("d", head.seq() + 1, Instant.now()))));
    assertThat(await(JournalVerifier.verify(journal, "d")).checked()).isEqualTo(19);
  }

  @Test
  void appendsLandInTheirMonthsPartitionAndNeverFailForAMissingOne() {
    journal = connect();
    JournalHead head = await(journal.open("d"));
    Instant now = Instant.now();
    Instant next = ZonedDateTime.ofInstant(now, ZoneOffset.UTC).plusMonths(1).toInstant();
    Instant far = Instant.parse("2040-06-01T00:00:00Z");
    head = await(journal.append(head, List.of(entry("d", 1, now), entry("d", 2, next), entry("d", 3, far))));

    Map<Long, String> where = new TreeMap<>();
    for (Row r : await(sql.query("SELECT seq, tableoid::regclass::text AS p FROM journal_events").execute())) {
      where.put(r.getLong("seq"), r.getString("p"));
    }
    assertThat(where).containsExactly(Map.entry(1L, monthPartition(now)), Map.entry(2L, monthPartition(next)),
        Map.entry(3L, "journal_events_default"));
    assertThat(await(JournalVerifier.verify(journal, "d")).intact()).isTrue();
    // Creating the months ahead again is harmless, and a month already in the default partition stays there.
    PgArchive archive = journal.archive(vertx);
    await(archive.ensurePartitions(3));
    await(archive.ensurePartitions(3));
    assertThat(await(sql.query("SELECT journal_partition('2040-06-15'::timestamptz)").execute())
        .iterator().next().getString(0)).isNull();

    // The key is (domain, seq, at): a row with a repeated seq written behind the append statement's back
    // (which alone guarantees one row per seq) lands, and verification names it.
    await(sql.query("INSERT INTO journal_events SELECT domain, seq, at + interval '1 month', actor, type, contact_id,"
        + " agent_id, customer_id, payload, prev_hash, hash FROM journal_events WHERE domain = 'd' AND seq = 1").execute());
    JournalVerifier.Report twice = await(JournalVerifier.verify(journal, "d"));
    assertThat(twice.intact()).isFalse();
    assertThat(twice.problem()).contains("event 1 appears twice");
  }

  @Test
  void archivingHonoursRetentionSnapshotsAndSharedMonthsThenVerifiesAcrossTheBoundary() throws IOException {
    v3Journal();
    journal = connect();
    PgArchive archive = journal.archive(vertx);
    Map<String, Integer> eKeepsAll = Map.of("e", 0);

    // No snapshot: recovery would need every event, so nothing goes.
    PgArchive.Outcome none = await(archive.archiveDue(archiveDir, MONTH, Instant.now()));
    assertThat(none.archived()).isEmpty();
    assertThat(none.stopped()).contains("journal_events_2024_01", "snapshot");
    // A snapshot at seq 5 still needs event 5 (recovery checks the event it names): January stays.
    await(journal.saveSnapshot(StoredSnapshot.of("d", 5, 3, hashOf("d", 5), List.of("{}"))));
    assertThat(await(archive.archiveDue(archiveDir, MONTH, Instant.now())).archived()).isEmpty();
    // Retention not reached: nothing goes.
    await(journal.saveSnapshot(StoredSnapshot.of("d", 12, 3, hashOf("d", 12), List.of("{}"))));
    assertThat(await(archive.archiveDue(archiveDir, MONTH, Instant.parse("2024-02-20T00:00:00Z"))).archived())
        .isEmpty();

    // January holds only d's events, all before its snapshot at 12; February is shared with e, which keeps all.
    PgArchive.Outcome first = await(archive.archiveDue(archiveDir, new ArchivePolicy(30, eKeepsAll), Instant.now()));
    assertThat(first.archived()).containsExactly("journal_events_2024_01");
    assertThat(first.stopped()).contains("journal_events_2024_02", "e", "keeps its journal whole");
    // e may drop its events now, but has no snapshot yet.
    assertThat(await(archive.archiveDue(archiveDir, MONTH, Instant.now())).stopped()).contains("e", "snapshot");
    await(journal.saveSnapshot(StoredSnapshot.of("e", 3, 3, hashOf("e", 3), List.of("{}"))));
    PgArchive.Outcome second = await(archive.archiveDue(archiveDir, MONTH, Instant.now()));
    assertThat(second.archived()).containsExactly("journal_events_2024_02");
    assertThat(second.stopped()).as("March reaches d's snapshot").contains("journal_events_2024_03", "snapshot");

    assertThat(await(archive.partitions())).extracting(PgArchive.Partition::name)
        .doesNotContain("journal_events_2024_01", "journal_events_2024_02").contains("journal_events_2024_03");
    assertThat(await(journal.stored("d", 0, 100)).get(0).seq()).as("the live part starts after the archive").isEqualTo(11);
    assertThat(await(journal.archived("d")).seq()).isEqualTo(10);
    assertThat(archiveDir.resolve("d/journal_events_2024_01.ndjson.gz")).isRegularFile();
    assertThat(archiveDir.resolve("d/journal_events_2024_02.ndjson.gz")).isRegularFile();
    assertThat(archiveDir.resolve("e/journal_events_2024_02.ndjson.gz")).isRegularFile();

    // Without the files, the live part verifies from the recorded anchor; with them, the whole chain does.
    JournalVerifier.Report live = await(JournalVerifier.verify(journal, "d"));
    assertThat(live.intact()).as("%s", live).isTrue();
    assertThat(live.checked()).isEqualTo(8);
    JournalVerifier.Report whole = verifyWithArchives("d");
    assertThat(whole.intact()).as("%s", whole).isTrue();
    assertThat(whole.checked()).isEqualTo(18);
    assertThat(whole.lastHash()).isEqualTo(live.lastHash());
    assertThat(verifyWithArchives("e").checked()).isEqualTo(3);

    // The chain goes on across the boundary.
    JournalHead head = await(journal.acquire("d", "n1", 60_000)).orElseThrow();
    await(journal.append(head, List.of(entry("d", head.seq() + 1, Instant.now()))));
    assertThat(verifyWithArchives("d").checked()).isEqualTo(19);

    // An altered file is named; the live part alone still verifies.
    Path february = archiveDir.resolve("d/journal_events_2024_02.ndjson.gz");
    rewrite(february, line -> line.replace("c-7", "c-X"));
    JournalVerifier.Report altered = verifyWithArchives("d");
    assertThat(altered.intact()).isFalse();
    assertThat(altered.brokenAt()).isEqualTo(6);
    assertThat(altered.problem()).contains("journal_events_2024_02.ndjson.gz", "altered");
    assertThat(await(JournalVerifier.verify(journal, "d")).intact()).isTrue();

    // A missing one too.
    Files.delete(archiveDir.resolve("d/journal_events_2024_01.ndjson.gz"));
    JournalVerifier.Report missing = verifyWithArchives("d");
    assertThat(missing.intact()).isFalse();
    assertThat(missing.brokenAt()).isEqualTo(1);
    assertThat(missing.problem()).contains("journal_events_2024_01.ndjson.gz", "missing");
  }

  @Test
  void aFileWhoseChainWasRewrittenWithItsRecordIsStillCaught() throws IOException {
    v3Journal();
    journal = connect();
    await(journal.saveSnapshot(StoredSnapshot.of("d", 12, 3, hashOf("d", 12), List.of("{}"))));
    assertThat(await(journal.archive(vertx).archiveDue(archiveDir, new ArchivePolicy(30, Map.of("e", 0)),
        Instant.now())).archived()).containsExactly("journal_events_2024_01");
    // Someone edits an event and records the file's new digest (the record is append-only: bypass its guard).
    Path january = archiveDir.resolve("d/journal_events_2024_01.ndjson.gz");
    rewrite(january, line -> line.replace("c-3", "c-Y"));
    String digest = sha(january);
    await(sql.withTransaction(conn -> conn.query("ALTER TABLE journal_archives DISABLE TRIGGER journal_archives_no_change")
        .execute()
        .compose(v -> conn.preparedQuery("UPDATE journal_archives SET file_sha256 = $1 WHERE partition = $2")
            .execute(Tuple.of(digest, "journal_events_2024_01")))
        .compose(v -> conn.query("ALTER TABLE journal_archives ENABLE TRIGGER journal_archives_no_change").execute())));

    JournalVerifier.Report report = verifyWithArchives("d");
    assertThat(report.intact()).isFalse();
    assertThat(report.brokenAt()).isEqualTo(3);
    assertThat(report.problem()).contains("journal_events_2024_01.ndjson.gz", "changed after it was written");
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Schema V3 (the one before partitions) with d: events 1-5 in January, 6-10 February, 11-15 March,
   * 16-18 now; e: 1-2 February, 3 now. Written with V1's own columns, as a build of that time stored
   * them (today's append also keeps customer keys, a table V3 does not have).
   */
  private void v3Journal() {
    assertThat(await(SchemaMigrations.migrate(vertx, sql, 3))).isEqualTo(3);
    v3Append("d", List.of(JAN, JAN, JAN, JAN, JAN, FEB, FEB, FEB, FEB, FEB, MAR, MAR, MAR, MAR, MAR,
        Instant.now(), Instant.now(), Instant.now()));
    v3Append("e", List.of(FEB, FEB.plusSeconds(60), Instant.now()));
  }

  private void v3Append(String domain, List<Instant> ats) {
    String prev = HashChain.GENESIS;
    long seq = 0;
    for (Instant at : ats) {
      seq++;
      StoredEvent e = StoredEvent.of(domain, seq, entry(domain, seq, at.plusMillis(seq - 1)).recorded(), prev);
      await(sql.preparedQuery("INSERT INTO journal_events (" + PgJournal.COLUMNS
              + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
          .execute(Tuple.of(domain, e.seq(), java.time.OffsetDateTime.ofInstant(Instant.ofEpochMilli(e.at()), ZoneOffset.UTC),
              e.actor(), e.type(), e.contactId()).addValue(e.agentId()).addValue(e.customerId()).addValue(e.payload())
              .addValue(io.vertx.core.buffer.Buffer.buffer(HashChain.bytes(e.prevHash())))
              .addValue(io.vertx.core.buffer.Buffer.buffer(HashChain.bytes(e.hash())))));
      prev = e.hash();
    }
    await(sql.preparedQuery("INSERT INTO journal_domains (domain, last_seq, last_hash) VALUES ($1, $2, $3)")
        .execute(Tuple.of(domain, seq, io.vertx.core.buffer.Buffer.buffer(HashChain.bytes(prev)))));
  }

  private static JournalEntry entry(String domain, long seq, Instant at) {
    return new JournalEntry(domain, seq, new Recorded(at.toEpochMilli(), "telephony", new Event.ContactAbandoned("c-" + seq)));
  }

  private PgJournal connect() {
    return await(PgJournal.connect(vertx, db.url(), 2, 5_000));
  }

  private String hashOf(String domain, long seq) {
    return await(journal.stored(domain, seq - 1, 1)).get(0).hash();
  }

  private JournalVerifier.Report verifyWithArchives(String domain) {
    return await(JournalVerifier.verifyWithArchives(vertx, journal, journal.archive(vertx), domain, archiveDir));
  }

  private Map<String, Long> partitionCounts(String domain) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : await(sql.preparedQuery("SELECT tableoid::regclass::text AS p, count(*) AS n FROM journal_events"
        + " WHERE domain = $1 GROUP BY 1").execute(Tuple.of(domain)))) {
      out.put(r.getString("p"), r.getLong("n"));
    }
    return out;
  }

  private static String monthPartition(Instant at) {
    ZonedDateTime t = ZonedDateTime.ofInstant(at, ZoneOffset.UTC);
    return String.format("journal_events_%04d_%02d", t.getYear(), t.getMonthValue());
  }

  private static void rewrite(Path gz, java.util.function.UnaryOperator<String> edit) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(edit.apply(line));
      }
    }
    try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(gz)),
        StandardCharsets.UTF_8))) {
      for (String line : lines) {
        out.write(line);
        out.write('\n');
      }
    }
  }

  private static String sha(Path file) throws IOException {
    return ArchiveFile.sha256(file);
  }
}
