package dev.contactrouter.api;

import static dev.contactrouter.testing.Await.await;
import static dev.contactrouter.testing.Await.until;
import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.RouterApp;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Admission control, driven past its bound deterministically: the engine reaches PostgreSQL
 * through a TCP proxy the test holds (nothing the engine sends is passed on, as when the database
 * stalls), so the commands it takes wait for the journal and its backlog stays where the test put
 * it. With the bound at 4: four new contacts wait; the fifth, and a supervisor's change, get 503 at
 * once with {@code Retry-After} and a problem naming the overload; reads answer; an agent's accept
 * is still taken. Released, every waiting command is acknowledged, intake is taken again, and every
 * acknowledged contact is there, after a restart too, in a journal whose chain verifies. With a
 * delay budget instead: once the oldest held command has waited past it for longer than the
 * interval, intake is refused, and taken again once the backlog clears. With the front door's
 * limit instead: past what one HTTP event loop may have in flight, intake is refused on its head
 * (before its body is read) and never reaches the writer.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OverloadIT {
  private static final int BOUND = 4;
  private static final int DELAY_MS = 50;
  private static final int FRONT_CEILING = 16;
  private static final Pattern FRONT_SHED = Pattern.compile("router_front_shed_total\\{reason=\"in_flight\",?} (\\d+)\\.0");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern PENDING = Pattern.compile("router_commands_pending\\{domain=\"default\",?} (\\d+)\\.0");
  private static final Pattern SHED =
      Pattern.compile("router_commands_shed_total\\{domain=\"default\",reason=\"intake_bound\",?} (\\d+)\\.0");
  private static final Pattern SHED_DELAY =
      Pattern.compile("router_commands_shed_total\\{domain=\"default\",reason=\"intake_delay\",?} (\\d+)\\.0");

  @RegisterExtension
  static final EngineExtension engines = EngineExtension.onPostgres()
      .vertxOptions(RouterApp.vertxOptions()).with("ROUTER_HTTP_INSTANCES", 1).startedByTest();

  /** A proxy to the local PostgreSQL, deployed on the test's Vert.x, that can hold the journal's traffic. */
  private static TcpProxy proxyToPostgres() {
    TcpProxy proxy = new TcpProxy("127.0.0.1", 5432);
    await(engines.vertx().deployVerticle(proxy));
    return proxy;
  }

  /** An engine journaling to the class's database through {@code proxy}; the test adds the overload check it is about. */
  private static JsonObject journalingThrough(TcpProxy proxy) {
    return new JsonObject()
        .put("ROUTER_PG_URL", "postgresql://postgres@127.0.0.1:" + proxy.port() + "/" + engines.database().name())
        // The hold must not look like an outage (append timeout) or a lost lease.
        .put("ROUTER_JOURNAL_TIMEOUT_MS", 60_000)
        .put("ROUTER_LEASE_MS", 120_000)
        .put("ROUTER_SNAPSHOT_EVERY", 0)
        .put("ROUTER_JWT_SECRET", "overload-test-signing-secret-0123456789");
  }

  @Test
  void pastTheBoundIntakeIsRefusedAtOnceAgentsGoOnAndNothingAcknowledgedIsLost() throws Exception {
    TcpProxy proxy = proxyToPostgres();
    List<String> acknowledged = new ArrayList<>();
    try (EngineUnderTest e = engines.start(journalingThrough(proxy).put("ROUTER_OVERLOAD_PENDING_MAX", BOUND))) {
      await(e.stocksDesk(600, 0));
      await(e.status("a1", A1, "available"));
      JsonObject first = await(e.newContact(new JsonObject()));
      assertThat(first.getString("status")).isEqualTo("offered");
      acknowledged.add(first.getString("id"));
      String offerId = first.getJsonObject("offer").getString("offerId");
      assertThat(pending(e)).isZero();

      await(proxy.hold());
      List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
      for (int i = 0; i < BOUND; i++) {
        waiting.add(sendAsync(e, "POST", "/v1/contacts", TELEPHONY, contact("held-" + i)));
      }
      until("the writer holds " + BOUND + " commands", () -> pending(e) == BOUND, WAIT);

      HttpResponse<String> refused = e.send("POST", "/v1/contacts", TELEPHONY, contact("refused"));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      JsonObject problem = new JsonObject(refused.body());
      assertThat(problem.getString("type")).endsWith("/overloaded");
      assertThat(problem.getInteger("status")).isEqualTo(503);
      assertThat(problem.getString("detail")).contains("overloaded").contains("bound " + BOUND);
      HttpResponse<String> change = e.send("PUT", "/v1/queues/bonds", ADMIN,
          new JsonObject().put("name", "Bonds").put("channel", "voice"));
      assertThat(change.statusCode()).as("an administrator's change is not work in progress").isEqualTo(503);
      assertThat(shed(e)).isEqualTo(2);
      assertThat(pending(e)).as("a refused command is not queued").isEqualTo(BOUND);

      // Reads answer from the committed state meanwhile, and show nothing that was not acknowledged.
      assertThat(e.ok("GET", "/v1/contacts/" + first.getString("id"), SUPERVISOR, null).getString("status"))
          .isEqualTo("offered");
      assertThat(e.send("GET", "/v1/queues/bonds", SUPERVISOR, null).statusCode()).isEqualTo(404);

      // The agent's own action is taken past the intake bound (it waits for the journal like the rest).
      CompletableFuture<HttpResponse<String>> accept =
          sendAsync(e, "POST", "/v1/offers/" + offerId + "/accept", A1, null);
      until("the accept is taken", () -> pending(e) == BOUND + 1, WAIT);

      await(proxy.release());
      HttpResponse<String> accepted = accept.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
      assertThat(new JsonObject(accepted.body()).getString("status")).isEqualTo("assigned");
      for (CompletableFuture<HttpResponse<String>> w : waiting) {
        HttpResponse<String> r = w.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        acknowledged.add(new JsonObject(r.body()).getString("id"));
      }
      until("the backlog drained", () -> pending(e) == 0, WAIT);

      // Load gone: intake is taken again at once.
      HttpResponse<String> again = e.send("POST", "/v1/contacts", TELEPHONY, contact("after"));
      assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
      acknowledged.add(new JsonObject(again.body()).getString("id"));
      assertThat(e.send("PUT", "/v1/queues/bonds", ADMIN, new JsonObject().put("name", "Bonds").put("channel", "voice"))
          .statusCode()).isEqualTo(200);
      assertAllThere(e, acknowledged);
    }

    try (EngineUnderTest again = engines.start(new JsonObject()
        .put("ROUTER_PG_URL", engines.database().url())
        .put("ROUTER_JWT_SECRET", "overload-test-signing-secret-0123456789"))) {
      assertAllThere(again, acknowledged);
      assertThat(again.ok("GET", "/v1/audit/verify", SUPERVISOR, null).getBoolean("intact")).isTrue();
    }
  }

  @Test
  void aJournalWaitOverTheBudgetRefusesIntakeUntilTheBacklogClears() throws Exception {
    TcpProxy proxy = proxyToPostgres();
    try (EngineUnderTest e = engines.start(journalingThrough(proxy).put("ROUTER_OVERLOAD_DELAY_MS", DELAY_MS))) {
      await(e.stocksDesk(600, 0));
      await(proxy.hold());
      CompletableFuture<HttpResponse<String>> held = sendAsync(e, "POST", "/v1/contacts", TELEPHONY, contact("held"));
      until("the writer holds the contact", () -> pending(e) == 1, WAIT);

      // The oldest has waited past the budget for longer than the interval: a standing queue.
      Thread.sleep(DELAY_MS + 150);
      HttpResponse<String> r = e.send("POST", "/v1/contacts", TELEPHONY, contact("refused"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
      JsonObject problem = new JsonObject(r.body());
      assertThat(problem.getString("type")).endsWith("/overloaded");
      assertThat(problem.getString("detail")).contains("budget " + DELAY_MS + " ms");
      assertThat(metric(e, SHED_DELAY)).isPositive();
      assertThat(pending(e)).as("refused commands are not queued").isEqualTo(1);

      await(proxy.release());
      HttpResponse<String> answer = held.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
      until("the backlog drained", () -> pending(e) == 0, WAIT);
      HttpResponse<String> again = e.send("POST", "/v1/contacts", TELEPHONY, contact("after"));
      assertThat(again.statusCode()).as("intake once nothing waits: %s", again.body()).isEqualTo(201);
    }
  }

  @Test
  void theFrontDoorRefusesIntakePastItsLimitBeforeReadingItAndTakesItAgainOnceAnswered() throws Exception {
    TcpProxy proxy = proxyToPostgres();
    // One HTTP event loop whose limit starts at its share of the writer's bound (16 here) and may
    // shrink to 8 once answers take longer than 50 ms.
    try (EngineUnderTest e = engines.start(journalingThrough(proxy)
        .put("ROUTER_OVERLOAD_PENDING_MAX", FRONT_CEILING).put("ROUTER_OVERLOAD_FRONT_MS", 50))) {
      // A queue nobody here serves, so this test leaves the other tests' agent and queue as they were.
      assertThat(e.send("PUT", "/v1/queues/futures", ADMIN, new JsonObject().put("name", "Futures")
          .put("channel", "voice").put("skills", new JsonObject().put("futures", 1))).statusCode()).isEqualTo(200);
      HttpResponse<String> before = e.send("POST", "/v1/contacts", TELEPHONY, futures("before"));
      assertThat(before.statusCode()).as(before.body()).isEqualTo(201);
      String firstId = new JsonObject(before.body()).getString("id");

      await(proxy.hold());
      List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
      for (int i = 0; i < FRONT_CEILING; i++) {
        waiting.add(sendAsync(e, "POST", "/v1/contacts", TELEPHONY, futures("held-" + i)));
      }
      until("the writer holds " + FRONT_CEILING + " contacts", () -> pending(e) == FRONT_CEILING, WAIT);

      // Refused on its head: a body that is not even JSON gets 503, not 400 (it was never read).
      HttpResponse<String> refused = e.http.send(HttpRequest.newBuilder(e.uri("/v1/contacts")).timeout(WAIT)
          .header("Authorization", "Bearer " + TELEPHONY).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      JsonObject problem = new JsonObject(refused.body());
      assertThat(problem.getString("type")).endsWith("/overloaded");
      assertThat(problem.getString("detail")).contains(FRONT_CEILING + " new contacts").contains("in flight")
          .contains("50 ms");
      assertThat(metric(e, FRONT_SHED)).isEqualTo(1);
      assertThat(pending(e)).as("a refused request never reaches the writer").isEqualTo(FRONT_CEILING);
      assertThat(shed(e)).as("nor its admission control").isZero();

      // Reads are not intake: never held at the front door.
      assertThat(e.ok("GET", "/v1/contacts/" + firstId, SUPERVISOR, null).getString("status")).isEqualTo("queued");

      await(proxy.release());
      for (CompletableFuture<HttpResponse<String>> w : waiting) {
        HttpResponse<String> r = w.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      }
      // Those answers were late, so the limit shrank; with nothing in flight intake is taken at once.
      HttpResponse<String> again = e.send("POST", "/v1/contacts", TELEPHONY, futures("after"));
      assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
      assertThat(metric(e, FRONT_SHED)).isEqualTo(1);
    }
  }

  private static void assertAllThere(EngineUnderTest e, List<String> ids) {
    assertThat(ids).hasSize(BOUND + 2).doesNotHaveDuplicates();
    for (String id : ids) {
      HttpResponse<String> read = e.send("GET", "/v1/contacts/" + id, SUPERVISOR, null);
      assertThat(read.statusCode()).as("acknowledged contact %s", id).isEqualTo(200);
    }
  }

  private static JsonObject contact(String customer) {
    return new JsonObject().put("channel", "voice").put("queue", "stocks")
        .put("customer", new JsonObject().put("id", customer));
  }

  private static JsonObject futures(String customer) {
    return new JsonObject().put("channel", "voice").put("queue", "futures")
        .put("customer", new JsonObject().put("id", customer));
  }

  private static CompletableFuture<HttpResponse<String>> sendAsync(EngineUnderTest e, String method, String path,
      String bearer, JsonObject body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(e.uri(path)).timeout(WAIT)
        .header("Authorization", "Bearer " + bearer)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return e.http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long pending(EngineUnderTest e) {
    return metric(e, PENDING);
  }

  private static long shed(EngineUnderTest e) {
    return metric(e, SHED);
  }

  private static long metric(EngineUnderTest e, Pattern pattern) {
    String body = e.send("GET", "/metrics", null, (JsonObject) null).body();
    Matcher m = pattern.matcher(body);
    assertThat(m.find()).as("%s on /metrics", pattern).isTrue();
    return Long.parseLong(m.group(1));
  }
}
