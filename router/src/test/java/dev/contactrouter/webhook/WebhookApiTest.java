package dev.contactrouter.webhook;

import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhooks as an integrator meets them, against a real engine and a real receiver on 127.0.0.1:
 * configured and checked through the API, deliveries signed so the receiver can verify them, only
 * the subscribed types, retried with the same event id until a 2xx, in order per contact, and
 * listed with their attempts. Retries are made short here.
 */
@Timeout(60)
class WebhookApiTest {
  private static final String SECRET = "whsec-0123456789abcdef";

  @RegisterExtension
  static final EngineExtension engines = EngineExtension.embedded()
      .with("ROUTER_HTTP_INSTANCES", 1)
      .with("ROUTER_WEBHOOK_RETRY_FIRST_MS", 100)
      .with("ROUTER_WEBHOOK_RETRY_MAX_MS", 400)
      .with("ROUTER_WEBHOOK_TIMEOUT_MS", 2_000);

  static JsonObject hook(String url, String... types) {
    return new JsonObject().put("url", url).put("types", new JsonArray(List.of((Object[]) types))).put("secret", SECRET);
  }

  private static void stocks(EngineUnderTest e) {
    e.ok("PUT", "/v1/queues/stocks", ADMIN, new JsonObject().put("name", "Stocks").put("channel", "voice"));
  }

