package dev.contactrouter.api;

import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.A2;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static dev.contactrouter.testing.EngineUnderTest.TELEPHONY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.api.EventStreamClients.EventSocket;
import dev.contactrouter.api.schema.Check;
import dev.contactrouter.api.schema.SchemaCompiler;
import dev.contactrouter.codec.EventJson;
import dev.contactrouter.testing.EngineExtension;
import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every event the engine emits on {@code GET /v1/events} has a schema in {@code openapi.yaml}, one
 * per type ({@code OfferAcceptedEvent} for {@code offer_accepted}), and validates against it: a
 * wide scenario (a desk's day, service rules, compliance, a relationship manager, a complaint, a
 * callback, a survey, a calendar and an SLA that breaches) is recorded live and each event checked.
 */
@Timeout(90)
class EventSchemaTest {
  @RegisterExtension
  static final EngineExtension engines = EngineExtension.embedded().with("ROUTER_HTTP_INSTANCES", 1);

  /** The types any centre emits daily; the scenario must make each of them. */
  private static final List<String> COMMON = List.of(
      "queue_configured", "agent_configured", "agent_status_changed", "contact_queued", "offer_made",
      "offer_accepted", "offer_rejected", "offer_revoked", "contact_abandoned", "contact_transferred",
      "contact_completed", "api_key_issued", "api_key_revoked", "calendar_configured", "rules_configured",
      "sla_started", "sla_threshold_reached", "sla_breached", "compliance_checked", "routing_stage_changed",
      "callback_requested", "survey_recorded", "case_opened", "case_advanced", "case_stage_started", "account_case_opened", "account_case_advanced", "sign_in_refused", "webhook_configured",
      "webhook_deleted", "catalogue_configured");

  static String schemaName(String type) {
    StringBuilder name = new StringBuilder();
    for (String part : type.split("_")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.append("Event").toString();
  }

  private static JsonObject contract(EngineUnderTest e) throws Exception {
    return OpenAPIContract.from(e.vertx, ApiVerticle.OPENAPI).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS).getRawContract();
  }

