package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.engine.Addresses;
import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A telephone switch drives a voice call over HTTP: agents with devices, a call pushed with its
 * Call-ID, the offer naming the device, the switch's reports (each retried), a disposition
 * recorded after the hang-up, reconciliation, and the call's life in its history.
 */
class CallApiTest {
  private static final String CALL = "a84b4c76e66710@pc33.example.com";
  private static final String SIP = "sip:1001@127.0.0.1:5071";

  @RegisterExtension
  static final EngineExtension engines = EngineExtension.embedded().with("ROUTER_HTTP_INSTANCES", 1);

  private static String calls(String callId, String report) {
    return "/v1/calls/" + URLEncoder.encode(callId, StandardCharsets.UTF_8) + (report == null ? "" : "/" + report);
  }

  private static void hotline(EngineUnderTest e) {
    e.ok("PUT", "/v1/queues/stocks", ADMIN, new JsonObject().put("name", "Stocks").put("channel", "voice")
        .put("skills", new JsonObject().put("stocks", 2)).put("offerTimeoutSeconds", 20).put("wrapUpSeconds", 30));
    e.ok("PUT", "/v1/agents/a1", ADMIN, new JsonObject().put("name", "Li Wei")
        .put("skills", new JsonObject().put("stocks", 4)).put("devices", new JsonObject().put("sip", SIP)));
  }

  private static JsonObject call(String callId) {
    return new JsonObject().put("channel", "voice").put("queue", "stocks").put("callId", callId)
        .put("caller", "+86 138 0013 8000").put("dialled", "95555");
  }