  /** A call from {@code customer}, known to the switch as {@code ext-<customer>}. */
  static JsonObject call(EngineUnderTest e, String customer) {
    return e.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice").put("queue", "stocks")
        .put("externalId", "ext-" + customer).put("customer", new JsonObject().put("id", customer)));
  }

  static String hmac(String secret, String timestamp, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
    return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Test
  void aWebhookIsConfiguredReadAndDeletedWithoutEverShowingItsSecret(EngineUnderTest e) {
    stocks(e);
    JsonObject body = hook("https://crm.example.com/hooks", "offer_accepted", "contact_queued")
        .put("queues", new JsonArray().add("stocks"));
    JsonObject stored = e.ok("PUT", "/v1/webhooks/crm", ADMIN, body);
    assertThat(stored.getMap()).doesNotContainKey("secret");
    assertThat(stored.getBoolean("secretSet")).isTrue();
    assertThat(stored.getJsonArray("types").getList()).containsExactly("contact_queued", "offer_accepted");
    assertThat(stored.getBoolean("active")).isTrue();
    assertThat(e.ok("PUT", "/v1/webhooks/crm", ADMIN, body)).isEqualTo(stored); // the same PUT again
    assertThat(e.send("GET", "/v1/webhooks/crm", ADMIN, (JsonObject) null).body()).doesNotContain(SECRET);
    assertThat(new JsonArray(e.send("GET", "/v1/webhooks", ADMIN, (JsonObject) null).body()).size()).isEqualTo(1);
    // A replacement without the secret keeps it (it cannot be read back to be sent again).
    JsonObject paused = e.ok("PUT", "/v1/webhooks/crm", ADMIN, new JsonObject().put("url", "https://crm.example.com/v2")
        .put("types", new JsonArray().add("contact_queued")).put("active", false));
    assertThat(paused.getBoolean("secretSet")).isTrue();
    assertThat(paused.getBoolean("active")).isFalse();

    assertThat(e.send("DELETE", "/v1/webhooks/crm", ADMIN, (JsonObject) null).statusCode()).isEqualTo(200);
    assertThat(e.send("GET", "/v1/webhooks/crm", ADMIN, (JsonObject) null).statusCode()).isEqualTo(404);
    assertThat(e.send("DELETE", "/v1/webhooks/crm", ADMIN, (JsonObject) null).statusCode()).isEqualTo(404);
    assertThat(e.send("GET", "/v1/webhooks/crm/deliveries", ADMIN, (JsonObject) null).statusCode()).isEqualTo(404);
  }

  @Test
  void badWebhooksAreRefusedNamingTheProblem(EngineUnderTest e) {
    stocks(e);
    problem(e, hook("http://127.0.0.1:9/hooks", "offer_acepted", "contact_queued", "nope"), 400, "/types",
        "'nope', 'offer_acepted'");
    problem(e, hook("ftp://127.0.0.1/hooks", "contact_queued"), 400, "/url", null);
    problem(e, hook("http://user:pw@127.0.0.1/hooks", "contact_queued"), 400, "/url", "credentials");
    problem(e, hook("http://127.0.0.1/hooks#x", "contact_queued"), 400, "/url", "fragment");
    problem(e, hook("http://127.0.0.1/hooks", "contact_queued").put("secret", "short"), 400, "/secret", null);
    problem(e, hook("http://127.0.0.1/hooks"), 400, "/types", null);
    problem(e, hook("http://127.0.0.1/hooks", "contact_queued").put("queues", new JsonArray().add("bonds")), 422,
        "/queues", "unknown queue 'bonds'");
    JsonObject noSecret = hook("http://127.0.0.1/hooks", "contact_queued");
    noSecret.remove("secret");
    problem(e, noSecret, 422, "/secret", "secret is required");
    problem(e, hook("http://127.0.0.1/hooks", "contact_queued").put("extra", 1), 400, "/extra", null);
    assertThat(new JsonArray(e.send("GET", "/v1/webhooks", ADMIN, (JsonObject) null).body())).isEmpty();
  }

  private static void problem(EngineUnderTest e, JsonObject body, int status, String pointer, String words) {
    HttpResponse<String> r = e.send("PUT", "/v1/webhooks/bad", ADMIN, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(r.body()).as("names %s", pointer).contains(pointer);
    if (words != null) {
      assertThat(r.body()).contains(words);
    }
  }

  @Test
  void deliveriesAreSignedFilteredRetriedWithTheSameIdAndInOrderPerContact(EngineUnderTest e) throws Exception {
    stocks(e);
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      e.ok("PUT", "/v1/webhooks/crm", ADMIN, hook(receiver.url(), "contact_queued", "contact_abandoned"));
      // The deliverer learns of the webhook from its own event; a marker shows when it listens.
      awaitKnown(e, "crm");
      // The first contact's arrival is refused twice: its abandonment must wait behind it.
      receiver.refuse(ev -> "contact_queued".equals(ev.getString("type")) && "ext-c-1".equals(ev.getString("externalId")),
          2);
      JsonObject first = call(e, "c-1");
      String firstId = first.getString("id");
      long queuedSeq = queuedSeq(e, firstId);
      e.ok("POST", "/v1/contacts/" + firstId + "/abandon", TELEPHONY, null);
      JsonObject second = call(e, "c-2");

      List<WebhookReceiver.Received> got = receiver.until(
          r -> "contact_queued".equals(r.type()) && second.getString("id").equals(r.json().getString("contactId"))
              && r.answered() == 204, Duration.ofSeconds(20));
      got.addAll(receiver.until(r -> "contact_abandoned".equals(r.type()) && r.answered() == 204,
          Duration.ofSeconds(20)));
      got.addAll(receiver.drain(Duration.ofMillis(500)));

      for (WebhookReceiver.Received r : got) {
        assertThat(r.type()).isIn("contact_queued", "contact_abandoned"); // only what it subscribed to
        assertThat(r.json().getString("type")).isEqualTo(r.type());
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.signature()).as("signature of %s", r.eventId()).isEqualTo(hmac(SECRET, r.timestamp(), r.body()));
        assertThat(r.eventId()).isEqualTo("default:" + r.json().getLong("seq"));
      }
      // Every attempt of one event carried the same id and the same bytes.
      List<WebhookReceiver.Received> firstQueued = got.stream().filter(r -> r.eventId().equals("default:" + queuedSeq))
          .toList();
      assertThat(firstQueued).extracting(WebhookReceiver.Received::answered).containsExactly(500, 500, 204);
      assertThat(firstQueued).extracting(WebhookReceiver.Received::attempt).containsExactly(1, 2, 3);
      assertThat(firstQueued.stream().map(r -> new String(r.body(), StandardCharsets.UTF_8)).distinct()).hasSize(1);
      assertThat(firstQueued.get(firstQueued.size() - 1).answered()).isEqualTo(204);
      // In order per contact: the abandonment of c-1 went out only after its arrival was acknowledged.
      int acknowledged = indexOf(got, r -> r.eventId().equals("default:" + queuedSeq) && r.answered() == 204);
      int abandoned = indexOf(got, r -> "contact_abandoned".equals(r.type()));
      assertThat(abandoned).isGreaterThan(acknowledged);

      JsonObject listed = new JsonObject(e.send("GET", "/v1/webhooks/crm/deliveries", ADMIN, (JsonObject) null).body());
      JsonArray deliveries = listed.getJsonArray("deliveries");
      assertThat(deliveries.size()).isEqualTo(3);
      JsonObject newest = deliveries.getJsonObject(0);
      assertThat(newest.getString("contactId")).isEqualTo(second.getString("id"));
      JsonObject retried = deliveries.stream().map(JsonObject.class::cast)
          .filter(d -> d.getString("eventId").equals("default:" + queuedSeq)).findFirst().orElseThrow();
      assertThat(retried.getString("state")).isEqualTo("delivered");
      assertThat(retried.getInteger("attempts")).isEqualTo(3);
      assertThat(retried.getInteger("statusCode")).isEqualTo(204);
      assertThat(listed.getInteger("pending")).isZero();
    }
  }

  @Test
  void aReceiverThatNeverAcceptsGetsTheDeliveryGivenUpAndShownAsFailed(EngineUnderTest e) throws Exception {
    stocks(e);
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.answerAll(503);
      e.ok("PUT", "/v1/webhooks/crm", ADMIN, hook(receiver.url(), "contact_queued"));
      awaitKnown(e, "crm");
      String id = call(e, "c-1").getString("id");
      // 15 attempts (the default), 100 ms doubling to 400 ms apart: about 5 s.
      receiver.until(r -> r.attempt() == 15, Duration.ofSeconds(20));
      JsonObject delivery = null;
      for (int i = 0; i < 50 && (delivery == null || !"failed".equals(delivery.getString("state"))); i++) {
        Thread.sleep(100);
        delivery = new JsonObject(e.send("GET", "/v1/webhooks/crm/deliveries", ADMIN, (JsonObject) null).body())
            .getJsonArray("deliveries").getJsonObject(0);
      }
      assertThat(delivery.getString("state")).isEqualTo("failed");
      assertThat(delivery.getString("contactId")).isEqualTo(id);
      assertThat(delivery.getInteger("attempts")).isEqualTo(15);
      assertThat(delivery.getInteger("statusCode")).isEqualTo(503);
      assertThat(delivery.getString("error")).isEqualTo("HTTP 503");
      assertThat(receiver.drain(Duration.ofMillis(800))).isEmpty(); // given up: no 16th attempt
    }
  }

  private static int indexOf(List<WebhookReceiver.Received> got, java.util.function.Predicate<WebhookReceiver.Received> p) {
    for (int i = 0; i < got.size(); i++) {
      if (p.test(got.get(i))) {
        return i;
      }
    }
    throw new AssertionError("not received");
  }

  /** Waits (bounded) until the deliverer knows the webhook. */
  static void awaitKnown(EngineUnderTest e, String id) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      JsonObject listed = new JsonObject(e.send("GET", "/v1/webhooks/" + id + "/deliveries", ADMIN, (JsonObject) null)
          .body());
      if (listed.containsKey("deliveredThrough")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the deliverer never learnt of webhook " + id);
  }

  /** The journal sequence number of the contact's contact_queued event, from its history. */
  private static long queuedSeq(EngineUnderTest e, String contactId) {
    JsonObject page = new JsonObject(e.send("GET", "/v1/contacts/" + contactId + "/history", ADMIN, (JsonObject) null)
        .body());
    return page.getJsonArray("events").stream().map(JsonObject.class::cast)
        .filter(ev -> "contact_queued".equals(ev.getString("type"))).findFirst().orElseThrow().getLong("seq");
  }
}
