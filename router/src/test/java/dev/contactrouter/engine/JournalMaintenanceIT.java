package dev.contactrouter.engine;

import static dev.contactrouter.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.Event;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.store.ArchivePolicy;
import dev.contactrouter.store.JournalEntry;
import dev.contactrouter.store.JournalHead;
import dev.contactrouter.store.PgArchive;
import dev.contactrouter.store.PgJournal;
import dev.contactrouter.store.StoredSnapshot;
import dev.contactrouter.store.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's journal maintenance: it creates the coming months' partitions when deployed, and a
 * round archives only on the node that holds the lease of the domain it watches.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalMaintenanceIT {
  private static final Instant JAN = Instant.parse("2024-01-10T08:00:00Z");

  @TempDir
  Path archiveDir;

  @Test
  void partitionsAheadOnEveryNodeArchivingOnlyOnTheLeaseHolder(Vertx vertx) {
    try (TestDatabase db = TestDatabase.create(vertx, "maintenance")) {
      Pool sql = db.pool();
      PgJournal journal = await(PgJournal.connect(vertx, db.url(), 2, 5_000));
      try {
        PgArchive archive = journal.archive(vertx);
        await(sql.query("SELECT journal_partition('2024-01-15'::timestamptz)").execute());
        await(journal.open("d"));
        JournalHead head = await(journal.acquire("d", "n1#i1", 60_000)).orElseThrow();
        List<JournalEntry> batch = new ArrayList<>();
        for (Instant at : List.of(JAN, JAN.plusSeconds(1), Instant.now(), Instant.now().plusMillis(1))) {
          batch.add(new JournalEntry("d", batch.size() + 1,
              new Recorded(at.toEpochMilli(), "web", new Event.ContactAbandoned("c-" + batch.size()))));
        }
        await(journal.append(head, batch));
        String third = await(journal.stored("d", 2, 1)).get(0).hash();
        await(journal.saveSnapshot(StoredSnapshot.of("d", 3, 3, third, List.of("{}"))));
        // A month ahead is missing until a maintenance verticle is deployed.
        OffsetDateTime ahead = OffsetDateTime.now(ZoneOffset.UTC).plusMonths(JournalMaintenanceVerticle.MONTHS_AHEAD);
        String aheadName = String.format("journal_events_%04d_%02d", ahead.getYear(), ahead.getMonthValue());
        await(sql.query("DROP TABLE " + aheadName).execute());

        JournalMaintenanceVerticle other = maintenance(archive, journal, "n2");
        await(vertx.deployVerticle(other));
        assertThat(await(archive.partitions())).extracting(PgArchive.Partition::name).contains(aheadName);
        assertThat(await(other.run())).as("not the lease holder: nothing archived").isNull();
        assertThat(await(archive.partitions())).extracting(PgArchive.Partition::name).contains("journal_events_2024_01");

        JournalMaintenanceVerticle holder = maintenance(archive, journal, "n1");
        await(vertx.deployVerticle(holder));
        PgArchive.Outcome outcome = await(holder.run());
        assertThat(outcome.archived()).containsExactly("journal_events_2024_01");
        assertThat(archiveDir.resolve("d/journal_events_2024_01.ndjson.gz")).isRegularFile();
        assertThat(await(journal.archived("d")).seq()).isEqualTo(2);
      } finally {
        await(journal.close());
        await(sql.close());
      }
    }
  }

  private JournalMaintenanceVerticle maintenance(PgArchive archive, PgJournal journal, String nodeId) {
    return new JournalMaintenanceVerticle(archive, journal, new JournalMaintenanceVerticle.Options(
        new ArchivePolicy(30, Map.of()), archiveDir, 3_600_000L, "d", nodeId), System::currentTimeMillis);
  }
}
