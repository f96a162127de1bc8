package dev.contactrouter.store.format;

import static dev.contactrouter.store.format.SpecFormat.putIfSet;

import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.Catalogue;
import dev.contactrouter.core.Channel;
import dev.contactrouter.core.ContactStatus;
import dev.contactrouter.core.ContactView;
import dev.contactrouter.core.DomainSnapshot;
import dev.contactrouter.core.RouteStage;
import dev.contactrouter.core.AccountCaseView;
import dev.contactrouter.core.AccountOpening;
import dev.contactrouter.core.ServiceStage;
import dev.contactrouter.core.Complaint;
import dev.contactrouter.core.CaseView;
import dev.contactrouter.core.SlaView;
import dev.contactrouter.core.SlaPolicy;
import dev.contactrouter.core.WebhookSpec;
import dev.contactrouter.core.ApiKeyView;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The stored form of a {@link DomainSnapshot}: the state text of {@link
 * dev.contactrouter.store.StoredSnapshot}, whose {@code format} column names its {@link #VERSION}.
 * Specs use the stored shapes of {@link SpecFormat}; times are epoch milliseconds, exact to the
 * millisecond the core works in, and priority keys are JSON numbers that read back to the same
 * double. The text starts with {@code "format": N}.
 *
 * <p>A snapshot is a shortcut, not a record: the journal alone rebuilds the domain. So a reader
 * may refuse a format it does not know (recovery then replays the journal from the start), and a
 * new format need not keep a reader for the old one, though restarts are slower until the next
 * snapshot. The golden file in {@code src/test/resources/journal-format/} holds what format 3
 * wrote.
 */
public final class SnapshotFormat {
  /**
   * The format {@link #encode} writes. Format 2 added SLA clocks and counters, calendars,
   * categories and API keys; format 3 the service rules: compliance gates, reservations,
   * callbacks, surveys, complaint cases and return visits. Formats 1 and 2 are not read.
   */
  public static final int VERSION = 3;

  /** How many contacts {@link #parts(DomainSnapshot, Runnable)} writes between rests. */
  public static final int CONTACTS_PER_REST = 1_000;

  /**
   * The most characters in one part of a snapshot's text ({@link
   * dev.contactrouter.store.StoredSnapshot#parts}): about 400 contacts' worth, a quarter of a
   * megabyte. Every array the text passes through (the encoder's, the digest's, the database
   * client's) is then at most about this size, so no thread spends long in one copy, encoding or
   * digest that a safepoint must wait for.
   */
  public static final int PART_CHARS = 1 << 18;

  private static final JsonFactory JSON = new JsonFactory();

  private SnapshotFormat() {}

  /**
   * The state text of a snapshot in one string: for small states (tests, golden files); the engine
   * stores {@link #parts} instead.
   */
  public static String encode(DomainSnapshot s) {
    return String.join("", parts(s, () -> { }, PART_CHARS));
  }

  /**
   * The state text of a snapshot, in parts of at most {@link #PART_CHARS} characters whose
   * concatenation is the text. It is written as it is built, contact by contact, with {@code rest}
   * run after every {@value #CONTACTS_PER_REST} contacts: the caller can pause there, so encoding a
   * large domain in the background takes only a share of a core (and its garbage comes at that
   * pace). The text is the same as without pauses, and the same as {@link #encode}.
   */
  public static List<String> parts(DomainSnapshot s, Runnable rest) {
    return parts(s, rest, PART_CHARS);
  }

  static List<String> parts(DomainSnapshot s, Runnable rest, int partChars) {
    PartsWriter text = new PartsWriter(partChars);
    try (JsonGenerator out = JSON.createGenerator(text)) {
      out.writeStartObject();
      for (Map.Entry<String, Object> field : json(s)) {
        out.writeFieldName(field.getKey());
        if (!field.getKey().equals("contacts")) {
          JacksonCodec.encodeJson(field.getValue(), out);
          continue;
        }
        out.writeStartArray();
        int written = 0;
        for (DomainSnapshot.Contact c : s.contacts()) {
          contact(c, out);
          if (++written % CONTACTS_PER_REST == 0) {
            rest.run();
          }
        }
        out.writeEndArray();
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    text.close();
    return text.parts();
  }

  /** The snapshot a stored state text holds; refuses a format this build does not read. */
  public static DomainSnapshot decode(String state) {
    return decode(new JsonObject(state));
  }

  /**
   * The snapshot a stored state text holds, given in parts ({@link #parts}), read without joining
   * them; refuses a format this build does not read.
   */
  public static DomainSnapshot decode(List<String> parts) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> json = JacksonCodec.fromParser(JSON.createParser(new PartsReader(parts)), Map.class);
      return decode(new JsonObject(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything but the contacts, whose place holds an empty array (they are written one by one by {@link #encode}). */
  private static JsonObject json(DomainSnapshot s) {
    JsonArray queues = new JsonArray();
    for (DomainSnapshot.Queue q : s.queues()) {
      queues.add(new JsonObject()
          .put("spec", SpecFormat.queue(q.spec()))
          .put("offered", q.offered())
          .put("answered", q.answered())
          .put("abandoned", q.abandoned())
          .put("completed", q.completed())
          .put("transferredOut", q.transferredOut())
          .put("missedOffers", q.missedOffers())
          .put("answerWaitMillis", q.answerWaitMillis())
          .put("handleMillis", q.handleMillis())
          .put("sla", new JsonObject()
              .put("interval", q.sla().interval()).put("decided", q.sla().decided()).put("met", q.sla().met())
              .put("breaches", q.sla().breaches()).put("breachesTotal", q.sla().breachesTotal())));
    }
    JsonArray agents = new JsonArray();
    for (DomainSnapshot.Agent a : s.agents()) {
      JsonObject json = new JsonObject()
          .put("seq", a.seq())
          .put("profile", SpecFormat.agent(a.profile()))
          .put("status", a.status().wire());
      putIfSet(json, "reason", a.reason());
      json.put("statusSince", a.statusSince());
      putIfSet(json, "wrapUpUntil", a.wrapUpUntil());
      json.put("readySince", a.readySince());
      putIfSet(json, "activeChannel", a.activeChannel() == null ? null : a.activeChannel().wire());
      // Written only when there are any, so a snapshot without the count reads back the same.
      putIfSet(json, "missedOffers", a.missedOffers() == 0 ? null : a.missedOffers());
      agents.add(json
          .put("offers", strings(a.offers()))
          .put("contacts", strings(a.contacts())));
    }
    return withWebhooks(new JsonObject()
        .put("format", VERSION)
        .put("arrivals", s.arrivals())
        .put("registrations", s.registrations())
        .put("queues", queues)
        .put("agents", agents)
        .put("contacts", new JsonArray())
        .put("retired", strings(s.retired()))
        .put("calendars", new JsonArray(s.calendars().stream().map(c -> (Object) SpecFormat.calendar(c)).toList()))
        .put("categories", new JsonArray(s.categories().stream().map(c -> (Object) SpecFormat.category(c)).toList()))
        .put("apiKeys", new JsonArray(s.apiKeys().stream().map(k -> (Object) apiKey(k)).toList()))
        .put("rules", SpecFormat.rules(s.rules()))
        .put("cases", new JsonArray(s.cases().stream().map(k -> (Object) kase(k)).toList()))
        .put("followUps", new JsonArray(s.followUps().stream().map(f -> (Object) SpecFormat.followUp(f)).toList())),
        s.webhooks(), s.accountCases(), s.catalogues());
  }

  /**
   * One contact, written field by field to {@code out}: the text a {@code JsonObject} of the same
   * fields, in the same order and with the same number types, encodes to (the golden snapshot holds
   * it), without building that object first. A snapshot holds every contact, and building the
   * objects was about a third of encoding one (JFR, 100,000 waiting contacts). Only the contact's
   * spec, shared with the events' format, goes through {@link SpecFormat}'s object.
   */
  private static void contact(DomainSnapshot.Contact c, JsonGenerator out) throws IOException {
    out.writeStartObject();
    out.writeFieldName("spec");
    JacksonCodec.encodeJson(SpecFormat.contact(c.spec()), out);
    out.writeNumberField("seq", c.seq());
    out.writeNumberField("arrivedAt", c.arrivedAt());
    out.writeStringField("status", c.status().wire());
    out.writeStringField("queue", c.queue());
    stringIfSet(out, "targetAgent", c.targetAgent());
    out.writeNumberField("queuedAt", c.queuedAt());
    stringIfSet(out, "agentId", c.agentId());
    stringIfSet(out, "offerId", c.offerId());
    stringIfSet(out, "offerAgent", c.offerAgent());
    out.writeNumberField("offerMadeAt", c.offerMadeAt());
    out.writeNumberField("offerExpiresAt", c.offerExpiresAt());
    out.writeNumberField("offerAttempts", c.offerAttempts());
    longIfSet(out, "assignedAt", c.assignedAt());
    longIfSet(out, "endedAt", c.endedAt());
    stringIfSet(out, "disposition", c.disposition());
    stringIfSet(out, "notes", c.notes());
    stringIfSet(out, "stage", c.stage());
    strings(out, "rejectedBy", c.rejectedBy());
    doubleIfSet(out, "priorityKey", c.priorityKey());
    doubleIfSet(out, "agingRate", c.agingRate());
    out.writeNumberField("priorityBoost", c.priorityBoost());
    out.writeNumberField("relaxBy", c.relaxBy());
    if (c.sla() != null) {
      out.writeFieldName("sla");
      clock(c.sla(), out);
    }
    out.writeFieldName("service");
    service(c.service(), out);
    out.writeEndObject();
  }

  /**
   * Webhooks, account-opening cases and catalogues only when there are any: a snapshot without
   * them is written as before they existed.
   */
  private static JsonObject withWebhooks(JsonObject json, List<WebhookSpec> webhooks, List<AccountCaseView> accounts,
      List<Catalogue> catalogues) {
    if (!webhooks.isEmpty()) {
      json.put("webhooks", new JsonArray(webhooks.stream().map(w -> (Object) SpecFormat.webhook(w)).toList()));
    }
    if (!accounts.isEmpty()) {
      json.put("accountCases", new JsonArray(accounts.stream().map(k -> (Object) accountCase(k)).toList()));
    }
    if (!catalogues.isEmpty()) {
      json.put("catalogues", new JsonArray(catalogues.stream().map(c -> (Object) SpecFormat.catalogue(c)).toList()));
    }
    return json;
  }

  private static JsonObject accountCase(AccountCaseView k) {
    JsonArray steps = new JsonArray();
    for (AccountCaseView.StepTaken t : k.steps()) {
      JsonObject st = new JsonObject().put("step", t.step().name()).put("at", t.at()).put("by", t.by());
      SpecFormat.putIfSet(st, "workedBy", t.workedBy());
      SpecFormat.putIfSet(st, "note", t.note());
      steps.add(st);
    }
    JsonObject json = new JsonObject().put("id", k.id()).put("customer", SpecFormat.customer(k.customer()))
        .put("channel", k.channel().wire()).put("openedAt", k.openedAt()).put("deadline", k.deadline())
        .put("nearAt", k.nearAt()).put("step", k.step().name()).put("steps", steps);
    SpecFormat.putIfSet(json, "sourceContactId", k.sourceContactId());
    SpecFormat.putIfSet(json, "workContactId", k.workContactId());
    SpecFormat.putIfSet(json, "activatedAt", k.activatedAt());
    SpecFormat.putIfSet(json, "workingDays", k.workingDays());
    return json;
  }

  private static AccountCaseView accountCase(JsonObject j) {
    List<AccountCaseView.StepTaken> steps = new ArrayList<>();
    for (Object o : j.getJsonArray("steps")) {
      JsonObject st = (JsonObject) o;
      steps.add(new AccountCaseView.StepTaken(AccountOpening.Step.valueOf(st.getString("step")), st.getLong("at"),
          st.getString("by"), st.getString("workedBy"), st.getString("note")));
    }
    return new AccountCaseView(j.getString("id"), SpecFormat.customer(j.getJsonObject("customer")),
        SpecFormat.channel(j.getString("channel")), j.getString("sourceContactId"), j.getLong("openedAt"),
        j.getLong("deadline"), j.getLong("nearAt"), AccountOpening.Step.valueOf(j.getString("step")),
        j.getString("workContactId"), steps, j.getLong("activatedAt"), j.getDouble("workingDays"));
  }

  private static void service(DomainSnapshot.Service s, JsonGenerator out) throws IOException {
    out.writeStartObject();
    out.writeStringField("channel", s.channel().wire());
    strings(out, "gateLicences", new TreeSet<>(s.gateLicences()));
    out.writeBooleanField("held", s.held());
    strings(out, "routingReasons", s.routingReasons());
    out.writeStringField("routeStage", s.routeStage().name());
    stringIfSet(out, "heldIn", s.heldIn());
    stringIfSet(out, "preferredAgent", s.preferredAgent());
    stringIfSet(out, "preferredTeam", s.preferredTeam());
    longIfSet(out, "stageUntil", s.stageUntil());
    stringIfSet(out, "callbackNumber", s.callbackNumber());
    longIfSet(out, "callbackRequestedAt", s.callbackRequestedAt());
    intIfSet(out, "csat", s.csat());
    intIfSet(out, "nps", s.nps());
    stringIfSet(out, "surveyComment", s.surveyComment());
    stringIfSet(out, "ringingOffer", s.ringingOffer());
    if (!s.stages().isEmpty()) {
      out.writeArrayFieldStart("stages");
      for (ContactView.StageEntry e : s.stages()) {
        out.writeStartObject();
        out.writeStringField("stage", e.stage().wire());
        out.writeNumberField("at", e.at());
        stringIfSet(out, "by", e.by());
        stringIfSet(out, "queue", e.queue());
        out.writeEndObject();
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  private static DomainSnapshot.Service service(JsonObject j) {
    return new DomainSnapshot.Service(
        Channel.fromWire(j.getString("channel")).orElseThrow(),
        new java.util.LinkedHashSet<>(strings(j.getJsonArray("gateLicences"))),
        j.getBoolean("held"), j.getString("heldIn"), strings(j.getJsonArray("routingReasons")),
        RouteStage.valueOf(j.getString("routeStage")), j.getString("preferredAgent"), j.getString("preferredTeam"),
        j.getLong("stageUntil"), j.getString("callbackNumber"), j.getLong("callbackRequestedAt"),
        j.getInteger("csat"), j.getInteger("nps"), j.getString("surveyComment"), j.getString("ringingOffer"),
        objects(j, "stages").stream().map(SnapshotFormat::stageEntry).toList()); // absent before stages were recorded
  }

  private static ContactView.StageEntry stageEntry(JsonObject j) {
    return new ContactView.StageEntry(ServiceStage.fromWire(j.getString("stage")).orElseThrow(), j.getLong("at"),
        j.getString("by"), j.getString("queue"));
  }

  private static JsonObject kase(DomainSnapshot.Case s) {
    CaseView v = s.view();
    JsonArray history = new JsonArray();
    for (CaseView.Transition t : v.history()) {
      JsonObject h = new JsonObject().put("to", t.to().name()).put("at", t.at());
      putIfSet(h, "from", t.from() == null ? null : t.from().name());
      putIfSet(h, "step", t.step() == null ? null : t.step().name());
      putIfSet(h, "by", t.by());
      putIfSet(h, "note", t.note());
      history.add(h);
    }
    JsonObject json = new JsonObject()
        .put("id", v.id()).put("stage", v.stage().name()).put("customer", SpecFormat.customer(v.customer()))
        .put("channel", v.channel().wire()).put("openedAt", v.openedAt()).put("stageStartedAt", v.stageStartedAt())
        .put("breachedNow", v.breachedNow())
        .put("breachedStages", new JsonArray(v.breachedStages().stream().map(b -> (Object) b.name()).toList()))
        .put("history", history).put("nextPoint", s.nextPoint());
    putIfSet(json, "sourceContactId", v.sourceContactId());
    putIfSet(json, "summary", v.summary());
    putIfSet(json, "kind", v.kind() == null ? null : v.kind().name());
    putIfSet(json, "severity", v.severity() == null ? null : v.severity().name());
    putIfSet(json, "department", v.department());
    putIfSet(json, "owner", v.owner());
    putIfSet(json, "workContactId", v.workContactId());
    putIfSet(json, "deadline", v.deadline());
    putIfSet(json, "nearAt", v.nearAt());
    putIfSet(json, "findings", v.findings());
    putIfSet(json, "result", v.result());
    putIfSet(json, "satisfied", v.satisfied());
    putIfSet(json, "feedbackComment", v.feedbackComment());
    putIfSet(json, "feedbackBy", s.feedbackBy());
    putIfSet(json, "resultAt", v.resultAt());
    putIfSet(json, "closedAt", v.closedAt());
    return json;
  }

  private static DomainSnapshot.Case kase(JsonObject j) {
    List<CaseView.Transition> history = new ArrayList<>();
    for (Object o : j.getJsonArray("history")) {
      JsonObject h = (JsonObject) o;
      history.add(new CaseView.Transition(
          h.getString("from") == null ? null : Complaint.Stage.valueOf(h.getString("from")),
          Complaint.Stage.valueOf(h.getString("to")),
          h.getString("step") == null ? null : Complaint.Step.valueOf(h.getString("step")),
          h.getLong("at"), h.getString("by"), h.getString("note")));
    }
    List<Complaint.Stage> breached = new ArrayList<>();
    j.getJsonArray("breachedStages").forEach(b -> breached.add(Complaint.Stage.valueOf((String) b)));
    CaseView view = new CaseView(j.getString("id"), Complaint.Stage.valueOf(j.getString("stage")),
        SpecFormat.customer(j.getJsonObject("customer")), j.getString("sourceContactId"),
        Channel.fromWire(j.getString("channel")).orElseThrow(), j.getString("summary"),
        j.getString("kind") == null ? null : Complaint.Kind.valueOf(j.getString("kind")),
        j.getString("severity") == null ? null : Complaint.Severity.valueOf(j.getString("severity")),
        j.getString("department"), j.getString("owner"), j.getLong("openedAt"), j.getLong("stageStartedAt"),
        j.getString("workContactId"), j.getLong("deadline"), j.getLong("nearAt"), false, j.getBoolean("breachedNow"),
        breached, j.getString("findings"), j.getString("result"), j.getBoolean("satisfied"),
        j.getString("feedbackComment"), j.getLong("resultAt"), j.getLong("closedAt"), history);
    return new DomainSnapshot.Case(view, j.getInteger("nextPoint"), j.getString("feedbackBy"));
  }

  private static void clock(DomainSnapshot.Clock k, JsonGenerator out) throws IOException {
    out.writeStartObject();
    out.writeStringField("source", k.source());
    out.writeFieldName("policy");
    JacksonCodec.encodeJson(SpecFormat.sla(k.policy()), out);
    out.writeNumberField("startedAt", k.startedAt());
    out.writeNumberField("deadline", k.deadline());
    out.writeNumberField("nearAt", k.nearAt());
    out.writeArrayFieldStart("dueAt");
    for (long due : k.dueAt()) {
      out.writeNumber(due);
    }
    out.writeEndArray();
    out.writeNumberField("next", k.next());
    out.writeBooleanField("breached", k.breached());
    out.writeArrayFieldStart("fired");
    for (SlaView.Fired f : k.fired()) {
      out.writeStartObject();
      out.writeNumberField("atPercent", f.atPercent());
      out.writeStringField("action", f.action().wire());
      out.writeNumberField("at", f.at());
      out.writeStringField("effect", f.effect());
      out.writeEndObject();
    }
    out.writeEndArray();
    longIfSet(out, "answeredAt", k.answeredAt());
    stringIfSet(out, "pendingOverflow", k.pendingOverflow());
    out.writeEndObject();
  }

  private static DomainSnapshot.Clock clock(JsonObject json) {
    List<Long> due = new ArrayList<>();
    json.getJsonArray("dueAt").forEach(d -> due.add(((Number) d).longValue()));
    List<SlaView.Fired> fired = new ArrayList<>();
    for (Object o : json.getJsonArray("fired")) {
      JsonObject f = (JsonObject) o;
      fired.add(new SlaView.Fired(f.getInteger("atPercent"), SlaPolicy.Action.fromWire(f.getString("action")).orElseThrow(),
          f.getLong("at"), f.getString("effect")));
    }
    return new DomainSnapshot.Clock(json.getString("source"), SpecFormat.sla(json.getJsonObject("policy")),
        json.getLong("startedAt"), json.getLong("deadline"), json.getLong("nearAt"), due, json.getInteger("next"),
        json.getBoolean("breached"), json.getLong("answeredAt"), json.getString("pendingOverflow"), fired);
  }

  private static JsonObject apiKey(ApiKeyView k) {
    JsonObject json = new JsonObject().put("keyId", k.keyId());
    putIfSet(json, "digest", k.digest());
    putIfSet(json, "role", k.role());
    putIfSet(json, "agentId", k.agentId());
    putIfSet(json, "label", k.label());
    putIfSet(json, "issuedAt", k.issuedAt());
    putIfSet(json, "expiresAt", k.expiresAt());
    putIfSet(json, "revokedAt", k.revokedAt());
    return json;
  }

  private static ApiKeyView apiKey(JsonObject j) {
    return new ApiKeyView(j.getString("keyId"), j.getString("digest"), j.getString("role"), j.getString("agentId"),
        j.getString("label"), j.getLong("issuedAt"), j.getLong("expiresAt"), j.getLong("revokedAt"));
  }

  private static DomainSnapshot decode(JsonObject json) {
    int format = json.getInteger("format", 0);
    if (format != VERSION) {
      throw new IllegalArgumentException("snapshot format " + format + " is not " + VERSION);
    }
    List<DomainSnapshot.Queue> queues = new ArrayList<>();
    for (Object o : json.getJsonArray("queues")) {
      JsonObject q = (JsonObject) o;
      queues.add(new DomainSnapshot.Queue(
          SpecFormat.queue(q.getJsonObject("spec")),
          q.getLong("offered"), q.getLong("answered"), q.getLong("abandoned"), q.getLong("completed"),
          q.getLong("transferredOut"), q.getLong("missedOffers"), q.getLong("answerWaitMillis"),
          q.getLong("handleMillis"), sla(q.getJsonObject("sla"))));
    }
    List<DomainSnapshot.Agent> agents = new ArrayList<>();
    for (Object o : json.getJsonArray("agents")) {
      JsonObject a = (JsonObject) o;
      String channel = a.getString("activeChannel");
      agents.add(new DomainSnapshot.Agent(
          a.getLong("seq"),
          SpecFormat.agent(a.getJsonObject("profile")),
          AgentStatus.fromWire(a.getString("status")).orElseThrow(),
          a.getString("reason"),
          a.getLong("statusSince"),
          a.getLong("wrapUpUntil"),
          a.getLong("readySince"),
          channel == null ? null : Channel.fromWire(channel).orElseThrow(),
          strings(a.getJsonArray("offers")),
          strings(a.getJsonArray("contacts")),
          a.getInteger("missedOffers", 0)));
    }
    List<DomainSnapshot.Contact> contacts = new ArrayList<>();
    for (Object o : json.getJsonArray("contacts")) {
      JsonObject c = (JsonObject) o;
      contacts.add(new DomainSnapshot.Contact(
          SpecFormat.contact(c.getJsonObject("spec")),
          c.getLong("seq"),
          c.getLong("arrivedAt"),
          ContactStatus.fromWire(c.getString("status")).orElseThrow(),
          c.getString("queue"),
          c.getString("targetAgent"),
          c.getLong("queuedAt"),
          c.getString("agentId"),
          c.getString("offerId"),
          c.getString("offerAgent"),
          c.getLong("offerMadeAt"),
          c.getLong("offerExpiresAt"),
          c.getInteger("offerAttempts"),
          c.getLong("assignedAt"),
          c.getLong("endedAt"),
          c.getString("disposition"),
          c.getString("notes"),
          c.getString("stage"),
          strings(c.getJsonArray("rejectedBy")),
          c.getDouble("priorityKey"),
          c.getDouble("agingRate"),
          c.getInteger("priorityBoost", 0),
          c.getInteger("relaxBy", 0),
          c.getJsonObject("sla") == null ? null : clock(c.getJsonObject("sla")),
          service(c.getJsonObject("service"))));
    }
    return new DomainSnapshot(
        json.getLong("arrivals"), json.getLong("registrations"), queues, agents, contacts,
        strings(json.getJsonArray("retired")),
        objects(json, "calendars").stream().map(SpecFormat::calendar).toList(),
        objects(json, "categories").stream().map(SpecFormat::category).toList(),
        objects(json, "apiKeys").stream().map(SnapshotFormat::apiKey).toList(),
        SpecFormat.rules(json.getJsonObject("rules")),
        objects(json, "cases").stream().map(SnapshotFormat::kase).toList(),
        objects(json, "followUps").stream().map(SpecFormat::followUp).toList(),
        objects(json, "webhooks").stream().map(SpecFormat::webhook).toList(),
        objects(json, "accountCases").stream().map(SnapshotFormat::accountCase).toList(),
        objects(json, "catalogues").stream().map(SpecFormat::catalogue).toList());
  }

  private static DomainSnapshot.Sla sla(JsonObject s) {
    return new DomainSnapshot.Sla(s.getLong("interval"), s.getLong("decided"), s.getLong("met"), s.getLong("breaches"),
        s.getLong("breachesTotal"));
  }

  private static List<JsonObject> objects(JsonObject json, String key) {
    List<JsonObject> out = new ArrayList<>();
    json.getJsonArray(key, new JsonArray()).forEach(o -> out.add((JsonObject) o));
    return out;
  }

  private static JsonArray strings(List<String> values) {
    return new JsonArray(new ArrayList<>(values));
  }

  private static List<String> strings(JsonArray json) {
    List<String> out = new ArrayList<>(json == null ? 0 : json.size());
    if (json != null) {
      json.forEach(o -> out.add((String) o));
    }
    return out;
  }

  // The generator's counterparts of SpecFormat.putIfSet, one per type a JsonObject would hold.

  private static void stringIfSet(JsonGenerator out, String name, String value) throws IOException {
    if (value != null) {
      out.writeStringField(name, value);
    }
  }

  private static void longIfSet(JsonGenerator out, String name, Long value) throws IOException {
    if (value != null) {
      out.writeNumberField(name, value.longValue());
    }
  }

  private static void intIfSet(JsonGenerator out, String name, Integer value) throws IOException {
    if (value != null) {
      out.writeNumberField(name, value.intValue());
    }
  }

  private static void doubleIfSet(JsonGenerator out, String name, Double value) throws IOException {
    if (value != null) {
      out.writeNumberField(name, value.doubleValue());
    }
  }

  private static void strings(JsonGenerator out, String name, Iterable<String> values) throws IOException {
    out.writeArrayFieldStart(name);
    for (String value : values) {
      out.writeString(value);
    }
    out.writeEndArray();
  }
}