  @Test
  void aCallRingsTheAgentsDeviceIsAnsweredByTheSwitchAndEndsInWrapUpWithTheAgentsOutcome(EngineUnderTest e)
      throws InterruptedException {
    hotline(e);
    assertThat(e.ok("GET", "/v1/agents/a1", ADMIN, null).getJsonObject("devices").getString("sip")).isEqualTo(SIP);
    e.ok("PUT", "/v1/agents/a1/status", A1, new JsonObject().put("status", "available"));

    HttpResponse<String> pushed = e.send("POST", "/v1/contacts", TELEPHONY, call(CALL));
    assertThat(pushed.statusCode()).isEqualTo(201);
    JsonObject contact = new JsonObject(pushed.body());
    assertThat(contact.getString("callId")).isEqualTo(CALL);
    assertThat(contact.getString("caller")).isEqualTo("+86 138 0013 8000");
    assertThat(contact.getString("status")).isEqualTo("offered");
    String id = contact.getString("id");
    String offerId = contact.getJsonObject("offer").getString("offerId");

    HttpResponse<String> again = e.send("POST", "/v1/contacts", TELEPHONY, call(CALL));
    assertThat(again.statusCode()).as("a retried INVITE").isEqualTo(201);
    assertThat(new JsonObject(again.body()).getString("id")).isEqualTo(id);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");

    assertThat(e.send("POST", "/v1/offers/" + offerId + "/accept", A1, null).statusCode())
        .as("a call is answered on the phone, not in the console").isEqualTo(409);
    JsonObject offer = new JsonObject().put("offerId", offerId);
    e.ok("POST", calls(CALL, "ringing"), TELEPHONY, offer);
    for (int i = 0; i < 2; i++) {
      JsonObject answered = e.ok("POST", calls(CALL, "answered"), TELEPHONY, offer);
      assertThat(answered.getString("status")).isEqualTo("assigned");
      assertThat(answered.getString("agentId")).isEqualTo("a1");
    }
    assertThat(e.send("POST", "/v1/contacts/" + id + "/complete", A1, new JsonObject().put("disposition", "resolved"))
        .statusCode()).as("the call is still connected").isEqualTo(409);

    // The agent's desk is told the switch ended the call, with the contact to record its outcome on.
    List<JsonObject> toA1 = new CopyOnWriteArrayList<>();
    MessageConsumer<Object> desk = e.vertx.eventBus().consumer(Addresses.agent("default", "a1"),
        m -> toA1.add(m.body() instanceof JsonObject j ? j : new JsonObject(m.body().toString())));
    for (int i = 0; i < 2; i++) {
      JsonObject ended = e.ok("POST", calls(CALL, "hangup"), TELEPHONY, new JsonObject().put("by", "caller"));
      assertThat(ended.getString("status")).isEqualTo("completed");
      assertThat(ended.getString("disposition")).isEqualTo("hangup");
    }
    long until = System.nanoTime() + 5_000_000_000L;
    while (toA1.stream().noneMatch(n -> "contact_removed".equals(n.getString("type"))) && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    desk.unregister();
    assertThat(toA1).filteredOn(n -> "contact_removed".equals(n.getString("type"))).singleElement()
        .satisfies(n -> {
          assertThat(n.getString("reason")).isEqualTo("call_ended");
          assertThat(n.getJsonObject("contact").getString("id")).isEqualTo(id);
          assertThat(n.getJsonObject("contact").getString("callId")).isEqualTo(CALL);
        });
    assertThat(e.ok("GET", "/v1/agents/a1", SUPERVISOR, null).getString("status")).isEqualTo("wrap_up");
    JsonObject recorded = e.ok("POST", "/v1/contacts/" + id + "/complete", A1,
        new JsonObject().put("disposition", "resolved").put("notes", "margin rules explained"));
    assertThat(recorded.getString("disposition")).isEqualTo("resolved");
    assertThat(e.ok("GET", calls(CALL, null), SUPERVISOR, null).getString("notes")).isEqualTo("margin rules explained");

    List<String> life = new ArrayList<>();
    for (Object o : e.ok("GET", "/v1/contacts/" + id + "/history", SUPERVISOR, null).getJsonArray("events")) {
      life.add(((JsonObject) o).getString("type"));
    }
    assertThat(life).containsSubsequence("contact_queued", "offer_made", "call_ringing", "offer_accepted",
        "contact_completed", "disposition_recorded");
    JsonObject made = e.ok("GET", "/v1/contacts/" + id + "/history", SUPERVISOR, null).getJsonArray("events").stream()
        .map(JsonObject.class::cast).filter(ev -> ev.getString("type").equals("offer_made")).findFirst().orElseThrow();
    assertThat(made.getJsonObject("device").getString("sip")).isEqualTo(SIP);
  }

  @Test
  void aPhoneThatDoesNotAnswerPutsItsAgentNotReadyAndReconciliationEndsWhatTheSwitchLost(EngineUnderTest e) {
    hotline(e);
    e.ok("PUT", "/v1/agents/a1/status", A1, new JsonObject().put("status", "available"));
    JsonObject contact = e.ok("POST", "/v1/contacts", TELEPHONY, call("1-2@127.0.0.1"));
    String offerId = contact.getJsonObject("offer").getString("offerId");

    JsonObject missed = e.ok("POST", calls("1-2@127.0.0.1", "not-answered"), TELEPHONY,
        new JsonObject().put("offerId", offerId).put("reason", "busy"));
    assertThat(missed.getString("status")).isEqualTo("queued");
    JsonObject agent = e.ok("GET", "/v1/agents/a1", SUPERVISOR, null);
    assertThat(agent.getString("status")).isEqualTo("not_ready");
    assertThat(agent.getString("reason")).isEqualTo("missed-offer");

    JsonObject reconciled = e.ok("POST", "/v1/calls/reconcile", TELEPHONY,
        new JsonObject().put("alive", new JsonArray().add("1-2@127.0.0.1").add("9-9@127.0.0.1")));
    assertThat(reconciled.getJsonArray("ended")).isEmpty();
    assertThat(reconciled.getJsonArray("unknown")).containsExactly("9-9@127.0.0.1");
  }

  @Test
  void badReportsAreProblemsNamingWhatIsWrong(EngineUnderTest e) {
    hotline(e);
    HttpResponse<String> unknown = e.send("POST", calls("nobody@127.0.0.1", "hangup"), TELEPHONY, new JsonObject());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    // Some switches number their calls: a Call-ID of digits is still a Call-ID, not a number.
    assertThat(e.send("POST", calls("4711", "hangup"), TELEPHONY, new JsonObject()).statusCode()).isEqualTo(404);

    HttpResponse<String> noOffer = e.send("POST", calls("1-2@127.0.0.1", "answered"), TELEPHONY, new JsonObject());
    assertThat(noOffer.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(noOffer.body()).getString("field")).isEqualTo("/offerId");

    HttpResponse<String> chat = e.send("POST", "/v1/contacts", TELEPHONY,
        call("3-4@127.0.0.1").put("channel", "chat").put("queue", "stocks"));
    assertThat(chat.statusCode()).as("only a voice contact has a call").isEqualTo(422);
    assertThat(new JsonObject(chat.body()).getString("field")).isEqualTo("/callId");

    HttpResponse<String> badDevice = e.send("PUT", "/v1/agents/a2", ADMIN, new JsonObject().put("name", "Wang")
        .put("devices", new JsonObject().put("sip", "not a uri")));
    assertThat(badDevice.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(badDevice.body()).getString("field")).isEqualTo("/devices/sip");

    HttpResponse<String> byAgent = e.send("POST", calls("1-2@127.0.0.1", "hangup"), A1, new JsonObject());
    assertThat(byAgent.statusCode()).as("only the switch reports calls").isEqualTo(403);
  }
}
