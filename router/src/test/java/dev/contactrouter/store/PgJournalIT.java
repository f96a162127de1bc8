package dev.contactrouter.store;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contactrouter.core.Event;
import dev.contactrouter.core.Recorded;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The journal contract against PostgreSQL, in a database of this class's own, plus what only the
 * real store can show: the schema is migrated once and an edited migration is refused, the table
 * refuses updates and deletes, and rows removed behind its back are found by verification.
 */
class PgJournalIT extends JournalContract {
  @RegisterExtension
  static final OwnDatabase DB = new OwnDatabase("journal");

  @Override
  Journal create() {
    // Every test connects anew, so every test also runs the migrations again (a no-op after the first).
    return await(PgJournal.connect(DB.vertx(), DB.url(), 4, 5_000));
  }

  @Override
  void edit(String domain, long seq, String payload) {
    await(DB.sql().withTransaction(conn -> conn.query("ALTER TABLE journal_events DISABLE TRIGGER journal_events_no_change")
        .execute()
        .compose(v -> conn.preparedQuery("UPDATE journal_events SET payload = $3 WHERE domain = $1 AND seq = $2")
            .execute(Tuple.of(domain, seq, payload)))
        .compose(v -> conn.query("ALTER TABLE journal_events ENABLE TRIGGER journal_events_no_change").execute())));
  }

  @Override
  void elapse(long millis) throws InterruptedException {
    Thread.sleep(millis); // bounded: the leases are judged by the server's clock
  }

  @Override
  void bumpEpoch(String domain) {
    await(DB.sql().preparedQuery("UPDATE journal_domains SET epoch = epoch + 1 WHERE domain = $1").execute(Tuple.of(domain)));
  }

  @Test
  void theSchemaIsMigratedOnceAndAChangedMigrationIsRefused() {
    var rows = await(DB.sql().query("SELECT version, name, checksum FROM schema_migrations").execute());
    assertThat(rows.size()).isEqualTo(SchemaMigrations.FILES.size());
    String checksum = rows.iterator().next().getString("checksum");

    await(DB.sql().query("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1").execute());
    try {
      assertThatThrownBy(() -> await(PgJournal.connect(DB.vertx(), DB.url(), 2, 5_000)))
          .hasMessageContaining("V1__journal.sql was changed after it was applied");
    } finally {
      await(DB.sql().preparedQuery("UPDATE schema_migrations SET checksum = $1 WHERE version = 1").execute(Tuple.of(checksum)));
    }
    await(DB.sql().query("INSERT INTO schema_migrations (version, name, checksum) VALUES (99, 'V99__future.sql', 'x')").execute());
    try {
      assertThatThrownBy(() -> await(PgJournal.connect(DB.vertx(), DB.url(), 2, 5_000)))
          .hasMessageContaining("version 99, newer than this build knows");
    } finally {
      await(DB.sql().query("DELETE FROM schema_migrations WHERE version = 99").execute());
    }
  }

  @Test
  void theEventsTableRefusesUpdatesAndDeletes() {
    JournalHead head = await(journal.open(domain));
    await(journal.append(head, entries(head, queued(2, 0))));
    Tuple key = Tuple.of(domain, 1L);

    assertThatThrownBy(() -> await(DB.sql().preparedQuery("UPDATE journal_events SET actor = 'x' WHERE domain = $1 AND seq = $2")
        .execute(key))).hasMessageContaining("append-only");
    assertThatThrownBy(() -> await(DB.sql().preparedQuery("DELETE FROM journal_events WHERE domain = $1 AND seq = $2")
        .execute(key))).hasMessageContaining("append-only");
    assertThat(await(JournalVerifier.verify(journal, domain)).intact()).isTrue();
  }

  @Test
  void verificationFindsEventsRemovedFromTheEnd() {
    JournalHead head = await(journal.open(domain));
    await(journal.append(head, entries(head, queued(4, 0))));
    await(DB.sql().withTransaction(conn -> conn.query("ALTER TABLE journal_events DISABLE TRIGGER journal_events_no_change")
        .execute()
        .compose(v -> conn.preparedQuery("DELETE FROM journal_events WHERE domain = $1 AND seq = 4").execute(Tuple.of(domain)))
        .compose(v -> conn.query("ALTER TABLE journal_events ENABLE TRIGGER journal_events_no_change").execute())));

    JournalVerifier.Report report = await(JournalVerifier.verify(journal, domain));
    assertThat(report.intact()).isFalse();
    assertThat(report.brokenAt()).isEqualTo(4);
    assertThat(report.problem()).contains("events were removed");
  }

  /**
   * A snapshot's parts are rows of their own that go with it: pruned with it, gone with every
   * snapshot an erasure drops; a part lost or changed fails its digest; and a snapshot stored whole
   * before parts existed (its text in {@code state}, no part rows) still reads and checks.
   */
  @Test
  void snapshotPartsGoWithTheirSnapshotAndAWholeOldOneStillReads() {
    JournalHead head = await(journal.open(domain));
    head = await(journal.append(head, entries(head, queued(3, 0))));
    for (long seq = 1; seq <= 3; seq++) {
      await(journal.saveSnapshot(StoredSnapshot.of(domain, seq, 1, HashChain.GENESIS,
          List.of("{\"seq\":" + seq + ",", "\"a\":1,", "\"b\":2}"))));
    }
    assertThat(partRows()).isEqualTo(PgJournal.SNAPSHOTS_KEPT * 2L);

    await(DB.sql().preparedQuery("UPDATE journal_snapshot_parts SET text = '\"b\":3}' WHERE domain = $1 AND part = 2")
        .execute(Tuple.of(domain)));
    assertThat(await(journal.latestSnapshot(domain)).orElseThrow().intact()).isFalse();
    await(DB.sql().preparedQuery("DELETE FROM journal_snapshot_parts WHERE domain = $1 AND seq = 3 AND part = 2")
        .execute(Tuple.of(domain)));
    StoredSnapshot shortened = await(journal.latestSnapshot(domain)).orElseThrow();
    assertThat(shortened.parts()).hasSize(2);
    assertThat(shortened.intact()).isFalse();

    String whole = "{\"seq\":9,\"名\":\"值\"}";
    await(DB.sql().preparedQuery("INSERT INTO journal_snapshots (domain, seq, format, chain_hash, state_hash, state)"
        + " VALUES ($1, 9, 1, $2, $3, $4)").execute(Tuple.of(domain, Buffer.buffer(HashChain.bytes(HashChain.GENESIS)),
        Buffer.buffer(HashChain.bytes(HashChain.digest(whole))), whole)));
    StoredSnapshot old = await(journal.latestSnapshot(domain)).orElseThrow();
    assertThat(old.seq()).isEqualTo(9);
    assertThat(old.parts()).containsExactly(whole);
    assertThat(old.intact()).isTrue();

    Recorded erase = new Recorded(T0 + 9, "admin", new Event.PersonalDataErased(List.of("nobody"), "asked"));
    await(journal.append(head, List.of(new JournalEntry(domain, 4, erase)),
        new StoredSnapshot.Unplaced(1, List.of("{", "\"erased\":", "true}"))));
    assertThat(partRows()).as("the erased snapshot's two parts after its first").isEqualTo(2);
    assertThat(await(journal.latestSnapshot(domain)).orElseThrow().parts())
        .containsExactly("{", "\"erased\":", "true}");
  }

  private long partRows() {
    return await(DB.sql().preparedQuery("SELECT count(*) FROM journal_snapshot_parts WHERE domain = $1")
        .execute(Tuple.of(domain))).iterator().next().getLong(0);
  }
}
