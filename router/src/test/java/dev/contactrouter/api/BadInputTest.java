package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.A2;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input and wrong callers get a 4xx problem+json naming the problem, and change nothing. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class BadInputTest {
  @RegisterExtension
  static final EngineExtension engines = EngineExtension.embedded().with("ROUTER_BODY_LIMIT_BYTES", 4096);

  private EngineUnderTest engine;

  @BeforeEach
  void start(EngineUnderTest engine, VertxTestContext ctx) {
    this.engine = engine;
    engine.stocksDesk(15, 0).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void malformedContactsAreRefusedWithTheFieldNamed(VertxTestContext ctx) {
    expect(post(new JsonObject().put("channel", "voice")), 400, "/queue", "is required")
        .compose(v -> expect(post(new JsonObject().put("channel", "voice").put("queue", "stocks").put("priority", "high")), 400,
            "/priority", "must be an integer from 0 to 100"))
        .compose(v -> expect(post(new JsonObject().put("channel", "voice").put("queue", "stocks").put("priority", 101)), 400,
            "/priority", "must be an integer from 0 to 100"))
        .compose(v -> expect(post(new JsonObject().put("channel", "voice").put("queue", "stocks").putNull("priority")), 400,
            "/priority", "must not be null"))
        .compose(v -> expect(post(new JsonObject().put("channel", "fax").put("queue", "stocks")), 400,
            "/channel", "must be one of voice, chat, branch, email, callback, sms"))
        .compose(v -> expect(post(new JsonObject().put("channel", "voice").put("queue", "stocks").put("externalId", "")), 400,
            "/externalId", "must not be empty"))
        .compose(v -> expect(post(new JsonObject().put("channel", "voice").put("queue", "stocks").put("skilz", 1)), 400,
            "/skilz", "unknown field"))
        .compose(v -> expect(post(new JsonObject().put("channel", "voice").put("queue", "stocks")
            .put("skills", new JsonObject().put("stocks", 9))), 400, "/skills/stocks", "must be an integer from 1 to 5"))
        .compose(v -> expect(post(new JsonObject().put("channel", "voice").put("queue", "stocks")
            .put("customer", new JsonObject().put("riskLevel", 0))), 400, "/customer/riskLevel", "must be an integer from 1 to 5"))
        .compose(v -> expectErrors(post(new JsonObject()),
            error("/channel", "is required"), error("/queue", "is required")))
        .compose(v -> expectErrors(post(new JsonObject().put("channel", "phone").put("queue", "stocks").put("priority", 500)
                .put("status", "busy")),
            error("/channel", "must be one of voice, chat, branch, email, callback, sms"),
            error("/priority", "must be an integer from 0 to 100"),
            error("/status", "unknown field")))
        .compose(v -> expect(post(new JsonObject().put("channel", "voice").put("queue", "nope")), 422, "/queue"))
        .compose(v -> expect(post(new JsonObject().put("channel", "chat").put("queue", "stocks")), 422, "/channel"))
        .compose(v -> expect(raw(HttpMethod.POST, "/v1/contacts", TELEPHONY, "{not json"), 400, null))
        .compose(v -> expect(raw(HttpMethod.POST, "/v1/contacts", TELEPHONY, "[1,2,3]"), 400, "/", "must be an object"))
        .compose(v -> expect(raw(HttpMethod.POST, "/v1/contacts", TELEPHONY, "{\"channel\":\"voice\",\"queue\":\"stocks\",\"externalId\":\""
            + "x".repeat(5000) + "\"}"), 413, null, "the request body is larger than the limit of 4096 bytes"))
        .compose(v -> engine.ok(HttpMethod.GET, "/v1/queues/stocks/stats", SUPERVISOR, null))
        .onComplete(ctx.succeeding(stats -> ctx.verify(() -> {
          assertThat(stats.getLong("offered")).as("nothing malformed reached the router").isZero();
          ctx.completeNow();
        })));
  }

  @Test
  void badParametersAreNamedWithWhereTheyWere(VertxTestContext ctx) {
    engine.call(HttpMethod.GET, "/v1/reports/queues?slaSeconds=0&interval=week", SUPERVISOR, null)
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
          JsonObject problem = r.bodyAsJsonObject();
          assertThat(problem.getString("field")).isEqualTo("interval");
          assertThat(problem.getString("detail"))
              .isEqualTo("query parameter interval must be one of 15m, hour, day (and 1 more problem, listed in errors)");
          assertThat(problem.getJsonArray("errors")).containsExactlyInAnyOrder(
              new JsonObject().put("in", "query").put("parameter", "interval").put("detail", "must be one of 15m, hour, day"),
              new JsonObject().put("in", "query").put("parameter", "slaSeconds").put("detail", "must be an integer from 1 to 86400"));
          ctx.completeNow();
        })));
  }

  @Test
  void callersNeedAKeyAndTheRightRole(VertxTestContext ctx) {
    JsonObject queue = new JsonObject().put("name", "X");
    expect(engine.call(HttpMethod.GET, "/v1/queues", null, null), 401, null)
        .compose(v -> expect(engine.call(HttpMethod.GET, "/v1/queues", "not-a-key", null), 401, null))
        .compose(v -> expect(engine.call(HttpMethod.PUT, "/v1/queues/x", TELEPHONY, queue), 403, null))
        .compose(v -> expect(engine.call(HttpMethod.PUT, "/v1/queues/x", SUPERVISOR, queue), 403, null))
        .compose(v -> expect(engine.call(HttpMethod.PUT, "/v1/queues/x", A1, queue), 403, null))
        .compose(v -> expect(engine.call(HttpMethod.POST, "/v1/contacts", A1,
            new JsonObject().put("channel", "voice").put("queue", "stocks")), 403, null))
        .compose(v -> expect(engine.call(HttpMethod.PUT, "/v1/agents/a2/status", A1,
            new JsonObject().put("status", "available")), 403, null))
        .compose(v -> expect(engine.call(HttpMethod.GET, "/v1/agents/a2", A1, null), 403, null))
        .compose(v -> expect(engine.call(HttpMethod.GET, "/v1/queues/stocks/stats", TELEPHONY, null), 403, null))
        .compose(v -> expect(engine.call(HttpMethod.GET, "/v1/events", A1, null), 403, null))
        .compose(v -> engine.ok(HttpMethod.PUT, "/v1/queues/x", ADMIN, queue))
        .onComplete(ctx.succeeding(q -> ctx.verify(() -> {
          assertThat(q.getString("id")).isEqualTo("x");
          ctx.completeNow();
        })));
  }

  @Test
  void agentsActOnlyOnTheirOwnOffersAndContacts(VertxTestContext ctx) {
    String[] offerId = new String[1];
    engine.status("a1", A1, "available")
        .compose(v -> engine.newContact(new JsonObject()))
        .compose(c -> {
          offerId[0] = c.getJsonObject("offer").getString("offerId");
          return expect(engine.call(HttpMethod.POST, "/v1/offers/" + offerId[0] + "/accept", A2, null), 403, null)
              .compose(v -> expect(engine.call(HttpMethod.GET, "/v1/contacts/" + c.getString("id"), A2, null), 403, null))
              .compose(v -> engine.ok(HttpMethod.GET, "/v1/contacts/" + c.getString("id"), A1, null))
              .compose(v -> engine.ok(HttpMethod.POST, "/v1/offers/" + offerId[0] + "/accept", A1, null))
              .compose(v -> expect(engine.call(HttpMethod.POST, "/v1/offers/" + offerId[0] + "/accept", A1, null), 409, null))
              .compose(v -> expect(engine.call(HttpMethod.POST, "/v1/contacts/" + c.getString("id") + "/complete", A2,
                  new JsonObject().put("disposition", "resolved")), 403, null))
              .compose(v -> expect(engine.call(HttpMethod.POST, "/v1/contacts/" + c.getString("id") + "/complete", A1,
                  new JsonObject()), 400, "/disposition"))
              .compose(v -> expect(engine.call(HttpMethod.PUT, "/v1/agents/a1/status", A1,
                  new JsonObject().put("status", "offline")), 409, null))
              .compose(v -> expect(engine.call(HttpMethod.PUT, "/v1/agents/a1/status", A1,
                  new JsonObject().put("status", "not_ready")), 400, "/reason"));
        })
        .compose(v -> expect(engine.call(HttpMethod.POST, "/v1/offers/nope.1/accept", A1, null), 404, null))
        .compose(v -> expect(engine.call(HttpMethod.GET, "/v1/contacts/nope", SUPERVISOR, null), 404, null))
        .compose(v -> expect(engine.call(HttpMethod.GET, "/v1/nowhere", SUPERVISOR, null), 404, null))
        .compose(v -> expect(engine.call(HttpMethod.DELETE, "/v1/queues/stocks", ADMIN, null), 405, null))
        .onComplete(ctx.succeedingThenComplete());
  }

  /** Asserts a 400 listing exactly these problems, the first also as field and detail. */
  private static Future<Void> expectErrors(Future<HttpResponse<Buffer>> response, JsonObject... errors) {
    return expect(response, 400, errors[0].getString("pointer"), errors[0].getString("detail")).compose(v -> response)
        .compose(r -> {
          try {
            assertThat(r.bodyAsJsonObject().getJsonArray("errors")).as(r.bodyAsString()).containsExactly((Object[]) errors);
            return Future.<Void>succeededFuture();
          } catch (AssertionError e) {
            return Future.failedFuture(e);
          }
        });
  }

  private static JsonObject error(String pointer, String detail) {
    return new JsonObject().put("pointer", pointer).put("detail", detail);
  }

  private Future<HttpResponse<Buffer>> post(JsonObject body) {
    return engine.call(HttpMethod.POST, "/v1/contacts", TELEPHONY, body);
  }

  private Future<HttpResponse<Buffer>> raw(HttpMethod method, String path, String key, String body) {
    return engine.web.request(method, path)
        .putHeader("Authorization", "Bearer " + key)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body));
  }

  /** Asserts a problem+json answer with this status (and field, when given). */
  private static Future<Void> expect(Future<HttpResponse<Buffer>> response, int status, String field) {
    return expect(response, status, field, null);
  }

  /**
   * Asserts a problem+json answer with this status, field and detail (each when given). A 400
   * lists its problems in {@code errors}, this one first (field as its pointer), and its
   * {@code detail} states it in a sentence ("/priority must be ..."); other statuses' detail is
   * the given text.
   */
  private static Future<Void> expect(Future<HttpResponse<Buffer>> response, int status, String field, String detail) {
    return response.compose(r -> {
      String what = "-> " + r.statusCode() + " " + r.bodyAsString();
      try {
        assertThat(r.statusCode()).as(what).isEqualTo(status);
        assertThat(r.getHeader("Content-Type")).as(what).isEqualTo("application/problem+json");
        JsonObject problem = r.bodyAsJsonObject();
        assertThat(problem.getInteger("status")).as(what).isEqualTo(status);
        assertThat(problem.getString("title")).as(what).isNotBlank();
        if (field != null) {
          assertThat(problem.getString("field")).as(what).isEqualTo(field);
        }
        if (detail != null && status != 400) {
          assertThat(problem.getString("detail")).as(what).isEqualTo(detail);
        }
        if (detail != null && status == 400) {
          assertThat(problem.getJsonArray("errors").getValue(0)).as(what)
              .isEqualTo(new JsonObject().put("pointer", field).put("detail", detail));
          assertThat(problem.getString("detail")).as(what).startsWith(("/".equals(field) ? "the body" : field) + " " + detail);
        }
        return Future.succeededFuture();
      } catch (AssertionError e) {
        return Future.failedFuture(e);
      }
    });
  }
}