  @Test
  void everyTypeTheStreamCarriesHasASchemaAndTheStreamListsThemAll(EngineUnderTest e) throws Exception {
    JsonObject doc = contract(e);
    JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
    // The loaded contract may hold the oneOf's $refs resolved: name each entry by its type's const.
    Set<String> listed = new TreeSet<>();
    schemas.getJsonObject("StreamEvent").getJsonArray("oneOf").forEach(entry -> {
      JsonObject schema = (JsonObject) entry;
      String ref = schema.getString("$ref");
      if (ref != null) {
        schema = schemas.getJsonObject(ref.replace("#/components/schemas/", ""));
      }
      listed.add(schemaName(schema.getJsonObject("properties").getJsonObject("type").getString("const")));
    });
    // One type per kind of journaled event, plus position_changed: a new event kind needs its name
    // in EventJson.TYPES (else ?types= refuses it) and a schema.
    assertThat(EventJson.TYPES).doesNotHaveDuplicates()
        .hasSize(dev.contactrouter.core.Event.class.getPermittedSubclasses().length + 1);
    for (String type : EventJson.TYPES) {
      assertThat(schemas.containsKey(schemaName(type))).as("schema for %s", type).isTrue();
      assertThat(schemas.getJsonObject(schemaName(type)).getJsonObject("properties").getJsonObject("type")
          .getString("const")).isEqualTo(type);
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(EventJson.TYPES.stream().map(EventSchemaTest::schemaName)
        .toList());
  }

  @Test
  void everyEventOfAWideScenarioValidatesAgainstTheSchemaOfItsType(EngineUnderTest e) throws Exception {
    SchemaCompiler compiler = new SchemaCompiler(contract(e));
    JsonObject schemas = contract(e).getJsonObject("components").getJsonObject("schemas");
    List<String> events = new ArrayList<>();
    try (EventSocket ws = EventSocket.open(e, "/v1/events", SUPERVISOR)) {
      EventScenario.run(e);
      readUntil(ws, events, EventScenario::isMarker);
      String completed = events.stream().map(JsonObject::new)
          .filter(j -> j.getString("type").equals("contact_completed")).findFirst().orElseThrow().getString("contactId");
      wideScenario(e, completed);
      readUntil(ws, events, json -> "sla_breached".equals(EventStreamClients.type(json)));
      e.ok("PUT", "/v1/queues/the-end", ADMIN, new JsonObject().put("name", "The end"));
      readUntil(ws, events, json -> "queue_configured".equals(EventStreamClients.type(json))
          && "the-end".equals(new JsonObject(json).getJsonObject("queue").getString("id")));
    }
    Map<String, Check> checks = new LinkedHashMap<>();
    Set<String> seen = new TreeSet<>();
    for (String json : events) {
      JsonObject event = new JsonObject(json);
      String type = event.getString("type");
      seen.add(type);
      assertThat(EventJson.TYPES).as("EventJson.TYPES").contains(type);
      assertThat(schemas.containsKey(schemaName(type))).as("a schema for emitted type %s", type).isTrue();
      Check check = checks.computeIfAbsent(type, t -> compiler.compile("#/components/schemas/" + schemaName(t)));
      assertThat(check.problems(event)).as("%s against %s", json, schemaName(type)).isEmpty();
    }
    assertThat(seen).containsAll(COMMON);
    // The schemas are strict: a field they do not list, or one missing, fails.
    JsonObject accepted = events.stream().map(JsonObject::new)
        .filter(j -> j.getString("type").equals("offer_accepted")).findFirst().orElseThrow();
    Check acceptedCheck = checks.get("offer_accepted");
    assertThat(acceptedCheck.problems(accepted.copy().put("surprise", 1))).isNotEmpty();
    JsonObject withoutAgent = accepted.copy();
    withoutAgent.remove("agentId");
    assertThat(acceptedCheck.problems(withoutAgent)).isNotEmpty();
  }

  private interface Until {
    boolean done(String json);
  }

  private static void readUntil(EventSocket ws, List<String> into, Until until) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      String json = ws.nextText();
      into.add(json);
      if (until.done(json)) {
        return;
      }
    }
    throw new AssertionError("not done within 500 events: " + into);
  }

  /** Rules, compliance, a relationship manager, a complaint, a callback, a survey, a calendar and an SLA. */
  private static void wideScenario(EngineUnderTest e, String completedContact) {
    // A paused webhook, made and removed (its events show it without its secret).
    e.ok("PUT", "/v1/webhooks/crm", ADMIN, new JsonObject().put("url", "http://127.0.0.1:9/hooks")
        .put("types", new JsonArray().add("contact_queued")).put("secret", "schema-secret-0123456789")
        .put("active", false));
    e.send("DELETE", "/v1/webhooks/crm", ADMIN, (JsonObject) null);
    // A catalogue of not-ready reasons, one retired (a1 goes on break below).
    e.ok("PUT", "/v1/catalogues/not-ready-reasons", ADMIN, new JsonObject().put("entries", new JsonArray()
        .add(new JsonObject().put("code", "break").put("labels", new JsonObject().put("en", "Break").put("zh-CN", "小休")))
        .add(new JsonObject().put("code", "smoking").put("active", false)
            .put("labels", new JsonObject().put("en", "Smoking").put("zh-CN", "吸烟")))));
    e.ok("PUT", "/v1/queues/review", ADMIN, new JsonObject().put("name", "Compliance review")
        .put("skills", new JsonObject().put("compliance", 1)));
    e.ok("PUT", "/v1/queues/funds", ADMIN, new JsonObject().put("name", "Funds").put("channel", "voice")
        .put("licences", new JsonArray().add("practitioner")).put("wrapUpSeconds", 0));
    e.ok("PUT", "/v1/queues/complaints", ADMIN, new JsonObject().put("name", "Complaints").put("wrapUpSeconds", 0));
    e.ok("PUT", "/v1/queues/callbacks", ADMIN, new JsonObject().put("name", "Return visits")
        .put("channel", "callback").put("wrapUpSeconds", 0));
    e.ok("PUT", "/v1/agents/a1", ADMIN, new JsonObject().put("name", "Li Wei").put("team", "hnw-desk")
        .put("licences", new JsonArray().add("practitioner").add("investment_adviser")));
    e.ok("PUT", "/v1/agents/a2", ADMIN, new JsonObject().put("name", "Wang Fang").put("team", "hnw-desk")
        .put("licences", new JsonArray().add("practitioner")));
    e.ok("PUT", "/v1/rules", ADMIN, new JsonObject().put("reviewQueue", "review")
        .put("relationshipManager", new JsonObject().put("managerSeconds", 30).put("teamSeconds", 30))
        .put("returnVisit", new JsonObject().put("queue", "callbacks").put("afterSaleSeconds", 0)
            .put("afterComplaintSeconds", 0))
        .put("complaints", new JsonObject().put("queue", "complaints"))
        .put("accountOpening", new JsonObject().put("queue", "complaints")));
    e.ok("PUT", "/v1/agents/a1/status", A1, new JsonObject().put("status", "not_ready").put("reason", "break"));

    // Held for review: the product is riskier than the customer may buy.
    JsonObject held = e.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice")
        .put("queue", "funds").put("externalId", "pbx-held")
        .put("customer", new JsonObject().put("id", "c-9").put("riskLevel", 3))
        .put("product", new JsonObject().put("code", "F123").put("riskLevel", 4))
        .put("requiredLicences", new JsonArray().add("investment_adviser")));
    // Waits for its relationship manager; then asks to be called back.
    JsonObject managed = e.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice")
        .put("queue", "funds").put("customer", new JsonObject().put("id", "vip-1").put("tier", "hnw").put("riskLevel", 5)
            .put("relationshipManager", "a1")));
    e.ok("POST", "/v1/contacts/" + managed.getString("id") + "/callback", TELEPHONY,
        new JsonObject().put("number", "+86 21 5555 0100"));
    e.ok("POST", "/v1/contacts/" + held.getString("id") + "/abandon", TELEPHONY, null);
    e.ok("POST", "/v1/contacts/" + managed.getString("id") + "/abandon", TELEPHONY, null);

    // The scenario's first call was completed: its survey.
    e.ok("POST", "/v1/contacts/" + completedContact + "/survey", SUPERVISOR, new JsonObject().put("csat", 5).put("nps", 9).put("comment", "quick"));

    // A complaint, taken through its first step.
    JsonObject kase = e.ok("POST", "/v1/complaints", SUPERVISOR, new JsonObject()
        .put("summary", "charged twice for one trade").put("channel", "chat")
        .put("customer", new JsonObject().put("id", "c-7").put("riskLevel", 2)));
    e.ok("PUT", "/v1/agents/a1/status", A1, new JsonObject().put("status", "available"));
    String work = e.ok("GET", "/v1/complaints/" + kase.getString("id"), SUPERVISOR, null).getString("workContactId");
    String offerId = e.ok("GET", "/v1/contacts/" + work, SUPERVISOR, null).getJsonObject("offer").getString("offerId");
    e.ok("POST", "/v1/offers/" + offerId + "/accept", A1, null);
    e.ok("POST", "/v1/complaints/" + kase.getString("id") + "/classify", A1,
        new JsonObject().put("class", "business_operation").put("department", "complaints"));

    // An account-opening application from a branch ticket, its first step taken by whoever is
    // offered its work item (a2 takes two emails at a time, so that one of them is free for it).
    e.ok("PUT", "/v1/agents/a2", ADMIN, new JsonObject().put("name", "Wang Fang").put("team", "hnw-desk")
        .put("licences", new JsonArray().add("practitioner")).put("capacity", new JsonObject().put("email", 2)));
    e.ok("PUT", "/v1/agents/a2/status", A2, new JsonObject().put("status", "available"));
    JsonObject application = e.ok("POST", "/v1/cases", TELEPHONY, new JsonObject().put("type", "account_opening")
        .put("channel", "branch").put("customer", new JsonObject().put("id", "c-8")));
    JsonObject offer = e.ok("GET", "/v1/contacts/" + application.getString("workContactId"), SUPERVISOR, null)
        .getJsonObject("offer");
    String holder = "a1".equals(offer.getString("agentId")) ? A1 : A2;
    e.ok("POST", "/v1/offers/" + offer.getString("offerId") + "/accept", holder, null);
    e.ok("POST", "/v1/cases/" + application.getString("id") + "/documents_checked", holder,
        new JsonObject().put("note", "documents verified"));

    // A calendar and a one-second SLA that nobody answers in time.
    e.ok("PUT", "/v1/calendars/hq", ADMIN, SlaApiTest.calendar());
    e.ok("PUT", "/v1/queues/stocks", ADMIN, SlaApiTest.stocksWithSla());
    e.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice").put("queue", "stocks")
        .put("externalId", "pbx-sla"));

    // A refused sign-in is in the audit trail, and so on the stream.
    e.send("POST", "/v1/auth/login", null, new JsonObject().put("username", "nobody").put("password", "wrong-password"));
  }

  @Test
  void waitingCallersAreToldWhereTheyStandAtMostEveryTenSecondsEach(EngineUnderTest e) throws Exception {
    Check schema = new SchemaCompiler(contract(e)).compile("#/components/schemas/PositionChangedEvent");
    e.ok("PUT", "/v1/queues/line", ADMIN, new JsonObject().put("name", "Line").put("channel", "voice"));
    try (EventSocket ws = EventSocket.open(e, "/v1/events?types=position_changed", TELEPHONY)) {
      String first = e.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice")
          .put("queue", "line").put("externalId", "pbx-1")).getString("id");
      String second = e.ok("POST", "/v1/contacts", TELEPHONY, new JsonObject().put("channel", "voice")
          .put("queue", "line").put("externalId", "pbx-2")).getString("id");
      Map<String, JsonObject> told = new LinkedHashMap<>();
      for (int i = 0; i < 10 && told.size() < 2; i++) {
        JsonObject event = new JsonObject(ws.nextText());
        assertThat(schema.problems(event)).as("%s", event).isEmpty();
        told.put(event.getString("contactId"), event);
      }
      assertThat(told.get(first).getInteger("position")).isEqualTo(1);
      assertThat(told.get(first).getString("externalId")).isEqualTo("pbx-1");
      assertThat(told.get(first).getString("queue")).isEqualTo("line");
      assertThat(told.get(first).containsKey("seq")).as("not journaled").isFalse();
      assertThat(told.get(second).getInteger("position")).isEqualTo(2);

      e.ok("POST", "/v1/contacts/" + first + "/abandon", TELEPHONY, null);
      JsonObject moved = new JsonObject(ws.nextText(java.time.Duration.ofSeconds(20)));
      assertThat(schema.problems(moved)).isEmpty();
      assertThat(moved.getString("contactId")).isEqualTo(second);
      assertThat(moved.getInteger("position")).isEqualTo(1);
      // Same minute of wait (none estimated: nobody staffed): told no sooner than ten seconds later.
      long gap = java.time.Instant.parse(moved.getString("at")).toEpochMilli()
          - java.time.Instant.parse(told.get(second).getString("at")).toEpochMilli();
      assertThat(gap).isGreaterThanOrEqualTo(10_000);
    }
  }
}
