package dev.contactrouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Who may call what, route by route, checked against a policy written here independently of the
 * OpenAPI document's {@code x-roles}: every operation × every kind of caller (none, telephony, the
 * agent concerned, another agent, supervisor, admin, console sign-ins of an agent and a
 * supervisor, a branch board's key and a survey system's), WebSocket upgrades included. An allowed caller never
 * gets 401/403; a refused one gets 403 (401 without credentials), as problem+json. A new route fails this test until the
 * policy below says who may call it. Credentials in the URL: on sockets and the event stream a
 * single-use ticket from {@code POST /v1/auth/ws-ticket} gets the caller exactly what its header
 * gets, and so does {@code access_token} on upgrades; everywhere else (server-sent events
 * included) a credential only in the URL gets 401, whoever it names.
 */
class AccessMatrixTest {
  enum Caller { NONE, TELEPHONY, AGENT_SELF, AGENT_OTHER, SUPERVISOR, ADMIN, SIGNED_IN_AGENT, SIGNED_IN_SUPERVISOR, BOARD, SURVEY }

  private static final Set<Caller> EVERYONE = Set.of(Caller.values());
  /** Every credential but a survey system's, which gets no ticket: it opens no socket or stream. */
  private static final Set<Caller> SIGNED = java.util.EnumSet.complementOf(java.util.EnumSet.of(Caller.NONE, Caller.SURVEY));
  private static final Set<Caller> READERS = Set.of(Caller.AGENT_SELF, Caller.AGENT_OTHER, Caller.SUPERVISOR,
      Caller.ADMIN, Caller.SIGNED_IN_AGENT, Caller.SIGNED_IN_SUPERVISOR);
  private static final Set<Caller> SUPERVISION = Set.of(Caller.SUPERVISOR, Caller.ADMIN, Caller.SIGNED_IN_SUPERVISOR);
  private static final Set<Caller> SELF_AND_SUPERVISION = Set.of(Caller.AGENT_SELF, Caller.SIGNED_IN_AGENT,
      Caller.SUPERVISOR, Caller.ADMIN, Caller.SIGNED_IN_SUPERVISOR);
  private static final Set<Caller> HOLDER_AND_SUPERVISOR = Set.of(Caller.AGENT_SELF, Caller.SIGNED_IN_AGENT,
      Caller.SUPERVISOR, Caller.SIGNED_IN_SUPERVISOR);
  private static final Set<Caller> INTAKE = Set.of(Caller.TELEPHONY, Caller.SUPERVISOR, Caller.SIGNED_IN_SUPERVISOR);
  private static final Set<Caller> OFFER_HOLDER = Set.of(Caller.AGENT_SELF, Caller.SIGNED_IN_AGENT);
  private static final Set<Caller> SWITCH = Set.of(Caller.TELEPHONY);
  private static final Set<Caller> ADMIN_ONLY = Set.of(Caller.ADMIN);
  private static final Set<Caller> AGENTS_AND_SUPERVISORS = Set.of(Caller.AGENT_SELF, Caller.AGENT_OTHER,
      Caller.SIGNED_IN_AGENT, Caller.SUPERVISOR, Caller.SIGNED_IN_SUPERVISOR);
  private static final Set<Caller> SUPERVISORS = Set.of(Caller.SUPERVISOR, Caller.SIGNED_IN_SUPERVISOR);
  private static final Set<Caller> MARKERS = Set.of(Caller.TELEPHONY, Caller.AGENT_SELF, Caller.SIGNED_IN_AGENT,
      Caller.SUPERVISOR, Caller.SIGNED_IN_SUPERVISOR);
  /** A site's board: its board key (bound to site hq) and supervision, nobody else. */
  private static final Set<Caller> BOARD_READERS = Set.of(Caller.BOARD, Caller.SUPERVISOR, Caller.ADMIN,
      Caller.SIGNED_IN_SUPERVISOR);

