package dev.contactrouter.api;

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
 * Releasing a compliance hold over the API: a supervisor's release with the customer
 * re-assessed, refused while the gates still fail, and the router's when a licence nobody held
 * is granted; each recorded in the contact's history.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HoldReleaseApiTest extends EmbeddedEngineTest {
  @BeforeEach
  void complianceDesk() {
    reviewQueue();
    engine.ok("PUT", "/v1/queues/funds", EngineUnderTest.ADMIN, new JsonObject().put("name", "Funds").put("channel", "voice"));
    engine.ok("PUT", "/v1/queues/mortgages", EngineUnderTest.ADMIN, new JsonObject().put("name", "Mortgages")
        .put("channel", "voice").put("licences", new JsonArray().add("mortgage")));
    engine.ok("PUT", "/v1/rules", EngineUnderTest.ADMIN, new JsonObject().put("reviewQueue", "review"));
  }

  private JsonObject unsuitable() {
    return engine.ok("POST", "/v1/contacts", EngineUnderTest.TELEPHONY, new JsonObject().put("channel", "voice")
        .put("queue", "funds").put("customer", new JsonObject().put("id", "c-9").put("riskLevel", 2))
        .put("product", new JsonObject().put("code", "F123").put("riskLevel", 4)));
  }

  private HttpResponse<String> release(String id, String key, JsonObject body) {
    return engine.send("POST", "/v1/contacts/" + id + "/release", key, body);
  }

  @Test
  void aSupervisorReleasesAReassessedCustomerAndTheHistoryRecordsWhoAndWhy() {
    String id = unsuitable().getString("id");

    HttpResponse<String> shortOf = release(id, EngineUnderTest.SUPERVISOR,
        new JsonObject().put("riskLevel", 3).put("reason", "re-assessed"));
    assertThat(Problems.problem(shortOf, 409).getString("detail"))
        .isEqualTo("still held: unsuitable: customer risk level 3 is below product F123 risk level 4");
    assertThat(release(id, EngineUnderTest.SUPERVISOR, new JsonObject().put("riskLevel", 9).put("reason", "x"))
        .statusCode()).isEqualTo(400);
    assertThat(release(id, EngineUnderTest.SUPERVISOR, new JsonObject().put("riskLevel", 4)).statusCode())
        .as("the re-assessment must be described").isEqualTo(400);

    HttpResponse<String> ok = release(id, EngineUnderTest.SUPERVISOR,
        new JsonObject().put("riskLevel", 4).put("reason", "questionnaire Q-118 answered by phone"));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    JsonObject view = new JsonObject(ok.body());
    assertThat(view.getString("queue")).isEqualTo("funds");
    assertThat(view.getJsonObject("customer").getInteger("riskLevel")).isEqualTo(4);
    assertThat(view.getJsonObject("routing").getBoolean("held")).isFalse();

    JsonArray history = engine.ok("GET", "/v1/contacts/" + id + "/history", EngineUnderTest.SUPERVISOR, null)
        .getJsonArray("events");
    JsonObject released = history.stream().map(JsonObject.class::cast)
        .filter(ev -> "contact_released".equals(ev.getString("type"))).findFirst().orElseThrow();
    assertThat(released.getString("actor")).startsWith("supervisor");
    assertThat(released.getInteger("customerRiskLevel")).isEqualTo(4);
    assertThat(released.getString("reason")).isEqualTo("questionnaire Q-118 answered by phone");
    assertThat(released.getString("toQueue")).isEqualTo("funds");

    assertThat(release(id, EngineUnderTest.SUPERVISOR, new JsonObject().put("reason", "again")).statusCode())
        .as("no longer held").isEqualTo(409);
  }

  @Test
  void grantingTheLicenceNobodyHeldReleasesTheContactHeldForIt() {
    JsonObject held = engine.ok("POST", "/v1/contacts", EngineUnderTest.TELEPHONY,
        new JsonObject().put("channel", "voice").put("queue", "mortgages"));
    assertThat(held.getString("queue")).isEqualTo("review");

    engine.ok("PUT", "/v1/agents/a1", EngineUnderTest.ADMIN, new JsonObject().put("name", "Li Wei")
        .put("licences", new JsonArray().add("mortgage")));

    JsonObject now = engine.ok("GET", "/v1/contacts/" + held.getString("id"), EngineUnderTest.SUPERVISOR, null);
    assertThat(now.getString("queue")).isEqualTo("mortgages");
    JsonObject released = engine.ok("GET", "/v1/contacts/" + held.getString("id") + "/history", EngineUnderTest.SUPERVISOR,
        null).getJsonArray("events").stream().map(JsonObject.class::cast)
        .filter(ev -> "contact_released".equals(ev.getString("type"))).findFirst().orElseThrow();
    assertThat(released.getString("actor")).isEqualTo("router");
    assertThat(released.getString("reasonCode")).isEqualTo("gate.released_licence_held");
  }
}
