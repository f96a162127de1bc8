package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SLA policies, calendars and categories over HTTP; warnings and breaches on the event stream. */
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class SlaApiTest extends EmbeddedEngineTest {
  static JsonObject hours(String open, String close) {
    return new JsonObject().put("open", open).put("close", close);
  }

  static JsonObject calendar() {
    JsonArray day = new JsonArray().add(hours("00:00", "24:00"));
    return new JsonObject().put("name", "HQ").put("timeZone", "Asia/Shanghai")
        .put("weekly", new JsonObject().put("mon", day).put("tue", day).put("wed", day).put("thu", day)
            .put("fri", day).put("sat", day).put("sun", day))
        .put("holidays", new JsonArray().add("2025-10-01"))
        .put("special", new JsonArray().add(new JsonObject().put("date", "2025-09-28").put("hours", day)))
        .put("outOfHours", new JsonObject().put("treatment", "refuse").put("reason", "closed for the night"));
  }

  /** The minimal queue shape, with a one-second deadline so it passes within the test. */
  static JsonObject stocksWithSla() {
    return new JsonObject().put("name", "Stocks").put("channel", "voice").put("skills", new JsonObject().put("stocks", 4))
        .put("calendar", "hq")
        .put("sla", new JsonObject().put("answerWithinSeconds", 1).put("targetPercent", 80).put("thresholds", new JsonArray()
            .add(new JsonObject().put("atPercent", 50).put("action", "raise_priority").put("by", 20))
            .add(new JsonObject().put("atPercent", 80).put("action", "relax_skills").put("by", 1))
            .add(new JsonObject().put("atPercent", 100).put("action", "overflow").put("queue", "general"))
            .add(new JsonObject().put("atPercent", 100).put("action", "alert"))));
  }

  @Test
  void deadlinesShowOnTheContactTheStatsAndTheEventStream(VertxTestContext ctx) {
    Vertx vertx = engine.vertx;
    List<JsonObject> streamed = new ArrayList<>();
    Promise<Void> sawBreach = Promise.promise();
    String[] id = new String[1];
    WebSocketConnectOptions ws = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(engine.app.httpPort())
        .setURI("/v1/events?access_token=" + SUPERVISOR + "&types=sla_threshold_reached,sla_breached");
    vertx.createWebSocketClient().connect(ws)
        .compose(socket -> {
          socket.textMessageHandler(text -> {
            JsonObject e = new JsonObject(text);
            streamed.add(e);
            if (e.getString("type").equals("sla_breached")) {
              sawBreach.tryComplete();
            }
          });
          return engine.ok(HttpMethod.PUT, "/v1/calendars/hq", ADMIN, calendar());
        })
        .compose(cal -> {
          ctx.verify(() -> assertThat(cal.getString("timeZone")).isEqualTo("Asia/Shanghai"));
          return engine.ok(HttpMethod.PUT, "/v1/queues/general", ADMIN, new JsonObject().put("name", "General"));
        })
        .compose(v -> engine.ok(HttpMethod.PUT, "/v1/queues/stocks", ADMIN, stocksWithSla()))
        .compose(queue -> {
          ctx.verify(() -> assertThat(queue.getJsonObject("sla").getJsonArray("thresholds")).hasSize(4));
          return engine.ok(HttpMethod.POST, "/v1/contacts", TELEPHONY,
              new JsonObject().put("channel", "voice").put("queue", "stocks"));
        })
        .compose(created -> {
          id[0] = created.getString("id");
          JsonObject sla = created.getJsonObject("sla");
          ctx.verify(() -> {
            assertThat(sla.getString("deadline")).isNotNull();
            assertThat(sla.getDouble("remainingSeconds")).isBetween(0.0, 1.0);
            assertThat(sla.getBoolean("breached")).isFalse();
            assertThat(sla.getJsonArray("fired")).isEmpty();
          });
          return sawBreach.future();
        })
        .compose(v -> waitFor(vertx, () -> engine.ok(HttpMethod.GET, "/v1/contacts/" + id[0], SUPERVISOR, null),
            c -> c.getJsonObject("sla").getJsonArray("fired").size() == 5))
        .compose(contact -> {
          JsonObject sla = contact.getJsonObject("sla");
          ctx.verify(() -> {
            assertThat(sla.getBoolean("breached")).isTrue();
            assertThat(sla.getDouble("remainingSeconds")).isNegative();
            JsonObject first = sla.getJsonArray("fired").getJsonObject(0);
            assertThat(first.getInteger("atPercent")).isEqualTo(50);
            assertThat(first.getString("action")).isEqualTo("raise_priority");
            assertThat(first.getString("at")).isNotNull();
            assertThat(contact.getString("queue")).as("overflowed").isEqualTo("general");
            assertThat(streamed).extracting(e -> e.getString("type")).contains("sla_threshold_reached", "sla_breached");
          });
          return engine.ok(HttpMethod.GET, "/v1/queues/stocks/stats", SUPERVISOR, null);
        })
        .onComplete(ctx.succeeding(stats -> ctx.verify(() -> {
          assertThat(stats.getInteger("breaches")).isEqualTo(1);
          assertThat(stats.getDouble("serviceLevel")).isEqualTo(0.0);
          assertThat(stats.getInteger("nearBreach")).isZero();
          assertThat(stats.getInteger("targetPercent")).isEqualTo(80);
          ctx.completeNow();
        })));
  }

  @Test
  void categoriesCarryTheirOwnPolicy(VertxTestContext ctx) {
    JsonObject major = new JsonObject().put("name", "Major issue")
        .put("sla", new JsonObject().put("answerWithinSeconds", 3600).put("targetPercent", 95));
    engine.ok(HttpMethod.PUT, "/v1/categories/major", ADMIN, major)
        .compose(v -> engine.ok(HttpMethod.PUT, "/v1/queues/general", ADMIN, new JsonObject().put("name", "General")))
        .compose(v -> engine.ok(HttpMethod.POST, "/v1/contacts", TELEPHONY,
            new JsonObject().put("channel", "email").put("queue", "general").put("category", "major")))
        .onComplete(ctx.succeeding(c -> ctx.verify(() -> {
          assertThat(c.getString("category")).isEqualTo("major");
          assertThat(c.getJsonObject("sla").getString("source")).isEqualTo("category:major");
          assertThat(c.getJsonObject("sla").getDouble("remainingSeconds")).isGreaterThan(3590.0);
          ctx.completeNow();
        })));
  }

  @Test
  void badPoliciesAndCalendarsAreRefusedWithTheField(VertxTestContext ctx) {
    JsonObject extra = calendar().put("colour", "blue");
    JsonObject badZone = calendar().put("timeZone", "Mars/Olympus");
    JsonObject noBy = new JsonObject().put("name", "Q").put("sla", new JsonObject().put("answerWithinSeconds", 20)
        .put("thresholds", new JsonArray().add(new JsonObject().put("atPercent", 50).put("action", "raise_priority"))));
    JsonObject unknownOverflow = new JsonObject().put("name", "Q").put("sla", new JsonObject().put("answerWithinSeconds", 20)
        .put("thresholds", new JsonArray().add(new JsonObject().put("atPercent", 100).put("action", "overflow").put("queue", "nowhere"))));
    Future.all(
            engine.call(HttpMethod.PUT, "/v1/calendars/x", ADMIN, extra),
            engine.call(HttpMethod.PUT, "/v1/calendars/x", ADMIN, badZone),
            engine.call(HttpMethod.PUT, "/v1/queues/q", ADMIN, noBy),
            engine.call(HttpMethod.PUT, "/v1/queues/q", ADMIN, unknownOverflow),
            engine.call(HttpMethod.PUT, "/v1/calendars/x", SUPERVISOR, calendar()),
            engine.call(HttpMethod.PUT, "/v1/calendars/x", ADMIN, calendar().put("holidays", new JsonArray().add("2025-02-30"))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(0).statusCode()).isEqualTo(400);
          var zone = all.<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>resultAt(1);
          assertThat(zone.statusCode()).isEqualTo(422);
          assertThat(zone.bodyAsJsonObject().getString("field")).isEqualTo("/timeZone");
          assertThat(all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(2).statusCode()).isEqualTo(400);
          var overflow = all.<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>resultAt(3);
          assertThat(overflow.statusCode()).isEqualTo(422);
          assertThat(overflow.bodyAsJsonObject().getString("field")).isEqualTo("/sla/thresholds/0/queue");
          assertThat(all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(4).statusCode()).isEqualTo(403);
          assertThat(all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(5).statusCode()).isEqualTo(400);
          ctx.completeNow();
        })));
  }

  @Test
  void aClosedQueueRefusesRealTimeContactsWithTheReason(VertxTestContext ctx) {
    // Open only on the day after tomorrow (UTC), so closed whenever this runs.
    String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2).getDayOfWeek().name().substring(0, 3)
        .toLowerCase(java.util.Locale.ROOT);
    JsonObject never = calendar().put("weekly", new JsonObject().put(day, new JsonArray().add(hours("09:00", "10:00"))))
        .put("timeZone", "UTC").put("special", new JsonArray());
    engine.ok(HttpMethod.PUT, "/v1/calendars/night", ADMIN, never)
        .compose(v -> engine.ok(HttpMethod.PUT, "/v1/queues/hotline", ADMIN,
            new JsonObject().put("name", "Hotline").put("calendar", "night")))
        .compose(v -> engine.call(HttpMethod.POST, "/v1/contacts", TELEPHONY,
            new JsonObject().put("channel", "voice").put("queue", "hotline")))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.statusCode()).isEqualTo(409);
          assertThat(r.bodyAsJsonObject().getString("detail")).startsWith("closed for the night; it opens at ");
          assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
          ctx.completeNow();
        })));
  }

  /** Repeats a read every 100 ms until it matches (bounded by the test's timeout). */
  private static Future<JsonObject> waitFor(Vertx vertx, java.util.function.Supplier<Future<JsonObject>> read,
      java.util.function.Predicate<JsonObject> done) {
    return read.get().compose(r -> done.test(r)
        ? Future.succeededFuture(r)
        : Future.future(p -> vertx.setTimer(100, id -> waitFor(vertx, read, done).onComplete(p))));
  }
}