  /** An operation, how to call it in the fixture below, and who may. */
  record Op(String id, String method, String path, JsonObject body, Set<Caller> allowed, boolean socket) {}

  private static final Map<String, Op> POLICY = new LinkedHashMap<>();

  static {
    op("listQueues", "GET", "/v1/queues", null, READERS);
    op("getQueue", "GET", "/v1/queues/stocks", null, READERS);
    op("putQueue", "PUT", "/v1/queues/stocks", new JsonObject().put("name", "Stocks").put("channel", "voice"), ADMIN_ONLY);
    op("getQueueStats", "GET", "/v1/queues/stocks/stats", null, SUPERVISION);
    op("listQueueContacts", "GET", "/v1/queues/chat/contacts", null, SUPERVISION);
    op("listAgents", "GET", "/v1/agents", null, SUPERVISION);
    op("getAgent", "GET", "/v1/agents/a1", null, SELF_AND_SUPERVISION);
    op("putAgent", "PUT", "/v1/agents/a1", new JsonObject().put("name", "Li Wei")
        .put("capacity", new JsonObject().put("chat", 3)), ADMIN_ONLY);
    op("putAgentStatus", "PUT", "/v1/agents/a1/status", new JsonObject().put("status", "available"), SELF_AND_SUPERVISION);
    socket("agentSocket", "/v1/agents/a1/ws", OFFER_HOLDER);
    op("createContact", "POST", "/v1/contacts", new JsonObject().put("channel", "chat").put("queue", "chat"), INTAKE);
    op("getContact", "GET", "/v1/contacts/{contact}", null, SELF_AND_SUPERVISION);
    op("listCustomerContacts", "GET", "/v1/customers/c-1/contacts", null, SELF_AND_SUPERVISION);
    op("erasePersonalData", "DELETE", "/v1/customers/nobody-1/personal-data?reason=test", null, ADMIN_ONLY);
    op("getContactHistory", "GET", "/v1/contacts/{contact}/history", null, SELF_AND_SUPERVISION);
    op("exportAudit", "GET", "/v1/audit?from=2020-01-01T00:00:00Z&to=2099-01-01T00:00:00Z", null, SUPERVISION);
    op("verifyAudit", "GET", "/v1/audit/verify", null, SUPERVISION);
    op("exportAuditBundle", "GET", "/v1/audit/bundle?from=2999-01-01T00:00:00Z", null, SUPERVISION);
    op("getAuditSigningKey", "GET", "/v1/audit/signing-key", null, SUPERVISION);
    op("abandonContact", "POST", "/v1/contacts/{waiting}/abandon", null, INTAKE);
    op("transferContact", "POST", "/v1/contacts/{contact}/transfer", new JsonObject().put("queue", "chat"),
        HOLDER_AND_SUPERVISOR);
    op("completeContact", "POST", "/v1/contacts/{contact}/complete", new JsonObject().put("disposition", "resolved"),
        HOLDER_AND_SUPERVISOR);
    // Major (重大问题): the switch, the agent holding the contact, supervisors (issue 19).
    op("markMajor", "POST", "/v1/contacts/{contact}/major", new JsonObject().put("reason", "system fault"),
        MARKERS);
    // Service stages (§1.2.2, issue 19): as marking major, the agent holding the contact, supervisors
    // and the intake systems that create contacts (the switch); an administrator configures, not serves.
    op("advanceStage", "POST", "/v1/contacts/{contact}/stage", new JsonObject().put("stage", "consultation"),
        MARKERS);
    // Releasing a compliance hold after a re-assessment is a supervisor's decision (issue 19).
    op("releaseHold", "POST", "/v1/contacts/{contact}/release",
        new JsonObject().put("riskLevel", 4).put("reason", "re-assessed"), SUPERVISORS);
    op("acceptOffer", "POST", "/v1/offers/{offer}/accept", null, OFFER_HOLDER);
    op("rejectOffer", "POST", "/v1/offers/{offer}/reject", null, OFFER_HOLDER);
    // A switch's reports about its calls are the switch's alone (issue 15); supervisors may look a call up.
    op("getCall", "GET", "/v1/calls/no-such-call@127.0.0.1", null, INTAKE);
    op("callRinging", "POST", "/v1/calls/no-such-call@127.0.0.1/ringing", new JsonObject().put("offerId", "x.1"),
        SWITCH);
    op("callAnswered", "POST", "/v1/calls/no-such-call@127.0.0.1/answered", new JsonObject().put("offerId", "x.1"),
        SWITCH);
    op("callNotAnswered", "POST", "/v1/calls/no-such-call@127.0.0.1/not-answered",
        new JsonObject().put("offerId", "x.1").put("reason", "busy"), SWITCH);
    op("callHangup", "POST", "/v1/calls/no-such-call@127.0.0.1/hangup", null, SWITCH);
    op("reconcileCalls", "POST", "/v1/calls/reconcile", new JsonObject().put("alive", new io.vertx.core.json.JsonArray()),
        SWITCH);
    op("eventStream", "GET", "/v1/events", null, Set.of(Caller.TELEPHONY, Caller.SUPERVISOR, Caller.ADMIN,
        Caller.SIGNED_IN_SUPERVISOR));
    // A branch display reads its own site's board and nothing else (another site: BoardApiTest).
    op("getBoard", "GET", "/v1/boards/hq", null, BOARD_READERS);
    op("boardStream", "GET", "/v1/boards/hq/stream", null, BOARD_READERS);
    op("health", "GET", "/health", null, EVERYONE);
    op("healthLive", "GET", "/health/live", null, EVERYONE);
    op("healthReady", "GET", "/health/ready", null, EVERYONE);
    op("login", "POST", "/v1/auth/login", new JsonObject().put("username", "li").put("password", "pw-li-123"), EVERYONE);
    op("issueStreamTicket", "POST", "/v1/auth/ws-ticket", null, SIGNED);
    op("listCalendars", "GET", "/v1/calendars", null, SUPERVISION);
    op("getCalendar", "GET", "/v1/calendars/weekdays", null, SUPERVISION);
    op("putCalendar", "PUT", "/v1/calendars/weekdays", new JsonObject().put("timeZone", "Asia/Shanghai")
        .put("weekly", new JsonObject().put("mon", new io.vertx.core.json.JsonArray()
            .add(new JsonObject().put("open", "09:00").put("close", "17:00")))), ADMIN_ONLY);
    // Catalogues (issue 19): every console reads them for its pickers; administrators replace them
    // (with no entries here, so the fixture's free-text reasons and dispositions stay allowed).
    op("listCatalogues", "GET", "/v1/catalogues", null, READERS);
    op("getCatalogue", "GET", "/v1/catalogues/dispositions", null, READERS);
    op("putCatalogue", "PUT", "/v1/catalogues/not-ready-reasons", new JsonObject().put("entries", new JsonArray()),
        ADMIN_ONLY);
    op("listCategories", "GET", "/v1/categories", null, SUPERVISION);
    op("getCategory", "GET", "/v1/categories/major", null, SUPERVISION);
    op("putCategory", "PUT", "/v1/categories/major", new JsonObject().put("name", "Major issue")
        .put("sla", new JsonObject().put("answerWithinSeconds", 3600)), ADMIN_ONLY);
    op("listKeys", "GET", "/v1/keys", null, ADMIN_ONLY);
    op("issueKey", "POST", "/v1/keys", new JsonObject().put("role", "telephony"), ADMIN_ONLY);
    op("revokeKey", "DELETE", "/v1/keys/{key}", null, ADMIN_ONLY);
    // Webhooks hold a secret and make the engine call out: configuration, so the administrator's alone.
    op("listWebhooks", "GET", "/v1/webhooks", null, ADMIN_ONLY);
    op("getWebhook", "GET", "/v1/webhooks/crm", null, ADMIN_ONLY);
    op("putWebhook", "PUT", "/v1/webhooks/crm", webhook(), ADMIN_ONLY);
    op("deleteWebhook", "DELETE", "/v1/webhooks/crm", null, ADMIN_ONLY);
    op("listWebhookDeliveries", "GET", "/v1/webhooks/crm/deliveries", null, ADMIN_ONLY);
    op("rotateKey", "POST", "/v1/keys/{key}/rotate", null, ADMIN_ONLY);
    // Securities service rules (issue 9). Callback: the caller leaving the line but keeping the
    // place is telephony's, like an abandon; surveys are recorded by supervisors (never by the
    // agent rated); a case's steps are the holder's of its work item (checked in the core, as
    // for contacts; a case that does not exist is 404 to every agent).
    op("requestCallback", "POST", "/v1/contacts/{waiting}/callback", new JsonObject().put("number", "13800000000"),
        INTAKE);
    // A survey system or IVR (issue 19) posts surveys and nothing else.
    op("recordSurvey", "POST", "/v1/contacts/{contact}/survey", new JsonObject().put("csat", 5),
        Set.of(Caller.SUPERVISOR, Caller.SIGNED_IN_SUPERVISOR, Caller.SURVEY));
    op("openComplaint", "POST", "/v1/complaints", new JsonObject().put("summary", "rude").put("channel", "chat"),
        AGENTS_AND_SUPERVISORS);
    op("listComplaints", "GET", "/v1/complaints?nearBreach=true", null, SUPERVISION);
    op("getComplaint", "GET", "/v1/complaints/no-such-case", null, READERS);
    // Reopening after unsatisfied feedback is a supervisor's decision (issue 19).
    op("reopenComplaint", "POST", "/v1/complaints/no-such-case/reopen", new JsonObject().put("reason", "unsatisfied"),
        SUPERVISORS);
    op("advanceComplaint", "POST", "/v1/complaints/no-such-case/classify", new JsonObject().put("class", "other"),
        AGENTS_AND_SUPERVISORS);
    // Account-opening cases (issue 19): from any channel, so the integrations that push contacts too.
    Set<Caller> caseOpeners = new java.util.HashSet<>(AGENTS_AND_SUPERVISORS);
    caseOpeners.add(Caller.TELEPHONY);
    op("openCase", "POST", "/v1/cases", new JsonObject().put("type", "account_opening").put("channel", "branch")
        .put("customer", new JsonObject().put("id", "c-1")), Set.copyOf(caseOpeners));
    op("listCases", "GET", "/v1/cases?type=account_opening&nearBreach=true", null, SUPERVISION);
    op("getCase", "GET", "/v1/cases/no-such-case", null, READERS);
    op("advanceCase", "POST", "/v1/cases/no-such-case/documents_checked", new JsonObject().put("note", "ok"),
        AGENTS_AND_SUPERVISORS);
    op("listFollowUps", "GET", "/v1/follow-ups", null, SUPERVISION);
    op("getRules", "GET", "/v1/rules", null, SUPERVISION);
    op("putRules", "PUT", "/v1/rules", new JsonObject().put("relationshipManager",
        new JsonObject().put("managerSeconds", 20)), ADMIN_ONLY);
    op("getQueueStaffing", "GET", "/v1/queues/stocks/staffing?arrivalsPerHour=120", null, SUPERVISION);
    op("getReport", "GET", "/v1/reports/headline?interval=day", null, SUPERVISION);
    op("getCluster", "GET", "/v1/cluster", null, SUPERVISION);
  }


