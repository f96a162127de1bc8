package dev.contactrouter.api;

import static dev.contactrouter.api.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reopening a complaint after unsatisfied feedback over the API (issue 19): a supervisor's
 * decision, back to investigation in the same case with a new work item and the reopening in its
 * history; problems for a case not ready to reopen; the complaints report counts it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ComplaintReopenApiTest extends EmbeddedEngineTest {
  @BeforeEach
  void complaintsDesk() {
    engine.ok("PUT", "/v1/queues/complaints", EngineUnderTest.ADMIN, new JsonObject().put("name", "Complaints")
        .put("wrapUpSeconds", 0));
    engine.ok("PUT", "/v1/agents/a1", EngineUnderTest.ADMIN, new JsonObject().put("name", "Li Wei")
        .put("capacity", new JsonObject().put("email", 1).put("callback", 1)));
    engine.ok("PUT", "/v1/rules", EngineUnderTest.ADMIN, new JsonObject()
        .put("complaints", new JsonObject().put("queue", "complaints")));
    engine.ok("PUT", "/v1/agents/a1/status", EngineUnderTest.A1, new JsonObject().put("status", "available"));
  }

  /** a1 accepts the case's current work item and takes the step. */
  private JsonObject step(String id, String step, JsonObject body) {
    String work = engine.ok("GET", "/v1/complaints/" + id, EngineUnderTest.SUPERVISOR, null).getString("workContactId");
    String offerId = engine.ok("GET", "/v1/contacts/" + work, EngineUnderTest.SUPERVISOR, null).getJsonObject("offer")
        .getString("offerId");
    engine.ok("POST", "/v1/offers/" + offerId + "/accept", EngineUnderTest.A1, null);
    return engine.ok("POST", "/v1/complaints/" + id + "/" + step, EngineUnderTest.A1, body);
  }

  @Test
  void aSupervisorReopensAnUnsatisfiedCaseKeepingOneHistory() {
    String id = engine.ok("POST", "/v1/complaints", EngineUnderTest.SUPERVISOR, new JsonObject()
        .put("summary", "charged twice for one trade").put("channel", "chat")
        .put("customer", new JsonObject().put("id", "c-7"))).getString("id");
    JsonObject why = new JsonObject().put("reason", "the statement still shows both charges");
    assertThat(problem(engine.send("POST", "/v1/complaints/" + id + "/reopen", EngineUnderTest.SUPERVISOR, why), 409)
        .getString("detail")).contains("unsatisfied");

    step(id, "classify", new JsonObject().put("class", "business_operation"));
    step(id, "investigate", new JsonObject().put("note", "settlement ran twice"));
    step(id, "result", new JsonObject().put("note", "one charge refunded"));
    step(id, "feedback", new JsonObject().put("satisfied", false).put("note", "still two charges"));

    problem(engine.send("POST", "/v1/complaints/" + id + "/reopen", EngineUnderTest.A1, why), 403);
    problem(engine.send("POST", "/v1/complaints/" + id + "/reopen", EngineUnderTest.SUPERVISOR, new JsonObject()), 400);
    JsonObject reopened = engine.ok("POST", "/v1/complaints/" + id + "/reopen", EngineUnderTest.SUPERVISOR, why);

    assertThat(reopened.getString("stage")).isEqualTo("investigation");
    assertThat(reopened.getString("workContactId")).isEqualTo(id + "-investigation-2");
    assertThat(reopened.getInteger("reopened")).isEqualTo(1);
    assertThat(reopened.getString("deadline")).isNotNull();
    assertThat(reopened.containsKey("satisfied")).isFalse();
    JsonArray history = reopened.getJsonArray("history");
    assertThat(history).hasSize(6);
    JsonObject last = history.getJsonObject(5);
    assertThat(last.getString("step")).isEqualTo("reopen");
    assertThat(last.getString("from")).isEqualTo("feedback");
    assertThat(last.getString("to")).isEqualTo("investigation");
    assertThat(last.getString("note")).isEqualTo("the statement still shows both charges");
    assertThat(last.getString("by")).startsWith("supervisor");

    JsonObject report = engine.ok("GET", "/v1/reports/complaints", EngineUnderTest.SUPERVISOR, null);
    assertThat(report.getLong("reopened")).isEqualTo(1);
    assertThat(report.getLong("withResult")).as("the first result was taken back").isZero();
    problem(engine.send("POST", "/v1/complaints/nope/reopen", EngineUnderTest.SUPERVISOR, why), 404);
  }
}
