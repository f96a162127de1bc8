package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.A2;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The manual's deadlines over HTTP: the 2-hour first response of a contact no policy covers, and
 * major contacts (重大问题), marked at intake or later, with who may mark them and the history.
 */
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class MajorApiTest extends EmbeddedEngineTest {
  private static final JsonObject GENERAL = new JsonObject().put("name", "General");

  private static Duration between(String from, String to) {
    return Duration.between(Instant.parse(from), Instant.parse(to));
  }

  @Test
  void aContactNoPolicyCoversIsDueTwoHoursAfterItArrived(VertxTestContext ctx) {
    engine.ok(HttpMethod.PUT, "/v1/queues/general", ADMIN, GENERAL)
        .compose(v -> engine.ok(HttpMethod.POST, "/v1/contacts", TELEPHONY,
            new JsonObject().put("channel", "email").put("queue", "general")))
        .compose(c -> engine.ok(HttpMethod.GET, "/v1/contacts/" + c.getString("id"), SUPERVISOR, null))
        .onComplete(ctx.succeeding(c -> ctx.verify(() -> {
          JsonObject sla = c.getJsonObject("sla");
          assertThat(sla.getString("source")).isEqualTo("manual:first-response");
          assertThat(sla.getString("timeBasis")).isEqualTo("elapsed");
          assertThat(between(c.getString("arrivedAt"), sla.getString("deadline"))).isEqualTo(Duration.ofHours(2));
          ctx.completeNow();
        })));
  }

  @Test
  void aFreshDomainListsTheManualsCategoriesAndAContactNamingOneRunsUnderIt(VertxTestContext ctx) {
    engine.ok(HttpMethod.GET, "/v1/categories/system-fault", SUPERVISOR, null)
        .compose(fault -> {
          ctx.verify(() -> {
            assertThat(fault.getString("source")).isEqualTo("manual");
            assertThat(fault.getJsonObject("sla").getInteger("answerWithinSeconds")).isEqualTo(4 * 3600);
          });
          return engine.ok(HttpMethod.PUT, "/v1/queues/general", ADMIN, GENERAL);
        })
        .compose(v -> engine.ok(HttpMethod.POST, "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice")
            .put("queue", "general").put("category", "trade-exception")))
        .compose(c -> {
          ctx.verify(() -> {
            JsonObject sla = c.getJsonObject("sla");
            assertThat(sla.getString("source")).isEqualTo("category:trade-exception");
            assertThat(between(c.getString("arrivedAt"), sla.getString("deadline"))).isEqualTo(Duration.ofHours(24));
          });
          return engine.ok(HttpMethod.PUT, "/v1/categories/system-fault", ADMIN, new JsonObject().put("name", "System fault")
              .put("sla", new JsonObject().put("answerWithinSeconds", 1800)));
        })
        .compose(v -> engine.call(HttpMethod.GET, "/v1/categories", SUPERVISOR, null))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.bodyAsJsonArray().stream().map(JsonObject.class::cast)
              .filter(c -> "manual".equals(c.getString("source"))).map(c -> c.getString("id")))
              .containsExactly("complaint", "trade-exception");
          ctx.completeNow();
        })));
  }

  @Test
  void aContactArrivingMajorIsDueWithinTheHourAndRaisedInPriority(VertxTestContext ctx) {
    engine.ok(HttpMethod.PUT, "/v1/queues/general", ADMIN, GENERAL)
        .compose(v -> engine.ok(HttpMethod.POST, "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice")
            .put("queue", "general").put("major", true).put("majorReason", "customer cannot sell: system fault")))
        .compose(c -> {
          ctx.verify(() -> {
            JsonObject sla = c.getJsonObject("sla");
            assertThat(sla.getString("source")).isEqualTo("major");
            assertThat(between(c.getString("arrivedAt"), sla.getString("deadline"))).isLessThanOrEqualTo(Duration.ofHours(1));
            assertThat(sla.getInteger("priorityBoost")).isEqualTo(50);
          });
          return engine.ok(HttpMethod.GET, "/v1/contacts/" + c.getString("id") + "/history", SUPERVISOR, null);
        })
        .onComplete(ctx.succeeding(h -> ctx.verify(() -> {
          JsonObject marked = find(h.getJsonArray("events"), "contact_marked_major");
          assertThat(marked).isNotNull();
          assertThat(marked.encode()).contains("customer cannot sell: system fault").contains("telephony");
          ctx.completeNow();
        })));
  }

  @Test
  void theHoldingAgentOrASupervisorMarksMajorOnceAndOthersAreRefused(VertxTestContext ctx) {
    String[] id = new String[1];
    JsonObject why = new JsonObject().put("reason", "large loss reported on a failed order");
    engine.stocksDesk(30, 5)
        .compose(v -> engine.status("a1", A1, "available"))
        .compose(v -> engine.newContact(new JsonObject()))
        .compose(c -> {
          id[0] = c.getString("id");
          return engine.ok(HttpMethod.POST, "/v1/offers/" + c.getJsonObject("offer").getString("offerId") + "/accept", A1, null);
        })
        .compose(v -> engine.call(HttpMethod.POST, "/v1/contacts/" + id[0] + "/major", A2, why))
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(403));
          return engine.call(HttpMethod.POST, "/v1/contacts/" + id[0] + "/major", SUPERVISOR, new JsonObject());
        })
        .compose(r -> {
          ctx.verify(() -> {
            Problems.problem(r, 400);
          });
          return engine.ok(HttpMethod.POST, "/v1/contacts/" + id[0] + "/major", A1, why);
        })
        .compose(c -> {
          ctx.verify(() -> {
            JsonObject sla = c.getJsonObject("sla");
            assertThat(sla.getString("source")).isEqualTo("major");
            assertThat(sla.containsKey("answeredAt")).as("respond and handle: runs until handled").isFalse();
            assertThat(between(sla.getString("startedAt"), sla.getString("deadline"))).isEqualTo(Duration.ofHours(1));
          });
          return engine.ok(HttpMethod.POST, "/v1/contacts/" + id[0] + "/major", SUPERVISOR, why);
        })
        .compose(again -> engine.ok(HttpMethod.GET, "/v1/contacts/" + id[0] + "/history", SUPERVISOR, null))
        .onComplete(ctx.succeeding(h -> ctx.verify(() -> {
          JsonArray events = h.getJsonArray("events");
          long marks = events.stream().filter(e -> "contact_marked_major".equals(type((JsonObject) e))).count();
          assertThat(marks).as("marking twice records nothing new").isEqualTo(1);
          assertThat(find(events, "contact_marked_major").encode()).contains("agent").contains("large loss");
          ctx.completeNow();
        })));
  }

  @Test
  void anUnknownContactIs404(VertxTestContext ctx) {
    engine.call(HttpMethod.POST, "/v1/contacts/nope/major", SUPERVISOR, new JsonObject().put("reason", "x"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.statusCode()).isEqualTo(404);
          ctx.completeNow();
        })));
  }

  private static String type(JsonObject e) {
    return e.containsKey("type") ? e.getString("type") : e.getJsonObject("event", new JsonObject()).getString("type");
  }

  private static JsonObject find(JsonArray events, String type) {
    for (int i = 0; i < events.size(); i++) {
      if (type.equals(type(events.getJsonObject(i)))) {
        return events.getJsonObject(i);
      }
    }
    return null;
  }
}