  /**
   * Operations whose allowed calls use the fixture up (an offer accepted, a contact completed, a
   * key revoked): each call gets a fixture of its own. The others share one per operation.
   */
  private static final Set<String> CONSUMING = Set.of(
      "acceptOffer", "rejectOffer", "transferContact", "completeContact", "abandonContact", "revokeKey", "rotateKey",
      "deleteWebhook");
  private static final Map<String, Fixture> SHARED = new LinkedHashMap<>();

  /**
   * An engine with the fixture below, in a Vert.x of its own: engines sharing one Vert.x would
   * share its event bus, and so each other's domain writers.
   */
  record Fixture(EngineUnderTest engine, Map<String, String> ids) {
    static Fixture start() {
      EngineUnderTest engine = EngineUnderTest.start(new JsonObject().put("ROUTER_HTTP_INSTANCES", 1));
      return new Fixture(engine, fixture(engine));
    }

    void close() {
      engine.close();
    }
  }

  @AfterAll
  static void closeShared() {
    SHARED.values().forEach(Fixture::close);
    SHARED.clear();
  }

  @Test
  void thePolicyCoversEveryOperationOfTheApi() throws IOException {
    assertThat(POLICY.keySet()).containsExactlyInAnyOrderElementsOf(contractOperations());
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (Op op : POLICY.values()) {
      for (Caller c : Caller.values()) {
        all.add(Arguments.of(op.id(), c));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} by {1}")
  @MethodSource("cases")
  void eachCallerGetsExactlyWhatThePolicySays(String opId, Caller caller) {
    Op op = POLICY.get(opId);
    boolean fresh = CONSUMING.contains(opId);
    Fixture f = fresh ? Fixture.start() : SHARED.computeIfAbsent(opId, id -> Fixture.start());
    try {
      EngineUnderTest engine = f.engine();
      Map<String, String> ids = f.ids();
      String credential = credential(engine, caller);
      String path = op.path();
      for (Map.Entry<String, String> id : ids.entrySet()) {
        path = path.replace("{" + id.getKey() + "}", id.getValue());
      }
      boolean allowed = op.allowed().contains(caller);
      if (op.socket()) {
        int status = engine.upgrade(path, credential, null);
        int expected = allowed ? 101 : caller == Caller.NONE ? 401 : 403;
        assertThat(status).as("%s by %s", opId, caller).isEqualTo(expected);
        assertUrlCredentialsOnUpgrade(engine, opId, path, caller, credential, expected);
        return;
      }
      if (opId.equals("eventStream")) {
        HttpResponse<java.io.InputStream> stream = engine.openStream(path, credential);
        try (java.io.InputStream body = stream.body()) {
          int status = stream.statusCode();
          if (allowed) {
            assertThat(status).as("%s by %s", opId, caller).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).contains("text/event-stream");
          } else {
            assertThat(status).as("%s by %s", opId, caller).isEqualTo(caller == Caller.NONE ? 401 : 403);
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        // The same route upgraded to a WebSocket follows the same rule.
        int expected = allowed ? 101 : caller == Caller.NONE ? 401 : 403;
        int upgraded = engine.upgrade(path, credential, null);
        assertThat(upgraded).as("%s upgrade by %s", opId, caller).isEqualTo(expected);
        assertUrlCredentialsOnUpgrade(engine, opId, path, caller, credential, expected);
        assertUrlCredentialsOnStream(engine, opId, path, caller, credential, allowed);
        return;
      }
      if (opId.equals("boardStream")) {
        assertThat(streamStatus(engine, path, credential)).as("%s by %s", opId, caller)
            .isEqualTo(allowed ? 200 : caller == Caller.NONE ? 401 : 403);
        assertUrlCredentialsOnStream(engine, opId, path, caller, credential, allowed);
        return;
      }
      if (caller != Caller.NONE && !op.allowed().equals(EVERYONE)) {
        // The credential only in the URL is refused before anything else happens.
        HttpResponse<String> inUrl = engine.send(op.method(), withQuery(path, "access_token", credential), null,
            op.body());
        assertThat(inUrl.statusCode()).as("%s by %s as access_token: %s", opId, caller, inUrl.body()).isEqualTo(401);
        assertThat(new JsonObject(inUrl.body()).getString("type")).endsWith("credential-in-url");
        if (SIGNED.contains(caller)) {
          HttpResponse<String> ticketed = engine.send(op.method(), withQuery(path, "ticket", ticket(engine, credential)),
              null, op.body());
          assertThat(ticketed.statusCode()).as("%s by %s with a ticket: %s", opId, caller, ticketed.body()).isEqualTo(401);
        }
      }
      HttpResponse<String> r = engine.send(op.method(), path, credential, op.body());
      String what = opId + " by " + caller + " -> " + r.statusCode() + " " + abbreviate(r.body());
      assertThat(r.statusCode()).as(what).isLessThan(500);
      if (allowed) {
        assertThat(r.statusCode()).as(what).isNotIn(401, 403);
      } else {
        assertThat(r.statusCode()).as(what).isEqualTo(caller == Caller.NONE ? 401 : 403);
        assertThat(r.headers().firstValue("Content-Type")).as(what).contains("application/problem+json");
      }
    } finally {
      if (fresh) {
        f.close();
      }
    }
  }

  /**
   * On a WebSocket upgrade a ticket the caller got gets it what its header gets, once; so does the
   * credential itself as {@code access_token} (kept for older clients).
   */
  private static void assertUrlCredentialsOnUpgrade(EngineUnderTest engine, String opId, String path, Caller caller,
      String credential, int expected) {
    if (caller == Caller.NONE) {
      return;
    }
    if (SIGNED.contains(caller)) {
      String ticketed = withQuery(path, "ticket", ticket(engine, credential));
      assertThat(engine.upgrade(ticketed, null, null)).as("%s upgrade with a ticket by %s", opId, caller)
          .isEqualTo(expected);
      assertThat(engine.upgrade(ticketed, null, null)).as("%s upgrade with a used ticket by %s", opId, caller)
          .isEqualTo(401);
    }
    assertThat(engine.upgrade(withQuery(path, "access_token", credential), null, null))
        .as("%s upgrade with access_token by %s", opId, caller).isEqualTo(expected);
  }

  /**
   * A server-sent event stream takes a ticket the caller got in its URL (answered as its header
   * would be), and never the credential itself as {@code access_token}.
   */
  private static void assertUrlCredentialsOnStream(EngineUnderTest engine, String opId, String path, Caller caller,
      String credential, boolean allowed) {
    if (caller == Caller.NONE) {
      return;
    }
    if (SIGNED.contains(caller)) {
      assertThat(streamStatus(engine, withQuery(path, "ticket", ticket(engine, credential))))
          .as("%s as events with a ticket by %s", opId, caller).isEqualTo(allowed ? 200 : 403);
    }
    assertThat(streamStatus(engine, withQuery(path, "access_token", credential)))
        .as("%s as events with access_token by %s", opId, caller).isEqualTo(401);
  }

  private static String ticket(EngineUnderTest engine, String credential) {
    JsonObject t = engine.ok("POST", "/v1/auth/ws-ticket", credential, null);
    assertThat(java.time.Instant.parse(t.getString("expiresAt"))).isAfter(java.time.Instant.now());
    return t.getString("ticket");
  }

  private static int streamStatus(EngineUnderTest engine, String path) {
    return streamStatus(engine, path, null);
  }

  private static int streamStatus(EngineUnderTest engine, String path, String bearer) {
    HttpResponse<java.io.InputStream> stream = engine.openStream(path, bearer);
    try (java.io.InputStream body = stream.body()) {
      return stream.statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String withQuery(String path, String name, String value) {
    return path + (path.contains("?") ? "&" : "?") + name + "="
        + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * A queue for chats, two agents, contact {contact} assigned to a1 (customer c-1), {offer}
   * ringing at a1, {waiting} queued, and an issued key {key}.
   */
  private static Map<String, String> fixture(EngineUnderTest e) {
    e.ok("PUT", "/v1/queues/chat", EngineUnderTest.ADMIN, new JsonObject().put("name", "Chat").put("channel", "chat")
        .put("wrapUpSeconds", 0));
    e.ok("PUT", "/v1/queues/stocks", EngineUnderTest.ADMIN, new JsonObject().put("name", "Stocks").put("channel", "voice")
        .put("skills", new JsonObject().put("stocks", 2)));
    e.ok("PUT", "/v1/agents/a1", EngineUnderTest.ADMIN, new JsonObject().put("name", "Li Wei")
        .put("capacity", new JsonObject().put("chat", 2)));
    e.ok("PUT", "/v1/agents/a2", EngineUnderTest.ADMIN, new JsonObject().put("name", "Wang Fang")
        .put("capacity", new JsonObject().put("chat", 2)));
    e.ok("PUT", "/v1/agents/a1/status", EngineUnderTest.A1, new JsonObject().put("status", "available"));
    JsonObject first = e.ok("POST", "/v1/contacts", EngineUnderTest.TELEPHONY, new JsonObject().put("channel", "chat")
        .put("queue", "chat").put("customer", new JsonObject().put("id", "c-1")));
    e.ok("POST", "/v1/offers/" + first.getJsonObject("offer").getString("offerId") + "/accept", EngineUnderTest.A1, null);
    JsonObject second = e.ok("POST", "/v1/contacts", EngineUnderTest.TELEPHONY, new JsonObject().put("channel", "chat")
        .put("queue", "chat").put("customer", new JsonObject().put("id", "c-2")));
    JsonObject third = e.ok("POST", "/v1/contacts", EngineUnderTest.TELEPHONY, new JsonObject().put("channel", "chat")
        .put("queue", "chat").put("customer", new JsonObject().put("id", "c-3")));
    JsonObject key = e.ok("POST", "/v1/keys", EngineUnderTest.ADMIN, new JsonObject().put("role", "telephony").put("label", "victim"));
    e.ok("PUT", "/v1/webhooks/crm", EngineUnderTest.ADMIN, webhook());
    return Map.of(
        "contact", first.getString("id"),
        "offer", second.getJsonObject("offer").getString("offerId"),
        "waiting", third.getString("id"),
        "key", key.getString("id"));
  }

  /** A paused webhook (nothing is delivered while the matrix runs). */
  private static JsonObject webhook() {
    return new JsonObject().put("url", "http://127.0.0.1:9/hooks").put("types", new io.vertx.core.json.JsonArray()
        .add("contact_queued")).put("secret", "matrix-secret-0123456789").put("active", false);
  }

  private static String credential(EngineUnderTest e, Caller c) {
    return switch (c) {
      case NONE -> null;
      case TELEPHONY -> EngineUnderTest.TELEPHONY;
      case AGENT_SELF -> EngineUnderTest.A1;
      case AGENT_OTHER -> EngineUnderTest.A2;
      case SUPERVISOR -> EngineUnderTest.SUPERVISOR;
      case ADMIN -> EngineUnderTest.ADMIN;
      case SIGNED_IN_AGENT -> e.signIn("li", "pw-li-123");
      case SIGNED_IN_SUPERVISOR -> e.signIn("zhou", "pw-zhou-123");
      case BOARD -> EngineUnderTest.BOARD_HQ;
      case SURVEY -> EngineUnderTest.SURVEY;
    };
  }

  @SuppressWarnings("unchecked")
  private static Set<String> contractOperations() throws IOException {
    try (InputStream in = AccessMatrixTest.class.getResourceAsStream("/openapi.yaml")) {
      Map<String, Object> doc = new Yaml().load(in);
      Set<String> ids = new TreeSet<>();
      Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
      for (Map<String, Object> path : paths.values()) {
        for (Map.Entry<String, Object> e : path.entrySet()) {
          if (e.getValue() instanceof Map<?, ?> operation && operation.containsKey("operationId")) {
            ids.add((String) operation.get("operationId"));
          }
        }
      }
      return ids;
    }
  }

  private static void op(String id, String method, String path, JsonObject body, Set<Caller> allowed) {
    POLICY.put(id, new Op(id, method, path, body, allowed, false));
  }

  private static void socket(String id, String path, Set<Caller> allowed) {
    POLICY.put(id, new Op(id, "GET", path, null, allowed, true));
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
