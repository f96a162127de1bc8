package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;

import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonObject;

/**
 * A short day at a desk, driven over HTTP, that makes the engine emit the common event types: a
 * call rings an agent, is moved to another queue while ringing, is answered and completed; a
 * second call is rejected, then abandoned; a key is issued and revoked. It ends with a marker
 * event (the queue {@link #MARKER} configured), so a reader knows the scenario's events are all in.
 */
final class EventScenario {
  static final String MARKER = "scenario-done";

  private EventScenario() {}

  static void run(EngineUnderTest e) {
    e.ok("PUT", "/v1/queues/stocks", ADMIN, new JsonObject().put("name", "Stocks").put("channel", "voice")
        .put("skills", new JsonObject().put("stocks", 2)).put("offerTimeoutSeconds", 60).put("wrapUpSeconds", 60));
    e.ok("PUT", "/v1/queues/general", ADMIN, new JsonObject().put("name", "General").put("channel", "voice"));
    e.ok("PUT", "/v1/agents/a1", ADMIN, new JsonObject().put("name", "Li Wei")
        .put("skills", new JsonObject().put("stocks", 4)).put("site", "hq"));
    e.ok("PUT", "/v1/agents/a1/status", A1, new JsonObject().put("status", "available"));

    JsonObject first = e.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice")
        .put("queue", "stocks").put("externalId", "pbx-call-1")
        .put("customer", new JsonObject().put("id", "cust-1").put("name", "Zhang Wei")));
    String c1 = first.getString("id");
    // Moved while it rings: the offer is revoked in stocks, the contact moves to general and rings again.
    e.ok("POST", "/v1/contacts/" + c1 + "/transfer", SUPERVISOR, new JsonObject().put("queue", "general"));
    String offer = e.ok("GET", "/v1/contacts/" + c1, SUPERVISOR, null).getJsonObject("offer").getString("offerId");
    e.ok("POST", "/v1/offers/" + offer + "/accept", A1, null);
    e.ok("POST", "/v1/contacts/" + c1 + "/complete", A1, new JsonObject().put("disposition", "resolved")
        .put("notes", "asked about a dividend"));
    e.ok("PUT", "/v1/agents/a1/status", A1, new JsonObject().put("status", "available"));

    JsonObject second = e.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice")
        .put("queue", "stocks").put("externalId", "pbx-call-2"));
    String c2 = second.getString("id");
    String offer2 = e.ok("GET", "/v1/contacts/" + c2, SUPERVISOR, null).getJsonObject("offer").getString("offerId");
    e.ok("POST", "/v1/offers/" + offer2 + "/reject", A1, new JsonObject().put("reason", "wrong_desk"));
    e.ok("POST", "/v1/contacts/" + c2 + "/abandon", TELEPHONY, null);

    JsonObject key = e.ok("POST", "/v1/keys", ADMIN, new JsonObject().put("role", "supervisor").put("label", "wallboard"));
    e.send("DELETE", "/v1/keys/" + key.getString("id"), ADMIN, (JsonObject) null);
    e.ok("PUT", "/v1/queues/" + MARKER, ADMIN, new JsonObject().put("name", "Marker"));
  }

  static boolean isMarker(String json) {
    JsonObject event = new JsonObject(json);
    return "queue_configured".equals(event.getString("type"))
        && MARKER.equals(event.getJsonObject("queue").getString("id"));
  }
}
