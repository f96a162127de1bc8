package dev.contactrouter.codec;

import static dev.contactrouter.codec.SpecJson.putIfSet;

import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.Channel;
import dev.contactrouter.core.ContactStatus;
import dev.contactrouter.core.DomainSnapshot;
import dev.contactrouter.core.SlaView;
import dev.contactrouter.core.SlaPolicy;
import dev.contactrouter.core.ApiKeyView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a {@link DomainSnapshot}. Specs use the same shapes as the API and the
 * journal ({@link SpecJson}); times are epoch milliseconds, exact to the millisecond the core
 * works in, and priority keys are JSON numbers that read back to the same double. {@code format}
 * names this layout: a reader refuses a format it does not know (recovery then replays the
 * journal from the start).
 */
public final class SnapshotJson {
  /** Format 2 adds SLA clocks and counters, calendars, categories and API keys. */
  public static final int FORMAT = 2;

  private SnapshotJson() {}

  public static JsonObject encode(DomainSnapshot s) {
    JsonArray queues = new JsonArray();
    for (DomainSnapshot.Queue q : s.queues()) {
      queues.add(new JsonObject()
          .put("spec", SpecJson.queue(q.spec()))
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
          .put("profile", SpecJson.agent(a.profile()))
          .put("status", a.status().wire());
      putIfSet(json, "reason", a.reason());
      json.put("statusSince", a.statusSince());
      putIfSet(json, "wrapUpUntil", a.wrapUpUntil());
      json.put("readySince", a.readySince());
      putIfSet(json, "activeChannel", a.activeChannel() == null ? null : a.activeChannel().wire());
      agents.add(json
          .put("offers", strings(a.offers()))
          .put("contacts", strings(a.contacts())));
    }
    JsonArray contacts = new JsonArray();
    for (DomainSnapshot.Contact c : s.contacts()) {
      JsonObject json = new JsonObject()
          .put("spec", SpecJson.contact(c.spec()))
          .put("seq", c.seq())
          .put("arrivedAt", c.arrivedAt())
          .put("status", c.status().wire())
          .put("queue", c.queue());
      putIfSet(json, "targetAgent", c.targetAgent());
      json.put("queuedAt", c.queuedAt());
      putIfSet(json, "agentId", c.agentId());
      putIfSet(json, "offerId", c.offerId());
      putIfSet(json, "offerAgent", c.offerAgent());
      json.put("offerMadeAt", c.offerMadeAt())
          .put("offerExpiresAt", c.offerExpiresAt())
          .put("offerAttempts", c.offerAttempts());
      putIfSet(json, "assignedAt", c.assignedAt());
      putIfSet(json, "endedAt", c.endedAt());
      putIfSet(json, "disposition", c.disposition());
      putIfSet(json, "notes", c.notes());
      putIfSet(json, "stage", c.stage());
      json.put("rejectedBy", strings(c.rejectedBy()));
      putIfSet(json, "priorityKey", c.priorityKey());
      putIfSet(json, "agingRate", c.agingRate());
      json.put("priorityBoost", c.priorityBoost()).put("relaxBy", c.relaxBy());
      if (c.sla() != null) {
        json.put("sla", clock(c.sla()));
      }
      contacts.add(json);
    }
    return new JsonObject()
        .put("format", FORMAT)
        .put("arrivals", s.arrivals())
        .put("registrations", s.registrations())
        .put("queues", queues)
        .put("agents", agents)
        .put("contacts", contacts)
        .put("retired", strings(s.retired()))
        .put("calendars", new JsonArray(s.calendars().stream().map(c -> (Object) SpecJson.calendar(c)).toList()))
        .put("categories", new JsonArray(s.categories().stream().map(c -> (Object) SpecJson.category(c)).toList()))
        .put("apiKeys", new JsonArray(s.apiKeys().stream().map(k -> (Object) apiKey(k)).toList()));
  }

  private static JsonObject clock(DomainSnapshot.Clock k) {
    JsonArray fired = new JsonArray();
    k.fired().forEach(f -> fired.add(new JsonObject().put("atPercent", f.atPercent()).put("action", f.action().wire())
        .put("at", f.at()).put("effect", f.effect())));
    JsonObject json = new JsonObject()
        .put("source", k.source()).put("policy", SpecJson.sla(k.policy())).put("startedAt", k.startedAt())
        .put("deadline", k.deadline()).put("nearAt", k.nearAt()).put("dueAt", new JsonArray(new ArrayList<>(k.dueAt())))
        .put("next", k.next()).put("breached", k.breached()).put("fired", fired);
    putIfSet(json, "answeredAt", k.answeredAt());
    putIfSet(json, "pendingOverflow", k.pendingOverflow());
    return json;
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
    return new DomainSnapshot.Clock(json.getString("source"), SpecJson.sla(json.getJsonObject("policy")),
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

  public static DomainSnapshot decode(JsonObject json) {
    int format = json.getInteger("format", 0);
    if (format != FORMAT) {
      throw new IllegalArgumentException("snapshot format " + format + " is not " + FORMAT);
    }
    List<DomainSnapshot.Queue> queues = new ArrayList<>();
    for (Object o : json.getJsonArray("queues")) {
      JsonObject q = (JsonObject) o;
      JsonObject spec = q.getJsonObject("spec");
      queues.add(new DomainSnapshot.Queue(
          SpecJson.queue(spec.getString("id"), spec),
          q.getLong("offered"), q.getLong("answered"), q.getLong("abandoned"), q.getLong("completed"),
          q.getLong("transferredOut"), q.getLong("missedOffers"), q.getLong("answerWaitMillis"),
          q.getLong("handleMillis"), sla(q.getJsonObject("sla"))));
    }
    List<DomainSnapshot.Agent> agents = new ArrayList<>();
    for (Object o : json.getJsonArray("agents")) {
      JsonObject a = (JsonObject) o;
      JsonObject profile = a.getJsonObject("profile");
      String channel = a.getString("activeChannel");
      agents.add(new DomainSnapshot.Agent(
          a.getLong("seq"),
          SpecJson.agent(profile.getString("id"), profile),
          AgentStatus.fromWire(a.getString("status")).orElseThrow(),
          a.getString("reason"),
          a.getLong("statusSince"),
          a.getLong("wrapUpUntil"),
          a.getLong("readySince"),
          channel == null ? null : Channel.fromWire(channel).orElseThrow(),
          strings(a.getJsonArray("offers")),
          strings(a.getJsonArray("contacts"))));
    }
    List<DomainSnapshot.Contact> contacts = new ArrayList<>();
    for (Object o : json.getJsonArray("contacts")) {
      JsonObject c = (JsonObject) o;
      contacts.add(new DomainSnapshot.Contact(
          SpecJson.contact(c.getJsonObject("spec")),
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
          c.getJsonObject("sla") == null ? null : clock(c.getJsonObject("sla"))));
    }
    return new DomainSnapshot(
        json.getLong("arrivals"), json.getLong("registrations"), queues, agents, contacts,
        strings(json.getJsonArray("retired")),
        objects(json, "calendars").stream().map(c -> SpecJson.calendar(c.getString("id"), c)).toList(),
        objects(json, "categories").stream().map(c -> SpecJson.category(c.getString("id"), c)).toList(),
        objects(json, "apiKeys").stream().map(SnapshotJson::apiKey).toList());
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
}
