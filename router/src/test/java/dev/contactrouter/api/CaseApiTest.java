package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.A2;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/cases} over HTTP: an account-opening case from a branch ticket with its 3-working-day
 * deadline and current step, each step taken by the agent holding its work item, both types listed
 * and read, complaint cases opened here as under {@code /v1/complaints}, and bad input refused.
 */
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class CaseApiTest extends EmbeddedEngineTest {
  private static final JsonObject BRANCH_APPLICATION = new JsonObject().put("type", "account_opening")
      .put("channel", "branch").put("customer", new JsonObject().put("id", "c-1").put("name", "Zhang San"));

  private Future<Void> desk() {
    return engine.ok(HttpMethod.PUT, "/v1/queues/accounts", ADMIN, new JsonObject().put("name", "Account opening")
            .put("channel", "email").put("wrapUpSeconds", 0))
        .compose(v -> engine.ok(HttpMethod.PUT, "/v1/queues/complaints", ADMIN,
            new JsonObject().put("name", "Complaints").put("wrapUpSeconds", 0)))
        .compose(v -> engine.ok(HttpMethod.PUT, "/v1/agents/a1", ADMIN, new JsonObject().put("name", "Li Wei")
            .put("capacity", new JsonObject().put("email", 1))))
        .compose(v -> engine.ok(HttpMethod.PUT, "/v1/rules", ADMIN, new JsonObject()
            .put("accountOpening", new JsonObject().put("queue", "accounts"))
            .put("complaints", new JsonObject().put("queue", "complaints"))))
        .mapEmpty();
  }

  @Test
  void aBranchApplicationBecomesACaseDueInThreeWorkingDaysWorkedStepByStep(VertxTestContext ctx) {
    JsonObject[] opened = new JsonObject[1];
    desk()
        .compose(v -> engine.call(HttpMethod.POST, "/v1/cases", TELEPHONY, BRANCH_APPLICATION))
        .compose(r -> {
          JsonObject k = r.bodyAsJsonObject();
          opened[0] = k;
          ctx.verify(() -> {
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
            assertThat(r.getHeader("Location")).isEqualTo("/v1/cases/" + k.getString("id"));
            assertThat(k.getString("type")).isEqualTo("account_opening");
            assertThat(k.getString("step")).isEqualTo("received");
            assertThat(k.getString("nextStep")).isEqualTo("documents_checked");
            // No calendar in the rules: every day is a working day.
            assertThat(Duration.between(Instant.parse(k.getString("openedAt")), Instant.parse(k.getString("deadline"))))
                .isEqualTo(Duration.ofDays(3));
            assertThat(k.getBoolean("breached")).isFalse();
            assertThat(k.getString("workContactId")).isEqualTo(k.getString("id") + "-documents_checked");
          });
          return engine.status("a1", A1, "available");
        })
        .compose(v -> engine.ok(HttpMethod.GET, "/v1/contacts/" + opened[0].getString("workContactId"), SUPERVISOR, null))
        .compose(c -> engine.ok(HttpMethod.POST, "/v1/offers/" + c.getJsonObject("offer").getString("offerId") + "/accept",
            A1, null))
        .compose(v -> engine.call(HttpMethod.GET, "/v1/cases/" + opened[0].getString("id"), A2, null))
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as("a2 holds none of its work").isEqualTo(403));
          return engine.call(HttpMethod.POST, "/v1/cases/" + opened[0].getString("id") + "/approved", A1, null);
        })
        .compose(r -> {
          ctx.verify(() -> {
            assertThat(r.statusCode()).as("steps go in order").isEqualTo(409);
            assertThat(r.bodyAsJsonObject().getString("detail")).contains("next step is documents_checked");
          });
          return engine.ok(HttpMethod.POST, "/v1/cases/" + opened[0].getString("id") + "/documents_checked", A1,
              new JsonObject().put("note", "ID card and bank card verified"));
        })
        .compose(k -> {
          ctx.verify(() -> {
            assertThat(k.getString("step")).isEqualTo("documents_checked");
            JsonObject taken = k.getJsonArray("steps").getJsonObject(1);
            assertThat(taken.getString("workedBy")).isEqualTo("a1");
            assertThat(taken.getString("by")).isEqualTo("agent:a1");
            assertThat(taken.getString("note")).isEqualTo("ID card and bank card verified");
            assertThat(k.getString("workContactId")).endsWith("-suitability_assessed");
          });
          return engine.call(HttpMethod.GET, "/v1/cases?type=account_opening", SUPERVISOR, null);
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          JsonArray all = r.bodyAsJsonArray();
          assertThat(all.size()).isEqualTo(1);
          assertThat(all.getJsonObject(0).getString("id")).isEqualTo(opened[0].getString("id"));
          ctx.completeNow();
        })));
  }

  @Test
  void theHeadlineCarriesTheManualsTargetsBesideItsFigures(VertxTestContext ctx) {
    desk()
        .compose(v -> engine.ok(HttpMethod.POST, "/v1/cases", TELEPHONY, BRANCH_APPLICATION))
        .compose(v -> engine.ok(HttpMethod.GET, "/v1/reports/accounts", SUPERVISOR, null))
        .compose(a -> {
          ctx.verify(() -> {
            assertThat(a.getLong("opened")).isEqualTo(1);
            assertThat(a.getLong("open")).isEqualTo(1);
            assertThat(a.getValue("averageWorkingDays")).isNull();
            assertThat(a.getInteger("limitWorkingDays")).isEqualTo(3);
            assertThat(a.getDouble("currentAverageDays")).isEqualTo(3.2);
          });
          return engine.ok(HttpMethod.GET, "/v1/reports/headline", SUPERVISOR, null);
        })
        .compose(h -> {
          ctx.verify(() -> {
            assertThat(h.getLong("accountsOpened")).isEqualTo(1);
            JsonArray targets = h.getJsonArray("targets");
            assertThat(targets.stream().map(t -> ((JsonObject) t).getString("name")))
                .containsExactly("satisfaction", "complaint_handling", "account_opening");
            JsonObject satisfaction = targets.getJsonObject(0);
            assertThat(satisfaction.getDouble("target")).isEqualTo(90.0);
            assertThat(satisfaction.getString("comparison")).isEqualTo("at_least");
            assertThat(satisfaction.getValue("met")).as("no surveys yet").isNull();
            assertThat(targets.getJsonObject(1).getDouble("target")).isEqualTo(48.0);
            assertThat(targets.getJsonObject(2).getDouble("baseline")).isEqualTo(3.2);
          });
          return engine.call(HttpMethod.GET, "/v1/reports/headline?format=csv", SUPERVISOR, null);
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.bodyAsString()).contains("targets.account_opening.target,3").contains("targets.satisfaction.met,");
          ctx.completeNow();
        })));
  }

  @Test
  void complaintCasesOpenHereToo(VertxTestContext ctx) {
    JsonObject complaint = new JsonObject().put("type", "complaint").put("summary", "charged twice")
        .put("channel", "chat").put("customer", new JsonObject().put("id", "c-2"));
    String[] id = new String[1];
    desk()
        .compose(v -> engine.call(HttpMethod.POST, "/v1/cases", TELEPHONY, complaint))
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).as("as POST /v1/complaints: agents and supervisors")
              .isEqualTo(403));
          return engine.call(HttpMethod.POST, "/v1/cases", SUPERVISOR, complaint);
        })
        .compose(r -> {
          id[0] = r.bodyAsJsonObject().getString("id");
          ctx.verify(() -> {
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("complaint");
            assertThat(r.bodyAsJsonObject().getString("stage")).isEqualTo("intake");
          });
          return engine.ok(HttpMethod.GET, "/v1/complaints/" + id[0], SUPERVISOR, null);
        })
        .compose(k -> engine.ok(HttpMethod.POST, "/v1/cases", TELEPHONY, BRANCH_APPLICATION))
        .compose(k -> engine.ok(HttpMethod.GET, "/v1/cases/" + id[0], SUPERVISOR, null))
        .compose(k -> {
          ctx.verify(() -> assertThat(k.getString("type")).isEqualTo("complaint"));
          return engine.call(HttpMethod.GET, "/v1/cases", SUPERVISOR, null);
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.bodyAsJsonArray().stream().map(o -> ((JsonObject) o).getString("type")))
              .containsExactlyInAnyOrder("complaint", "account_opening");
          ctx.completeNow();
        })));
  }

  @Test
  void badInputIsRefusedAsProblemJsonNamingTheField(VertxTestContext ctx) {
    desk()
        .compose(v -> engine.call(HttpMethod.POST, "/v1/cases", TELEPHONY, BRANCH_APPLICATION.copy().put("type", "loan")))
        .compose(r -> {
          problem(ctx, r, 400, "type");
          JsonObject noCustomer = BRANCH_APPLICATION.copy();
          noCustomer.remove("customer");
          return engine.call(HttpMethod.POST, "/v1/cases", TELEPHONY, noCustomer);
        })
        .compose(r -> {
          problem(ctx, r, 422, "customer");
          return engine.call(HttpMethod.POST, "/v1/cases/no-such-case/documents_checked", SUPERVISOR, null);
        })
        .compose(r -> {
          problem(ctx, r, 404, "no-such-case");
          return engine.call(HttpMethod.POST, "/v1/cases/x/opened", SUPERVISOR, null);
        })
        .onComplete(ctx.succeeding(r -> {
          problem(ctx, r, 400, "step");
          ctx.completeNow();
        }));
  }

  private static void problem(VertxTestContext ctx, HttpResponse<Buffer> r, int status, String names) {
    ctx.verify(() -> {
      Problems.problem(r, status);
      assertThat(r.bodyAsString()).contains(names);
    });
  }
}
