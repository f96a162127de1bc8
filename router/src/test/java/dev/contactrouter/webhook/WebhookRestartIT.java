package dev.contactrouter.webhook;

import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhooks across a restart on PostgreSQL: the subscription replays from the journal, and
 * deliveries resume from the saved position: what the receiver had acknowledged is not sent
 * again, what it had not (its receiver was down) is delivered by the next process, with the same
 * event id.
 */
@Timeout(90)
class WebhookRestartIT {
  @RegisterExtension
  static final EngineExtension engines = EngineExtension.onPostgres().startedByTest()
      .with("ROUTER_HTTP_INSTANCES", 1)
      .with("ROUTER_WEBHOOK_RETRY_FIRST_MS", 100)
      .with("ROUTER_WEBHOOK_RETRY_MAX_MS", 200);

  @Test
  void theSubscriptionAndItsPositionSurviveARestart() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      EngineUnderTest first = engines.start(new JsonObject());
      first.ok("PUT", "/v1/queues/stocks", ADMIN, new JsonObject().put("name", "Stocks").put("channel", "voice"));
      first.ok("PUT", "/v1/webhooks/crm", ADMIN, WebhookApiTest.hook(receiver.url(), "contact_queued"));
      WebhookApiTest.awaitKnown(first, "crm");
      String delivered = WebhookApiTest.call(first, "c-1").getString("id");
      receiver.until(r -> delivered.equals(r.json().getString("contactId")) && r.answered() == 204,
          Duration.ofSeconds(20));
      // The receiver goes down: the next event is attempted, refused, and still pending at the stop.
      receiver.answerAll(503);
      String pending = WebhookApiTest.call(first, "c-2").getString("id");
      List<WebhookReceiver.Received> refused = receiver.until(
          r -> pending.equals(r.json().getString("contactId")) && r.attempt() >= 2, Duration.ofSeconds(20));
      String pendingEventId = refused.get(refused.size() - 1).eventId();
      await(first.stop());

      receiver.drain(Duration.ofMillis(300));
      receiver.answerAll(204);
      EngineUnderTest second = engines.start(new JsonObject());
      JsonObject hook = second.ok("GET", "/v1/webhooks/crm", ADMIN, null);
      assertThat(hook.getString("url")).isEqualTo(receiver.url());
      assertThat(hook.getBoolean("secretSet")).isTrue();
      List<WebhookReceiver.Received> resumed = receiver.until(
          r -> pending.equals(r.json().getString("contactId")) && r.answered() == 204, Duration.ofSeconds(20));
      assertThat(resumed.get(resumed.size() - 1).eventId()).isEqualTo(pendingEventId);
      assertThat(resumed.get(resumed.size() - 1).signature())
          .isEqualTo(WebhookApiTest.hmac("whsec-0123456789abcdef", resumed.get(resumed.size() - 1).timestamp(),
              resumed.get(resumed.size() - 1).body()));
      // What was acknowledged before the stop is not sent again.
      assertThat(resumed).noneMatch(r -> delivered.equals(r.json().getString("contactId")));
      // And the new process delivers what happens now.
      String later = WebhookApiTest.call(second, "c-3").getString("id");
      receiver.until(r -> later.equals(r.json().getString("contactId")) && r.answered() == 204, Duration.ofSeconds(20));
      JsonArray listed = new JsonObject(second.send("GET", "/v1/webhooks/crm/deliveries", ADMIN, (JsonObject) null)
          .body()).getJsonArray("deliveries");
      assertThat(listed.stream().map(d -> ((JsonObject) d).getString("state")).toList()).containsOnly("delivered");
    }
  }

  private static <T> T await(io.vertx.core.Future<T> f) {
    return dev.contactrouter.testing.Await.await("the engine's stop", f, Duration.ofSeconds(30));
  }
}
