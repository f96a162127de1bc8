package dev.contactrouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three rules of the manual (issue 19) over the API, against an engine running in-process on
 * loopback: a survey system's key, SMS as a channel, and the 48-hour complaint handling KPI.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ManualRulesApiTest extends EmbeddedEngineTest {
  @BeforeEach
  void desk() {
    fundsDesk();
  }

  /** A voice contact of customer {@code customer} in funds, answered and completed by a1. */
  private String completedCall(String customer) {
    JsonObject c = engine.ok("POST", "/v1/contacts", EngineUnderTest.TELEPHONY, new JsonObject().put("channel", "voice")
        .put("queue", "funds").put("customer", new JsonObject().put("id", customer)));
    JsonObject agent = engine.ok("PUT", "/v1/agents/a1/status", EngineUnderTest.A1, new JsonObject().put("status", "available"));
    String offerId = agent.getJsonArray("offers").getJsonObject(0).getString("offerId");
    engine.ok("POST", "/v1/offers/" + offerId + "/accept", EngineUnderTest.A1, null);
    engine.ok("POST", "/v1/contacts/" + c.getString("id") + "/complete", EngineUnderTest.A1,
        new JsonObject().put("disposition", "resolved"));
    return c.getString("id");
  }

  @Test
  void aSurveySystemPostsASurveyAndNothingElse() {
    String id = completedCall("c-1");
    JsonObject rated = engine.ok("POST", "/v1/contacts/" + id + "/survey", EngineUnderTest.SURVEY,
        new JsonObject().put("csat", 5).put("nps", 9).put("comment", "IVR: pressed 5"));
    assertThat(rated.getJsonObject("survey").getInteger("csat")).isEqualTo(5);
    HttpResponse<String> again = engine.send("POST", "/v1/contacts/" + id + "/survey", EngineUnderTest.SURVEY,
        new JsonObject().put("csat", 1));
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);

    // Nothing else: not the contact it rated, not a ticket for a socket, not a new contact.
    for (String[] call : new String[][] {{"GET", "/v1/contacts/" + id}, {"POST", "/v1/auth/ws-ticket"},
        {"GET", "/v1/reports/headline"}, {"GET", "/v1/queues"}}) {
      HttpResponse<String> r = engine.send(call[0], call[1], EngineUnderTest.SURVEY, null);
      assertThat(r.statusCode()).as("%s %s: %s", call[0], call[1], r.body()).isEqualTo(403);
      assertThat(new JsonObject(r.body()).getString("detail")).contains("role survey");
    }
    HttpResponse<String> create = engine.send("POST", "/v1/contacts", EngineUnderTest.SURVEY,
        new JsonObject().put("channel", "voice").put("queue", "funds"));
    assertThat(create.statusCode()).as(create.body()).isEqualTo(403);

    // An administrator issues one at run time, and the survey it posts is the survey system's.
    JsonObject issued = engine.ok("POST", "/v1/keys", EngineUnderTest.ADMIN, new JsonObject().put("role", "survey")
        .put("label", "IVR"));
    assertThat(issued.getString("role")).isEqualTo("survey");
    String second = completedCall("c-2");
    engine.ok("POST", "/v1/contacts/" + second + "/survey", issued.getString("key"), new JsonObject().put("csat", 4));
    JsonObject history = engine.ok("GET", "/v1/contacts/" + second + "/history", EngineUnderTest.SUPERVISOR, null);
    assertThat(history.encode()).contains("survey/" + issued.getString("id"));
  }

  @Test
  void smsIsAChannelOfQueuesContactsAndCapacitiesAndOfTheCustomersHistory() {
    engine.ok("PUT", "/v1/queues/texts", EngineUnderTest.ADMIN, new JsonObject().put("name", "SMS 短信").put("channel", "sms")
        .put("wrapUpSeconds", 0));
    String call = completedCall("c-1");
    engine.ok("PUT", "/v1/agents/a1/status", EngineUnderTest.A1, new JsonObject().put("status", "offline"));
    HttpResponse<String> tooMany = engine.send("PUT", "/v1/agents/a1", EngineUnderTest.ADMIN, new JsonObject()
        .put("name", "Li Wei").put("capacity", new JsonObject().put("voice", 1).put("sms", 11)));
    assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(400);
    assertThat(new JsonObject(tooMany.body()).getString("field")).isEqualTo("/capacity/sms");
    JsonObject a1 = engine.ok("PUT", "/v1/agents/a1", EngineUnderTest.ADMIN, new JsonObject().put("name", "Li Wei")
        .put("capacity", new JsonObject().put("voice", 1).put("sms", 2)));
    assertThat(a1.getJsonObject("capacity").getInteger("sms")).isEqualTo(2);
    HttpResponse<String> mms = engine.send("POST", "/v1/contacts", EngineUnderTest.TELEPHONY,
        new JsonObject().put("channel", "mms").put("queue", "texts"));
    assertThat(mms.statusCode()).as(mms.body()).isEqualTo(400);
    assertThat(new JsonObject(mms.body()).getString("field")).isEqualTo("/channel");

    JsonObject text = engine.ok("POST", "/v1/contacts", EngineUnderTest.TELEPHONY, new JsonObject().put("channel", "sms")
        .put("queue", "texts").put("customer", new JsonObject().put("id", "c-1")));
    assertThat(text.getString("channel")).isEqualTo("sms");
    JsonObject agent = engine.ok("PUT", "/v1/agents/a1/status", EngineUnderTest.A1, new JsonObject().put("status", "available"));
    assertThat(agent.getJsonArray("offers").getJsonObject(0).getString("contactId")).isEqualTo(text.getString("id"));
    engine.ok("POST", "/v1/offers/" + agent.getJsonArray("offers").getJsonObject(0).getString("offerId") + "/accept",
        EngineUnderTest.A1, null);

    io.vertx.core.json.JsonArray history = new io.vertx.core.json.JsonArray(engine.send("GET", "/v1/customers/c-1/contacts",
        EngineUnderTest.SUPERVISOR, (JsonObject) null).body());
    assertThat(history.stream().map(o -> ((JsonObject) o).getString("channel")).toList()).containsExactly("sms", "voice");
    assertThat(history.getJsonObject(1).getString("id")).isEqualTo(call);
    JsonObject queue = engine.ok("GET", "/v1/queues/texts", EngineUnderTest.SUPERVISOR, null);
    assertThat(queue.getString("channel")).isEqualTo("sms");
  }

  @Test
  void theComplaintsReportGivesThe48HourKpiEndToEnd() {
    engine.ok("PUT", "/v1/queues/complaints", EngineUnderTest.ADMIN, new JsonObject().put("name", "Complaints")
        .put("wrapUpSeconds", 0));
    engine.ok("PUT", "/v1/rules", EngineUnderTest.ADMIN, new JsonObject()
        .put("complaints", new JsonObject().put("queue", "complaints")));
    engine.ok("PUT", "/v1/agents/a1/status", EngineUnderTest.A1, new JsonObject().put("status", "available"));
    JsonObject empty = engine.ok("GET", "/v1/reports/complaints", EngineUnderTest.SUPERVISOR, null).getJsonObject("handling");
    assertThat(empty).isEqualTo(new JsonObject().put("cases", 0).put("within48h", 0).putNull("share")
        .putNull("averageHours").putNull("p90Hours").put("overdueWithoutResult", 0));

    String id = engine.ok("POST", "/v1/complaints", EngineUnderTest.SUPERVISOR, new JsonObject()
        .put("summary", "charged twice for one trade").put("channel", "sms")
        .put("customer", new JsonObject().put("id", "c-7"))).getString("id");
    for (String[] step : new String[][] {{"classify", "{\"class\":\"business_operation\"}"},
        {"investigate", "{\"note\":\"settlement ran twice\"}"}, {"result", "{\"note\":\"refunded\"}"}}) {
      String work = engine.ok("GET", "/v1/complaints/" + id, EngineUnderTest.SUPERVISOR, null).getString("workContactId");
      String offerId = engine.ok("GET", "/v1/contacts/" + work, EngineUnderTest.SUPERVISOR, null).getJsonObject("offer")
          .getString("offerId");
      engine.ok("POST", "/v1/offers/" + offerId + "/accept", EngineUnderTest.A1, null);
      HttpResponse<String> r = engine.send("POST", "/v1/complaints/" + id + "/" + step[0], EngineUnderTest.A1, step[1], null);
      assertThat(r.statusCode()).as(step[0] + " " + r.body()).isEqualTo(200);
    }
    engine.ok("POST", "/v1/complaints", EngineUnderTest.SUPERVISOR, new JsonObject().put("summary", "app froze")
        .put("channel", "voice").put("customer", new JsonObject().put("id", "c-8")));

    JsonObject report = engine.ok("GET", "/v1/reports/complaints", EngineUnderTest.SUPERVISOR, null);
    assertThat(report.getLong("opened")).isEqualTo(2);
    JsonObject handling = report.getJsonObject("handling");
    assertThat(handling.getLong("cases")).as("only the case given its result").isEqualTo(1);
    assertThat(handling.getLong("within48h")).isEqualTo(1);
    assertThat(handling.getDouble("share")).isEqualTo(100.0);
    assertThat(handling.getDouble("averageHours")).isBetween(0.0, 0.01).isEqualTo(report.getDouble("averageHandlingHours"));
    assertThat(handling.getDouble("p90Hours")).isEqualTo(handling.getDouble("averageHours"));
    assertThat(handling.getLong("overdueWithoutResult")).as("the open case is minutes old").isZero();
  }
}
