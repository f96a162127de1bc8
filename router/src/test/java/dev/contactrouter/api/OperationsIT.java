package dev.contactrouter.api;

import static dev.contactrouter.testing.Await.await;
import static dev.contactrouter.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.RouterApp;
import dev.contactrouter.store.RedisServer;
import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator relies on, against the real PostgreSQL and a Redis of the test's own: the
 * engine's metrics on {@code /metrics}, and readiness that names the journal or the timer store
 * when either becomes unreachable and recovers by itself when it is back.
 */
class OperationsIT {
  @RegisterExtension
  static final EngineExtension engines = EngineExtension.onPostgres().withRedis()
      .vertxOptions(RouterApp.vertxOptions()).with("ROUTER_HTTP_INSTANCES", 1).startedByTest();

  @Test
  void metricsCountWhatHappenedAndReadinessFollowsTheJournalAndTheTimerStore() throws Exception {
    RedisServer redis = engines.redis();
    TcpProxy proxy = new TcpProxy("127.0.0.1", 5432);
    await(engines.vertx().deployVerticle(proxy));
    String pgUrl = "postgresql://postgres@127.0.0.1:" + proxy.port() + "/" + engines.database().name();
    JsonObject config = new JsonObject()
        .put("ROUTER_PG_URL", pgUrl)
        .put("ROUTER_JOURNAL_TIMEOUT_MS", 1000)
        .put("ROUTER_JWT_SECRET", "operations-test-signing-secret-0123456789");
    try (EngineUnderTest e = engines.start(config)) {
      e.ok("PUT", "/v1/queues/stocks", EngineUnderTest.ADMIN, new JsonObject().put("name", "Stocks").put("channel", "voice"));
      e.ok("PUT", "/v1/agents/a1", EngineUnderTest.ADMIN, new JsonObject().put("name", "Li Wei"));
      e.ok("PUT", "/v1/agents/a1/status", EngineUnderTest.A1, new JsonObject().put("status", "available"));
      JsonObject contact = e.ok("POST", "/v1/contacts", EngineUnderTest.TELEPHONY,
          new JsonObject().put("channel", "voice").put("queue", "stocks"));
      e.ok("POST", "/v1/offers/" + contact.getJsonObject("offer").getString("offerId") + "/accept", EngineUnderTest.A1, null);

      String metrics = until("the engine's gauges on /metrics", () -> e.send("GET", "/metrics", null, (JsonObject) null),
          r -> r.body().contains("router_contacts_waiting{"), Duration.ofSeconds(10)).body();
      assertThat(metrics)
          .contains("router_offers_total{domain=\"default\",outcome=\"made\"} 1.0")
          .contains("router_offers_total{domain=\"default\",outcome=\"accepted\"} 1.0")
          .contains("router_contacts_total{domain=\"default\",outcome=\"queued\"} 1.0")
          .contains("router_decision_seconds_count{domain=\"default\"}")
          .contains("router_journal_commit_seconds_count{domain=\"default\"}")
          .contains("router_journal_batch_events_count{domain=\"default\"}")
          .contains("router_agents{domain=\"default\",state=\"busy\"} 1.0")
          .contains("router_domain_available{domain=\"default\"} 1.0")
          .contains("router_timers_armed_total{domain=\"default\"}")
          .contains("vertx_http_server_requests_total");

      assertThat(ready(e).statusCode()).isEqualTo(200);
      assertThat(e.send("GET", "/health/live", null, (JsonObject) null).statusCode()).isEqualTo(200);

      await(proxy.cut());
      HttpResponse<String> down = until("not ready without the journal", () -> ready(e), r -> r.statusCode() == 503,
          Duration.ofSeconds(15));
      assertThat(check(down, "journal").getString("status")).isEqualTo("DOWN");
      assertThat(check(down, "timers").getString("status")).isEqualTo("UP");
      assertThat(e.send("GET", "/health/live", null, (JsonObject) null).statusCode()).as("still live").isEqualTo(200);
      await(proxy.restore());
      until("ready with the journal back", () -> ready(e), r -> r.statusCode() == 200, Duration.ofSeconds(30));

      redis.shutdownNoSave();
      HttpResponse<String> noTimers = until("not ready without Redis", () -> ready(e), r -> r.statusCode() == 503,
          Duration.ofSeconds(15));
      assertThat(check(noTimers, "timers").getString("status")).isEqualTo("DOWN");
      assertThat(check(noTimers, "journal").getString("status")).isEqualTo("UP");
      redis.launch();
      until("ready with Redis back", () -> ready(e), r -> r.statusCode() == 200, Duration.ofSeconds(30));
    }
  }

  private static HttpResponse<String> ready(EngineUnderTest e) {
    return e.send("GET", "/health/ready", null, (JsonObject) null);
  }

  /** A named check of a health answer, with its status UP or DOWN. */
  private static JsonObject check(HttpResponse<String> health, String id) {
    for (Object o : new JsonObject(health.body()).getJsonArray("checks", new JsonArray())) {
      JsonObject c = (JsonObject) o;
      if (id.equals(c.getString("id"))) {
        return c;
      }
    }
    throw new AssertionError("no check " + id + " in " + health.body());
  }
}
