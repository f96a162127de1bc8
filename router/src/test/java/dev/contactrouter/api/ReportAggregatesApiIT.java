package dev.contactrouter.api;

import static dev.contactrouter.testing.Await.await;
import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.Await;
import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On PostgreSQL, {@code /v1/reports/queues}, {@code agents}, {@code complaints}, {@code accounts}
 * and {@code headline} answer from the aggregates the engine's follower keeps (the {@code
 * X-Report-Source} header says so) with the same numbers, to the byte, as the whole journal folded
 * (asked for with a period that starts a millisecond off a 15-minute edge, which only the fold
 * answers, over the same events).
 */
@Timeout(120)
class ReportAggregatesApiIT {
  private static final long STEP = 15 * 60_000L;

  @RegisterExtension
  static final EngineExtension engines = EngineExtension.onPostgres();

  @Test
  void reportsFromTheAggregatesEqualTheFold() {
    EngineUnderTest engine = engines.engine();
    await(engine.stocksDesk(300, 0));
    engine.ok("PUT", "/v1/agents/a1/status", A1, new JsonObject().put("status", "available"));
    for (int i = 0; i < 5; i++) {
      String id = engine.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice")
          .put("queue", "stocks").put("customer", new JsonObject().put("id", "cust-" + i).put("name", "Customer " + i)))
          .getString("id");
      String offer = engine.ok("GET", "/v1/agents/a1", A1, null).getJsonArray("offers").getJsonObject(0)
          .getString("offerId");
      engine.ok("POST", "/v1/offers/" + offer + "/accept", A1, null);
      engine.ok("POST", "/v1/contacts/" + id + "/complete", A1, new JsonObject().put("disposition", "resolved"));
      engine.ok("POST", "/v1/contacts/" + id + "/survey", SUPERVISOR, new JsonObject().put("csat", 1 + i).put("nps", 2 * i));
    }
    caughtUp();

    long from = Math.floorDiv(System.currentTimeMillis(), STEP) * STEP - 24 * 3600_000L;
    String to = Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis(), STEP) * STEP + 2 * STEP).toString();
    for (String kind : new String[] {"queues", "agents", "complaints", "accounts", "headline"}) {
      for (String interval : new String[] {"15m", "hour", "day"}) {
        String query = "&to=" + to + "&interval=" + interval + "&timeZone=Asia/Kolkata&slaSeconds=30";
        HttpResponse<String> summed = report(kind, Instant.ofEpochMilli(from) + query);
        HttpResponse<String> folded = report(kind, Instant.ofEpochMilli(from - 1) + query);
        assertThat(summed.headers().firstValue(ReportHandler.SOURCE_HEADER)).hasValueSatisfying(
            v -> assertThat(v).startsWith("aggregates;seq="));
        assertThat(folded.headers().firstValue(ReportHandler.SOURCE_HEADER)).hasValue("journal");
        assertThat(summed.body()).as("%s by %s", kind, interval).isEqualTo(folded.body());
      }
    }
    JsonObject headline = new JsonObject(report("headline", Instant.ofEpochMilli(from) + "&to=" + to).body());
    assertThat(headline.getLong("answered")).isEqualTo(5);
    assertThat(headline.getLong("surveys")).isEqualTo(5);

    // The default period (the console's: the last 24 hours) starts on an edge, so the aggregates answer it.
    HttpResponse<String> byDefault = engines.engine().send("GET", "/v1/reports/headline", SUPERVISOR, null);
    assertThat(byDefault.statusCode()).as(byDefault.body()).isEqualTo(200);
    assertThat(byDefault.headers().firstValue(ReportHandler.SOURCE_HEADER)).hasValueSatisfying(
        v -> assertThat(v).startsWith("aggregates;seq="));
    assertThat(new JsonObject(byDefault.body()).getLong("answered")).isEqualTo(5);

    // A threshold the aggregates do not count is answered by the fold.
    assertThat(report("queues", Instant.ofEpochMilli(from) + "&to=" + to + "&slaSeconds=7").headers()
        .firstValue(ReportHandler.SOURCE_HEADER)).hasValue("journal");
  }

  private HttpResponse<String> report(String kind, String fromAndMore) {
    HttpResponse<String> r = engines.engine().send("GET", "/v1/reports/" + kind + "?from=" + fromAndMore, SUPERVISOR, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r;
  }

  /** Waits (bounded) until the follower has folded every journaled event. */
  private static void caughtUp() {
    Pool sql = engines.database().pool();
    try {
      Await.until("the report aggregates reach the journal's head", () -> {
        long head = await(sql.preparedQuery("SELECT last_seq FROM journal_domains WHERE domain = $1")
            .execute(Tuple.of("default"))).iterator().next().getLong(0);
        var rows = await(sql.preparedQuery("SELECT seq FROM report_positions WHERE domain = $1")
            .execute(Tuple.of("default")));
        return rows.size() == 1 && rows.iterator().next().getLong(0) == head;
      }, Duration.ofSeconds(30));
    } finally {
      await(sql.close());
    }
  }
}
