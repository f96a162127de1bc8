package dev.contactrouter.engine;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.Channel;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.Refusal;
import dev.contactrouter.store.ArchivePolicy;
import dev.contactrouter.store.JournalVerifier;
import dev.contactrouter.store.PgArchive;
import dev.contactrouter.store.PgJournal;
import dev.contactrouter.store.TestDatabase;
import dev.contactrouter.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A domain's writer restarts over a PostgreSQL journal whose oldest months were archived, with the
 * archive files gone: it starts from its newest snapshot (archiving never reaches it), replays the
 * live events after it (the events of January to March 2024 are written on a test clock), holds every contact of the archived months, verifies its live chain from
 * the recorded anchor, and goes on taking work; an erasure, which would rebuild from the first
 * event, is refused there.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ArchivedRecoveryIT {
  private static final String DOMAIN = "archived";
  private static final Instant JAN = Instant.parse("2024-01-10T08:00:00Z");
  private static final Instant FEB = Instant.parse("2024-02-10T08:00:00Z");
  private static final Instant MAR = Instant.parse("2024-03-10T08:00:00Z");

  @TempDir
  Path archiveDir;

  @Test
  void aWriterRestartsWithoutTheArchiveOnceItsOldMonthsAreArchived(Vertx vertx) throws IOException {
    try (TestDatabase db = TestDatabase.create(vertx, "recovery")) {
      Pool sql = db.pool();
      PgJournal journal = await(PgJournal.connect(vertx, db.url(), 4, 5_000));
      // The months of old events, as the migration makes them for a journal that already has some.
      for (Instant month : new Instant[] {JAN, FEB, MAR}) {
        await(sql.preparedQuery("SELECT journal_partition($1)").execute(Tuple.of(OffsetDateTime.ofInstant(month, ZoneOffset.UTC))));
      }
      AtomicLong clock = new AtomicLong(JAN.toEpochMilli());
      DomainClient client = new DomainClient(vertx, 5_000);
      String first = await(vertx.deployVerticle(writer(journal, clock)));
      QueueSpec queue =
        new QueueSpec("stocks", null, Channel.VOICE, Map.of(), null, Set.of(), 10, 0.5, 600, 0, 180, null, null, null);
      await(client.command(DOMAIN, new Command.ConfigureQueue("admin", queue)));
      for (int i = 0; i < 12; i++) {
        clock.set((i < 6 ? JAN : FEB).toEpochMilli() + i * 1_000L);
        await(client.command(DOMAIN, new Command.CreateContact("telephony", contact("c" + i))));
      }
      long lastOld = await(journal.head(DOMAIN)).seq();
      for (int i = 12; i < 20; i++) {
        clock.set(MAR.toEpochMilli() + i * 1_000L);
        await(client.command(DOMAIN, new Command.CreateContact("telephony", contact("c" + i))));
      }
      Await.until("a snapshot after the old months", () -> await(journal.latestSnapshot(DOMAIN))
          .map(s -> s.seq() > lastOld).orElse(false), Duration.ofSeconds(20));
      await(vertx.undeploy(first));

      PgArchive.Outcome outcome = await(journal.archive(vertx).archiveDue(archiveDir, new ArchivePolicy(30, Map.of()),
          Instant.now()));
      assertThat(outcome.archived()).containsExactly("journal_events_2024_01", "journal_events_2024_02");
      assertThat(outcome.stopped()).as("March holds the snapshot").contains("journal_events_2024_03", "snapshot");
      assertThat(await(journal.archived(DOMAIN)).seq()).isEqualTo(lastOld);
      await(journal.close());
      try (Stream<Path> files = Files.walk(archiveDir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }

      // A restart over the same database, archive gone.
      PgJournal again = await(PgJournal.connect(vertx, db.url(), 4, 5_000));
      try {
        await(vertx.deployVerticle(writer(again, clock)));
        for (int i = 0; i < 20; i++) {
          assertThat(await(client.ask(DOMAIN, new DomainQuery.ContactQuery("c" + i)))).as("c%d", i).isPresent();
        }
        assertThat(await(client.ask(DOMAIN, new DomainQuery.StatusQuery())).seq())
            .as("rebuilt to the head").isEqualTo(await(again.head(DOMAIN)).seq());
        JournalVerifier.Report report = await(JournalVerifier.verify(DOMAIN, client.journalSource(DOMAIN)));
        assertThat(report.intact()).as("%s", report).isTrue();
        assertThat(report.checked()).isEqualTo(await(again.head(DOMAIN)).seq() - lastOld);
        await(client.command(DOMAIN, new Command.CreateContact("telephony", contact("after"))));
        assertThat(await(client.ask(DOMAIN, new DomainQuery.ContactQuery("after")))).isPresent();

        // An erasure would rebuild from the first event, which is archived: refused, and nothing changes.
        long head = await(again.head(DOMAIN)).seq();
        Throwable refused = await(client.command(DOMAIN,
            new Command.ErasePersonalData("admin:ops", "cust-1", null, "customer asked"))
            .map(applied -> (Throwable) null).otherwise(err -> err));
        assertThat(refused).isInstanceOf(CommandRefused.class).hasMessageContaining("archived");
        assertThat(((CommandRefused) refused).reason()).isEqualTo(Refusal.CONFLICT);
        assertThat(await(again.head(DOMAIN)).seq()).isEqualTo(head);
        await(client.command(DOMAIN, new Command.CreateContact("telephony", contact("still"))));
      } finally {
        await(again.close());
        await(sql.close());
      }
    }
  }

  private static DomainVerticle writer(PgJournal journal, AtomicLong clock) {
    // No timer fires and no reconciler runs: the state after the restart is exactly what the journal rebuilds.
    return new DomainVerticle(DOMAIN, journal, new DeafTimerStore(), clock::get,
        new DomainVerticle.Options(2_000, 3_000, 5, 0, 10_000, 12 * 3_600_000L));
  }

  private static ContactSpec contact(String id) {
    return ContactSpec.of(id, Channel.VOICE, "stocks");
  }
}
