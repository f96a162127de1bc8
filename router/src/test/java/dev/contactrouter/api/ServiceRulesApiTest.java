package dev.contactrouter.api;

import static dev.contactrouter.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The securities service rules over the API, against an engine running in-process on loopback:
 * compliance gates, relationship managers, complaint cases, callbacks, return visits, surveys,
 * reports and staffing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceRulesApiTest extends EmbeddedEngineTest {
  @BeforeEach
  void securitiesDesk() {
    reviewQueue();
    engine.ok("PUT", "/v1/queues/funds", EngineUnderTest.ADMIN, new JsonObject().put("name", "Funds").put("channel", "voice")
        .put("licences", new JsonArray().add("practitioner")).put("wrapUpSeconds", 0));
    engine.ok("PUT", "/v1/queues/complaints", EngineUnderTest.ADMIN, new JsonObject().put("name", "Complaints").put("wrapUpSeconds", 0));
    engine.ok("PUT", "/v1/queues/callbacks", EngineUnderTest.ADMIN, new JsonObject().put("name", "Return visits")
        .put("channel", "callback").put("wrapUpSeconds", 0));
    engine.ok("PUT", "/v1/agents/a1", EngineUnderTest.ADMIN, new JsonObject().put("name", "Li Wei").put("team", "hnw-desk")
        .put("licences", new JsonArray().add("practitioner").add("investment_adviser")));
    engine.ok("PUT", "/v1/agents/a2", EngineUnderTest.ADMIN, new JsonObject().put("name", "Wang Fang").put("team", "hnw-desk")
        .put("licences", new JsonArray().add("practitioner")));
    engine.ok("PUT", "/v1/rules", EngineUnderTest.ADMIN, new JsonObject().put("reviewQueue", "review")
        .put("relationshipManager", new JsonObject().put("managerSeconds", 30).put("teamSeconds", 30))
        .put("returnVisit", new JsonObject().put("queue", "callbacks").put("afterSaleSeconds", 0).put("afterComplaintSeconds", 0))
        .put("complaints", new JsonObject().put("queue", "complaints")));
  }

  private JsonObject contact(JsonObject body) {
    return engine.ok("POST", "/v1/contacts", EngineUnderTest.TELEPHONY, new JsonObject().put("channel", "voice").put("queue", "funds")
        .mergeIn(body));
  }

  private JsonObject status(String agent, String key, String status) {
    JsonObject body = new JsonObject().put("status", status);
    if (status.equals("not_ready")) {
      body.put("reason", "break");
    }
    return engine.ok("PUT", "/v1/agents/" + agent + "/status", key, body);
  }

  @Test
  void anUnsuitableProductWaitsInReviewWithItsReasons() {
    status("a1", EngineUnderTest.A1, "available");
    JsonObject created = contact(new JsonObject()
        .put("customer", new JsonObject().put("id", "c-9").put("riskLevel", 3))
        .put("product", new JsonObject().put("code", "F123").put("riskLevel", 4))
        .put("requiredLicences", new JsonArray().add("investment_adviser")));

    assertThat(created.getString("status")).isEqualTo("queued");
    JsonObject read = engine.ok("GET", "/v1/contacts/" + created.getString("id"), EngineUnderTest.SUPERVISOR, null);
    assertThat(read.getString("queue")).isEqualTo("review");
    JsonObject routing = read.getJsonObject("routing");
    assertThat(routing.getBoolean("held")).isTrue();
    assertThat(routing.getJsonArray("reasons").getList()).contains(
        "unsuitable: customer risk level 3 is below product F123 risk level 4");
    // Each reason has its code and parameters beside it, in order, for a console to word.
    int unsuitable = routing.getJsonArray("reasons").getList().indexOf(
        "unsuitable: customer risk level 3 is below product F123 risk level 4");
    assertThat(routing.getJsonArray("reasonCodes").getJsonObject(unsuitable)).isEqualTo(new JsonObject()
        .put("code", "gate.unsuitable")
        .put("params", new JsonObject().put("risk", 3).put("product", "F123").put("productRisk", 4)));
    JsonObject checked = engine.ok("GET", "/v1/contacts/" + created.getString("id") + "/history", EngineUnderTest.SUPERVISOR, null)
        .getJsonArray("events").stream().map(JsonObject.class::cast)
        .filter(ev -> ev.getString("type").equals("compliance_checked")).findFirst().orElseThrow();
    assertThat(checked.getJsonArray("reasonCodes")).isEqualTo(routing.getJsonArray("reasonCodes"));
    assertThat(engine.send("POST", "/v1/contacts/" + created.getString("id") + "/transfer", EngineUnderTest.SUPERVISOR,
        new JsonObject().put("queue", "funds").put("agentId", "a1")).statusCode())
        .as("no supervisor shortcut relaxes a gate").isEqualTo(409);
  }

  @Test
  void aSupervisorsTransferOfAHeldContactToANamedAgentIsAProblemNamingTheGate() {
    JsonObject created = contact(new JsonObject()
        .put("customer", new JsonObject().put("id", "c-9").put("riskLevel", 2))
        .put("product", new JsonObject().put("code", "F123").put("riskLevel", 4)));
    String id = created.getString("id");

    HttpResponse<String> r = engine.send("POST", "/v1/contacts/" + id + "/transfer", EngineUnderTest.SUPERVISOR,
        new JsonObject().put("agentId", "a1"));

    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(r.body());
    assertThat(problem.getString("type")).endsWith("/gate");
    assertThat(problem.getString("gate")).isEqualTo("review-hold");
    assertThat(problem.getString("field")).isEqualTo("/agentId");
    assertThat(problem.getString("detail")).isEqualTo("review-hold gate: the contact is held for review in queue"
        + " 'review', which asks compliance>=1; agent a1 has 0");
    assertThat(problem.getString("detailCode")).isEqualTo("gate.failed");
    assertThat(problem.getJsonObject("detailParams")).isEqualTo(new JsonObject().put("gate", "review-hold")
        .put("detail", new JsonObject().put("code", "gate.violation.review_skill").put("params", new JsonObject()
            .put("queue", "review").put("skill", "compliance").put("level", 1).put("agent", "a1").put("has", 0))));
    JsonObject a1 = status("a1", EngineUnderTest.A1, "available");
    assertThat(a1.getJsonArray("offers")).as("a1 goes available: nothing is offered to it").isEmpty();
    JsonObject read = engine.ok("GET", "/v1/contacts/" + id, EngineUnderTest.SUPERVISOR, null);
    assertThat(read.getString("status")).isEqualTo("queued");
    assertThat(read.getJsonObject("routing").getBoolean("held")).isTrue();
  }

  @Test
  void aRelationshipManagersCustomerWaitsForTheManagerFirst() {
    status("a2", EngineUnderTest.A2, "available");
    status("a1", EngineUnderTest.A1, "not_ready");
    JsonObject created = contact(new JsonObject()
        .put("customer", new JsonObject().put("id", "vip-1").put("tier", "hnw").put("riskLevel", 5)
            .put("relationshipManager", "a1")));

    assertThat(created.getString("status")).as("a2 is free but the manager a1 comes first").isEqualTo("queued");
    JsonObject routing = created.getJsonObject("routing");
    assertThat(routing.getString("stage")).isEqualTo("preferred");
    assertThat(routing.getString("preferredAgent")).isEqualTo("a1");
    JsonObject offered = status("a1", EngineUnderTest.A1, "available");
    assertThat(offered.getJsonArray("offers")).hasSize(1);
  }

  @Test
  void aComplaintCaseClosesOnlyAfterFeedbackAndSchedulesAReturnVisit() {
    status("a1", EngineUnderTest.A1, "available");
    JsonObject kase = engine.ok("POST", "/v1/complaints", EngineUnderTest.SUPERVISOR, new JsonObject()
        .put("summary", "charged twice for one trade").put("channel", "chat")
        .put("customer", new JsonObject().put("id", "c-7").put("riskLevel", 2)));
    String id = kase.getString("id");
    assertThat(kase.getString("stage")).isEqualTo("intake");
    assertThat(kase.getString("deadline")).isNotNull();

    for (String[] step : new String[][] {{"classify", "{\"class\":\"business_operation\",\"department\":\"complaints\"}"},
        {"investigate", "{\"note\":\"settlement ran twice\"}"}, {"result", "{\"note\":\"refunded\"}"},
        {"feedback", "{\"satisfied\":true,\"note\":\"thanks\"}"}}) {
      JsonObject current = engine.ok("GET", "/v1/complaints/" + id, EngineUnderTest.SUPERVISOR, null);
      String work = current.getString("workContactId");
      String offerId = engine.ok("GET", "/v1/contacts/" + work, EngineUnderTest.SUPERVISOR, null).getJsonObject("offer")
          .getString("offerId");
      engine.ok("POST", "/v1/offers/" + offerId + "/accept", EngineUnderTest.A1, null);
      assertThat(engine.ok("GET", "/v1/complaints/" + id, EngineUnderTest.A1, null).getString("id"))
          .as("the agent working it may read it").isEqualTo(id);
      if (step[0].equals("feedback")) {
        assertThat(engine.send("POST", "/v1/complaints/" + id + "/close", EngineUnderTest.SUPERVISOR, new JsonObject()).statusCode())
            .as("no closing before feedback").isEqualTo(409);
      }
      HttpResponse<String> r = engine.send("POST", "/v1/complaints/" + id + "/" + step[0], EngineUnderTest.A1, step[1], null);
      assertThat(r.statusCode()).as(step[0] + " " + r.body()).isEqualTo(200);
    }
    JsonObject awaitingClose = engine.ok("GET", "/v1/complaints/" + id, EngineUnderTest.A1, null);
    assertThat(awaitingClose.getBoolean("satisfied")).as("the agent who recorded the feedback reads the case it closes")
        .isTrue();
    assertThat(engine.send("GET", "/v1/complaints/" + id, EngineUnderTest.A2, null).statusCode()).isEqualTo(403);
    JsonObject closed = engine.ok("POST", "/v1/complaints/" + id + "/close", EngineUnderTest.A1, new JsonObject());
    assertThat(closed.getString("stage")).isEqualTo("closed");
    assertThat(closed.getJsonArray("history")).hasSize(6);
    assertThat(engine.send("GET", "/v1/complaints/" + id, EngineUnderTest.A2, null).statusCode()).isEqualTo(403);

    // Return visit after 0 s: the timer fires and it becomes a callback contact for a1.
    HttpResponse<String> queued = until("return visit queued",
        () -> engine.send("GET", "/v1/contacts/" + id + "-rv", EngineUnderTest.SUPERVISOR, null), r -> r.statusCode() == 200,
        Duration.ofSeconds(10));
    JsonObject visit = new JsonObject(queued.body());
    assertThat(visit.getString("channel")).isEqualTo("callback");
    assertThat(visit.getJsonObject("attributes").getString("followUpOf")).isEqualTo("case:" + id);

    JsonObject report = engine.ok("GET", "/v1/reports/complaints", EngineUnderTest.SUPERVISOR, null);
    assertThat(report.getLong("opened")).isEqualTo(1);
    assertThat(report.getLong("closed")).isEqualTo(1);
    assertThat(report.getJsonObject("byClass").getLong("business_operation")).isEqualTo(1);
    assertThat(report.getDouble("withinDeadlinePercent")).isEqualTo(100.0);
  }

  @Test
  void aWaitingCallerBecomesACallbackAndASurveyReachesTheReports() {
    JsonObject waiting = contact(new JsonObject());
    JsonObject converted = engine.ok("POST", "/v1/contacts/" + waiting.getString("id") + "/callback", EngineUnderTest.TELEPHONY,
        new JsonObject().put("number", "+86 138 0000 0000"));
    assertThat(converted.getString("channel")).isEqualTo("callback");
    assertThat(converted.getJsonObject("callback").getString("number")).isEqualTo("+86 138 0000 0000");

    JsonObject agent = status("a2", EngineUnderTest.A2, "available");
    String offerId = agent.getJsonArray("offers").getJsonObject(0).getString("offerId");
    engine.ok("POST", "/v1/offers/" + offerId + "/accept", EngineUnderTest.A2, null);
    engine.ok("POST", "/v1/contacts/" + waiting.getString("id") + "/complete", EngineUnderTest.A2,
        new JsonObject().put("disposition", "resolved"));
    assertThat(engine.send("POST", "/v1/contacts/" + waiting.getString("id") + "/survey", EngineUnderTest.A2,
        new JsonObject().put("csat", 5)).statusCode()).as("an agent does not rate itself").isEqualTo(403);
    engine.ok("POST", "/v1/contacts/" + waiting.getString("id") + "/survey", EngineUnderTest.SUPERVISOR,
        new JsonObject().put("csat", 4).put("nps", 9).put("comment", "called back quickly"));

    JsonArray agents = new JsonArray(engine.send("GET", "/v1/reports/agents", EngineUnderTest.SUPERVISOR, null).body());
    JsonObject a2 = agents.stream().map(o -> (JsonObject) o).filter(o -> o.getString("agentId").equals("a2"))
        .findFirst().orElseThrow();
    assertThat(a2.getLong("handled")).isEqualTo(1);
    assertThat(a2.getDouble("csatAverage")).isEqualTo(4.0);
    JsonObject headline = engine.ok("GET", "/v1/reports/headline", EngineUnderTest.SUPERVISOR, null);
    assertThat(headline.getDouble("satisfactionIndex")).isEqualTo(100.0);
    assertThat(headline.getDouble("nps")).isEqualTo(100.0);

    HttpResponse<String> csv = engine.send("GET", "/v1/reports/queues?interval=15m&format=csv", EngineUnderTest.SUPERVISOR, null);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
    assertThat(csv.body()).startsWith("queue,intervalStart,intervalEnd,offered,answered");
    assertThat(csv.body().lines()).anyMatch(l -> l.startsWith("funds,"));
  }

  @Test
  void staffingGivesTheErlangCEstimateAndThePredictedWait() {
    JsonObject s = engine.ok("GET",
        "/v1/queues/funds/staffing?arrivalsPerHour=250&handleSeconds=330&targetPercent=80&answerWithinSeconds=30",
        EngineUnderTest.SUPERVISOR, null);
    assertThat(s.getJsonObject("forecast").getInteger("agentsNeeded")).isEqualTo(28);
    assertThat(s.getJsonObject("forecast").getDouble("trafficErlangs")).isEqualTo(22.92);
    status("a1", EngineUnderTest.A1, "not_ready");
    contact(new JsonObject());
    JsonObject live = engine.ok("GET", "/v1/queues/funds/staffing?handleSeconds=120", EngineUnderTest.SUPERVISOR, null)
        .getJsonObject("live");
    assertThat(live.getInteger("waiting")).isEqualTo(1);
    assertThat(live.getInteger("staffed")).isEqualTo(1);
    assertThat(live.getInteger("predictedWaitSeconds")).as("(1 waiting + 1) x 120 s / 1 agent").isEqualTo(240);
    assertThat(engine.send("GET", "/v1/queues/funds/staffing?arrivalsPerHour=-1", EngineUnderTest.SUPERVISOR, null).statusCode())
        .isEqualTo(400);
  }
}
