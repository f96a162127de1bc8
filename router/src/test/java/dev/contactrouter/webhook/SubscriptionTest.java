package dev.contactrouter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.core.WebhookSpec;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A webhook's lanes, position and backoff, without I/O. */
class SubscriptionTest {
  private static final WebhookSpec SPEC = new WebhookSpec("crm", "http://127.0.0.1/hooks",
      Set.of("contact_queued", "contact_abandoned", "agent_status_changed"), Set.of(), "sixteen-characters", true);

  private static JsonObject event(String type, String contact) {
    JsonObject e = new JsonObject().put("type", type).put("queue", "stocks");
    return contact == null ? e.put("agentId", "a1") : e.put("contactId", contact);
  }

  @Test
  void aContactsLaterEventWaitsForItsEarlierOneWhileOtherContactsGoOn() {
    Subscription s = new Subscription(SPEC, 10, false);
    Delivery c1First = s.take("d", 11, event("contact_queued", "c1"), 0);
    Delivery c1Second = s.take("d", 12, event("contact_abandoned", "c1"), 0);
    Delivery c2 = s.take("d", 13, event("contact_queued", "c2"), 0);
    assertThat(s.take("d", 14, event("offer_made", "c2"), 0)).as("not subscribed").isNull();
    Delivery agent = s.take("d", 15, event("agent_status_changed", null), 0);

    assertThat(s.ready).containsExactly("c:c1", "c:c2", "a:a1");
    assertThat(s.head("c:c1")).isSameAs(c1First);
    assertThat(s.pending()).isEqualTo(4);
    assertThat(s.delivered()).isEqualTo(10);

    s.ready.clear();
    s.settle(c2, Delivery.State.DELIVERED);
    s.settle(agent, Delivery.State.FAILED); // given up counts as settled
    assertThat(s.delivered()).as("c1's first is still open").isEqualTo(10);
    assertThat(s.ready).isEmpty();
    s.settle(c1First, Delivery.State.DELIVERED);
    assertThat(s.ready).containsExactly("c:c1");
    assertThat(s.head("c:c1")).isSameAs(c1Second);
    assertThat(s.delivered()).isEqualTo(11);
    s.settle(c1Second, Delivery.State.DELIVERED);
    assertThat(s.delivered()).isEqualTo(15);
    assertThat(s.pending()).isZero();
    assertThat(s.recent(10)).extracting(d -> d.eventId).containsExactly("d:15", "d:13", "d:12", "d:11");
  }

  @Test
  void aWebhookMadeAfterTheSavedMarkStartsAfterItsOwnConfiguration() {
    Subscription s = new Subscription(SPEC, 20, true);
    assertThat(s.take("d", 21, event("contact_queued", "c0"), 0)).isNull();
    assertThat(s.take("d", 22, new JsonObject().put("type", "webhook_configured")
        .put("webhook", new JsonObject().put("id", "crm")), 0)).isNull();
    assertThat(s.awaitingCreation).isFalse();
    assertThat(s.take("d", 23, event("contact_queued", "c1"), 0)).isNotNull();
  }

  @Test
  void backoffDoublesFromTheFirstWaitUpToTheCapWithJitterInTheUpperHalf() {
    WebhookOptions o = new WebhookOptions(1_000, 1_000, 300_000, 15, 3_600_000, 10);
    assertThat(o.backoff(1, 0)).isEqualTo(1_000);
    assertThat(o.backoff(2, 0)).isEqualTo(2_000);
    assertThat(o.backoff(3, 0)).isEqualTo(4_000);
    assertThat(o.backoff(9, 0)).isEqualTo(256_000);
    assertThat(o.backoff(10, 0)).isEqualTo(300_000);
    assertThat(o.backoff(100, 0)).isEqualTo(300_000);
    assertThat(o.backoff(3, 0.999)).isBetween(2_000L, 4_000L);
    assertThat(o.backoff(100, 0.999)).isBetween(150_000L, 300_000L);
  }

  @Test
  void theSignatureIsTheHmacOfTheTimestampADotAndTheBody() {
    // Computed independently: printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'key'
    assertThat(Signature.sign("key", "1700000000", "{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo("sha256=" + OPENSSL);
  }

  private static final String OPENSSL = "a438e398bfafc57e4396bb7fc2304422f0f768e965d073ca313cb52e22e6ad03";
}
