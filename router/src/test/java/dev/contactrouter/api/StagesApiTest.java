package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.A2;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The five service stages (§1.2.2) over HTTP: a contact's {@code stages}, advancing it by its
 * agent, a supervisor or the switch, a queue's {@code stage} taking it over as new work, and the
 * problems: an unknown stage, going back, another agent, an ended contact.
 */
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class StagesApiTest extends EmbeddedEngineTest {
  private static final JsonObject SETTLEMENT_DESK = new JsonObject().put("name", "Settlement desk")
      .put("channel", "voice").put("stage", "settlement");

  private static JsonObject stage(String stage) {
    return new JsonObject().put("stage", stage);
  }

  private Future<HttpResponse<Buffer>> advance(String id, String key, JsonObject body) {
    return engine.call(HttpMethod.POST, "/v1/contacts/" + id + "/stage", key, body);
  }

  /** The stocks desk with a1 holding a fresh contact; its id. */
  private Future<String> heldByA1() {
    return engine.stocksDesk(30, 5)
        .compose(v -> engine.status("a1", A1, "available"))
        .compose(v -> engine.newContact(new JsonObject()))
        .compose(c -> engine.ok(HttpMethod.POST, "/v1/offers/" + c.getJsonObject("offer").getString("offerId") + "/accept",
            A1, null).map(c.getString("id")));
  }

  @Test
  void aContactStartsInIntakeItsAgentAdvancesItAndTheSettlementDeskTakesItOver(VertxTestContext ctx) {
    String[] id = new String[1];
    engine.ok(HttpMethod.PUT, "/v1/queues/settlement", ADMIN, SETTLEMENT_DESK)
        .compose(q -> {
          ctx.verify(() -> assertThat(q.getString("stage")).isEqualTo("settlement"));
          return heldByA1();
        })
        .compose(c -> {
          id[0] = c;
          return engine.ok(HttpMethod.GET, "/v1/contacts/" + c, SUPERVISOR, null);
        })
        .compose(c -> {
          ctx.verify(() -> {
            JsonArray stages = c.getJsonArray("stages");
            assertThat(stages).hasSize(1);
            assertThat(stages.getJsonObject(0).getString("stage")).isEqualTo("intake");
            assertThat(stages.getJsonObject(0).getString("by")).as("the switch's key").startsWith("telephony");
            assertThat(stages.getJsonObject(0).getString("at")).isEqualTo(c.getString("arrivedAt"));
          });
          return engine.ok(HttpMethod.POST, "/v1/contacts/" + id[0] + "/stage", A1, stage("consultation"));
        })
        .compose(c -> {
          ctx.verify(() -> {
            assertThat(c.getJsonArray("stages")).hasSize(2);
            assertThat(c.getJsonArray("stages").getJsonObject(1).getString("stage")).isEqualTo("consultation");
            assertThat(c.getJsonArray("stages").getJsonObject(1).getString("by")).contains("a1");
            assertThat(c.getString("agentId")).isEqualTo("a1");
          });
          return engine.ok(HttpMethod.POST, "/v1/contacts/" + id[0] + "/stage", A1, stage("settlement"));
        })
        .compose(c -> {
          ctx.verify(() -> {
            assertThat(c.getString("queue")).isEqualTo("settlement");
            assertThat(c.getString("status")).isEqualTo("queued");
            assertThat(c.containsKey("agentId")).isFalse();
            JsonObject last = c.getJsonArray("stages").getJsonObject(2);
            assertThat(last.getString("stage")).isEqualTo("settlement");
            assertThat(last.getString("queue")).isEqualTo("settlement");
          });
          return engine.ok(HttpMethod.GET, "/v1/contacts/" + id[0] + "/history", SUPERVISOR, null);
        })
        .onComplete(ctx.succeeding(h -> ctx.verify(() -> {
          String events = h.getJsonArray("events").encode();
          assertThat(events).contains("contact_stage_advanced").contains("\"toQueue\":\"settlement\"")
              .contains("contact_transferred");
          assertThat(events.indexOf("contact_stage_advanced")).isLessThan(events.lastIndexOf("contact_transferred"));
          ctx.completeNow();
        })));
  }

  @Test
  void badStagesGoingBackOtherAgentsAndEndedContactsGetProblems(VertxTestContext ctx) {
    String[] id = new String[1];
    heldByA1()
        .compose(c -> {
          id[0] = c;
          return advance(c, A1, stage("negotiation"));
        })
        .compose(r -> {
          ctx.verify(() -> {
            Problems.problem(r, 400);
            assertThat(r.bodyAsString()).contains("intake").contains("consultation").contains("trade")
                .contains("settlement").contains("feedback");
          });
          return advance(id[0], A2, stage("trade"));
        })
        .compose(r -> {
          ctx.verify(() -> {
            Problems.problem(r, 403);
          });
          return advance(id[0], SUPERVISOR, stage("trade"));
        })
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
          return advance(id[0], TELEPHONY, stage("consultation"));
        })
        .compose(r -> {
          ctx.verify(() -> {
            Problems.problem(r, 409);
            assertThat(r.bodyAsJsonObject().getString("detail")).contains("already in stage trade")
                .contains("forward only");
          });
          return advance(id[0], A1, stage("trade"));
        })
        .compose(r -> {
          ctx.verify(() -> {
            assertThat(r.statusCode()).as("the same stage again: a retry").isEqualTo(200);
            assertThat(r.bodyAsJsonObject().getJsonArray("stages")).hasSize(2);
          });
          return engine.ok(HttpMethod.POST, "/v1/contacts/" + id[0] + "/complete", A1,
              new JsonObject().put("disposition", "resolved"));
        })
        .compose(v -> advance(id[0], SUPERVISOR, stage("feedback")))
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409));
          return advance("no-such-contact", SUPERVISOR, stage("feedback"));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.statusCode()).isEqualTo(404);
          ctx.completeNow();
        })));
  }

  @Test
  void twoDesksServingAStageAreNamedOrRefusedWithTheCandidates(VertxTestContext ctx) {
    String[] id = new String[1];
    engine.ok(HttpMethod.PUT, "/v1/queues/settlement", ADMIN, SETTLEMENT_DESK)
        .compose(v -> engine.ok(HttpMethod.PUT, "/v1/queues/settlement-2", ADMIN,
            SETTLEMENT_DESK.copy().put("name", "Settlement desk 2")))
        .compose(v -> engine.call(HttpMethod.PUT, "/v1/queues/bad", ADMIN,
            new JsonObject().put("name", "Bad").put("stage", "lunch")))
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as("a queue's stage is one of the five").isEqualTo(400));
          return heldByA1();
        })
        .compose(c -> {
          id[0] = c;
          return advance(c, A1, stage("settlement"));
        })
        .compose(r -> {
          ctx.verify(() -> {
            Problems.problem(r, 422);
            assertThat(r.bodyAsJsonObject().getString("detail")).contains("settlement, settlement-2");
            assertThat(r.bodyAsJsonObject().getString("field")).isEqualTo("/queue");
          });
          return advance(id[0], A1, stage("settlement").put("queue", "settlement-2"));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
          assertThat(r.bodyAsJsonObject().getString("queue")).isEqualTo("settlement-2");
          ctx.completeNow();
        })));
  }

  @Test
  void theStageReportGivesTimeInStageAndWhereContactsStallToSupervisionOnly(VertxTestContext ctx) {
    heldByA1()
        .compose(c -> engine.ok(HttpMethod.POST, "/v1/contacts/" + c + "/stage", A1, stage("trade")))
        .compose(c -> engine.call(HttpMethod.GET, "/v1/reports/stages", A1, null))
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as("agents do not read reports").isEqualTo(403));
          return engine.call(HttpMethod.GET, "/v1/reports/stages", SUPERVISOR, null);
        })
        .compose(r -> {
          ctx.verify(() -> {
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
            JsonArray rows = r.bodyAsJsonArray();
            assertThat(rows).hasSize(5);
            JsonObject intake = rows.getJsonObject(0);
            assertThat(intake.getString("stage")).isEqualTo("intake");
            assertThat(intake.getLong("entered")).isEqualTo(1);
            assertThat(intake.getLong("left")).isEqualTo(1);
            assertThat(intake.getDouble("averageSeconds")).isNotNull();
            JsonObject trade = rows.getJsonObject(2);
            assertThat(trade.getString("stage")).isEqualTo("trade");
            assertThat(trade.getLong("current")).isEqualTo(1);
            assertThat(trade.getString("oldestContactId")).isNotNull();
            assertThat(rows.getJsonObject(1).getLong("entered")).as("consultation skipped").isZero();
          });
          return engine.call(HttpMethod.GET, "/v1/reports/stages?format=csv", SUPERVISOR, null);
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.getHeader("Content-Type")).startsWith("text/csv");
          assertThat(r.bodyAsString()).startsWith("stage,entered,left,averageSeconds,p90Seconds,current,")
              .contains("\r\ntrade,1,0,");
          ctx.completeNow();
        })));
  }
}
