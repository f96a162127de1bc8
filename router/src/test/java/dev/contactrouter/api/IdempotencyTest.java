package dev.contactrouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retries with an Idempotency-Key, even concurrent ones, act once and all get the first result. */
class IdempotencyTest {
  private static final int RETRIES = 20;

  @RegisterExtension
  static final EngineExtension engines = EngineExtension.embedded().with("ROUTER_HTTP_INSTANCES", 1);

  @Test
  void concurrentRetriesOfAnAcceptActOnceAndAllGetTheSameAnswer(EngineUnderTest e) throws Exception {
    String offer = offeredToA1(e);
    List<HttpResponse<String>> answers = concurrently(e, "POST", "/v1/offers/" + offer + "/accept", EngineUnderTest.A1, null, "acc-1");
    assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    assertThat(answers.stream().map(r -> new JsonObject(r.body()).getString("status")).distinct()).containsExactly("assigned");
    assertThat(answers.stream().map(HttpResponse::body).distinct()).hasSize(1);
    JsonObject stats = e.ok("GET", "/v1/queues/chat/stats", EngineUnderTest.SUPERVISOR, null);
    assertThat(stats.getLong("answered")).isEqualTo(1);

    // the same key for a different request is refused, naming the header
    HttpResponse<String> reused = e.send("POST", "/v1/offers/" + offer + "/reject", EngineUnderTest.A1, null, "acc-1");
    assertThat(reused.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(reused.body()).getString("field")).isEqualTo("Idempotency-Key");
  }

  @Test
  void withoutAKeyConcurrentAcceptsSucceedOnceAndTheOthersLearnTheOfferIsGone(EngineUnderTest e) throws Exception {
    String offer = offeredToA1(e);
    List<HttpResponse<String>> answers = concurrently(e, "POST", "/v1/offers/" + offer + "/accept", EngineUnderTest.A1, null, null);
    assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(1);
    assertThat(answers.stream().filter(r -> r.statusCode() == 409)).hasSize(RETRIES - 1);
  }

  @Test
  void concurrentRetriesOfAContactCreateOneContact(EngineUnderTest e) throws Exception {
    e.ok("PUT", "/v1/queues/chat", EngineUnderTest.ADMIN, new JsonObject().put("name", "Chat").put("channel", "chat"));
    String body = new JsonObject().put("channel", "chat").put("queue", "chat").put("externalId", "chat-77").encode();
    List<HttpResponse<String>> answers = concurrently(e, "POST", "/v1/contacts", EngineUnderTest.TELEPHONY, body, "create-77");
    assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
    assertThat(answers.stream().map(r -> new JsonObject(r.body()).getString("id")).distinct()).hasSize(1);
    assertThat(e.ok("GET", "/v1/queues/chat/stats", EngineUnderTest.SUPERVISOR, null).getLong("offered")).isEqualTo(1);
  }

  @Test
  void statusChangesRetriedWithAKeyAreAppliedOnce(EngineUnderTest e) {
    e.ok("PUT", "/v1/agents/a1", EngineUnderTest.ADMIN, new JsonObject().put("name", "Li Wei"));
    String body = new JsonObject().put("status", "not_ready").put("reason", "break").encode();
    HttpResponse<String> first = e.send("PUT", "/v1/agents/a1/status", EngineUnderTest.A1, body, "st-1");
    e.ok("PUT", "/v1/agents/a1/status", EngineUnderTest.A1, new JsonObject().put("status", "available"));
    HttpResponse<String> retry = e.send("PUT", "/v1/agents/a1/status", EngineUnderTest.A1, body, "st-1");
    assertThat(retry.statusCode()).isEqualTo(first.statusCode());
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(e.ok("GET", "/v1/agents/a1", EngineUnderTest.A1, null).getString("status"))
        .as("the retry returned the first result and did not put the agent back to not_ready").isEqualTo("available");
  }

  private static String offeredToA1(EngineUnderTest e) {
    e.ok("PUT", "/v1/queues/chat", EngineUnderTest.ADMIN, new JsonObject().put("name", "Chat").put("channel", "chat"));
    e.ok("PUT", "/v1/agents/a1", EngineUnderTest.ADMIN, new JsonObject().put("name", "Li Wei")
        .put("capacity", new JsonObject().put("chat", 3)));
    e.ok("PUT", "/v1/agents/a1/status", EngineUnderTest.A1, new JsonObject().put("status", "available"));
    return e.ok("POST", "/v1/contacts", EngineUnderTest.TELEPHONY, new JsonObject().put("channel", "chat").put("queue", "chat"))
        .getJsonObject("offer").getString("offerId");
  }

  private static List<HttpResponse<String>> concurrently(EngineUnderTest e, String method, String path, String bearer,
      String body, String key) throws Exception {
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < RETRIES; i++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(e.uri(path)).timeout(Duration.ofSeconds(10))
          .header("Authorization", "Bearer " + bearer)
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        b.header("Content-Type", "application/json");
      }
      if (key != null) {
        b.header("Idempotency-Key", key);
      }
      sent.add(e.http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
    List<HttpResponse<String>> out = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> f : sent) {
      out.add(f.get());
    }
    return out;
  }
}
