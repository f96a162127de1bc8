package dev.contactrouter.api;

import static dev.contactrouter.testing.Await.await;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.store.ArchivePolicy;
import dev.contactrouter.store.PgArchive;
import dev.contactrouter.store.PgJournal;
import dev.contactrouter.store.TestDatabase;
import dev.contactrouter.testing.Await;
import dev.contactrouter.testing.EngineUnderTest;
import dev.contactrouter.testing.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit API over a journal whose oldest months were archived: the export reads the live part
 * and says, with {@code Journal-Archived-Through}, that a range starting earlier begins in the
 * archive; {@code /v1/audit/verify} checks the live chain from the recorded anchor. The engine's
 * writers run on a test clock so that its first events fall in months long past.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ArchivedAuditIT {
  private static final Instant JAN = Instant.parse("2024-01-10T08:00:00Z");
  private static final Instant MAR = Instant.parse("2024-03-10T08:00:00Z");

  @TempDir
  Path archiveDir;

  @Test
  void theExportSaysWhereTheArchiveEndsAndVerifyStartsThere() {
    Vertx vertx = TestVertx.create();
    try (TestDatabase db = TestDatabase.create(vertx, "audit_archive")) {
      Pool sql = db.pool();
      AtomicLong clock = new AtomicLong(JAN.toEpochMilli());
      RouterConfig config = RouterConfig.from(EngineUnderTest.defaults()
          .put("ROUTER_PG_URL", db.url())
          .put("ROUTER_SNAPSHOT_EVERY", 5)
          .put("ROUTER_RECONCILE_SECONDS", 0)
          .put("ROUTER_JOURNAL_RETENTION_DAYS", 30)
          .put("ROUTER_ARCHIVE_DIR", archiveDir.toString())
          .put("ROUTER_ARCHIVE_EVERY_SECONDS", 0));
      EngineUnderTest engine = EngineUnderTest.start(vertx, config, clock::get);
      try {
        for (Instant month : new Instant[] {JAN, MAR}) {
          await(sql.preparedQuery("SELECT journal_partition($1)").execute(Tuple.of(OffsetDateTime.ofInstant(month, ZoneOffset.UTC))));
        }
        await(engine.stocksDesk(600, 0));
        for (int i = 0; i < 3; i++) {
          clock.addAndGet(1_000);
          await(engine.newContact(new JsonObject().put("externalId", "jan-" + i)));
        }
        long lastOld = head(sql);
        clock.set(MAR.toEpochMilli());
        for (int i = 0; i < 8; i++) {
          clock.addAndGet(1_000);
          await(engine.newContact(new JsonObject().put("externalId", "mar-" + i)));
        }
        // Archiving waits for a snapshot past January and for the webhook deliverer's saved mark (every second).
        Await.until("a snapshot in March and the deliverer's mark past January",
            () -> max(sql, "journal_snapshots") > lastOld && max(sql, "webhook_positions") >= lastOld,
            Duration.ofSeconds(20));

        PgJournal journal = await(PgJournal.connect(vertx, db.url(), 2, 5_000));
        try {
          PgArchive.Outcome outcome = await(journal.archive(vertx).archiveDue(archiveDir, new ArchivePolicy(30, Map.of()),
              Instant.now()));
          assertThat(outcome.archived()).as(outcome.stopped()).containsExactly("journal_events_2024_01");
        } finally {
          await(journal.close());
        }

        HttpResponse<Buffer> all = await(engine.call(HttpMethod.GET, "/v1/audit", SUPERVISOR, null));
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.getHeader("Journal-Archived-Through")).isEqualTo(Long.toString(lastOld));
        String firstLine = all.bodyAsString().lines().findFirst().orElseThrow();
        assertThat(new JsonObject(firstLine).getLong("seq")).as("the live part only").isEqualTo(lastOld + 1);

        HttpResponse<Buffer> march = await(engine.call(HttpMethod.GET, "/v1/audit?from=2024-03-01T00:00:00Z",
            SUPERVISOR, null));
        assertThat(march.statusCode()).isEqualTo(200);
        assertThat(march.getHeader("Journal-Archived-Through")).as("the range starts in the live part").isNull();

        JsonObject report = await(engine.ok(HttpMethod.GET, "/v1/audit/verify", SUPERVISOR, null));
        assertThat(report.getBoolean("intact")).as("%s", report).isTrue();
        assertThat(report.getLong("checked")).isEqualTo(head(sql) - lastOld);
      } finally {
        engine.close();
        await(sql.close());
      }
    } finally {
      await(vertx.close());
    }
  }

  private static long head(Pool sql) {
    return await(sql.query("SELECT last_seq FROM journal_domains").execute()).iterator().next().getLong(0);
  }

  private static long max(Pool sql, String table) {
    Long seq = await(sql.query("SELECT max(seq) FROM " + table).execute()).iterator().next().getLong(0);
    return seq == null ? 0 : seq;
  }
}
