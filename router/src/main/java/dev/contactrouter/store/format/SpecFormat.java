package dev.contactrouter.store.format;

import dev.contactrouter.core.AgentProfile;
import dev.contactrouter.core.Call;
import dev.contactrouter.core.Catalogue;
import dev.contactrouter.core.CalendarSpec;
import dev.contactrouter.core.CategorySpec;
import dev.contactrouter.core.Channel;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.Customer;
import dev.contactrouter.core.FollowUp;
import dev.contactrouter.core.Product;
import dev.contactrouter.core.ServiceRules;
import dev.contactrouter.core.Licence;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.ServiceStage;
import dev.contactrouter.core.SlaPolicy;
import dev.contactrouter.core.WebhookSpec;
import dev.contactrouter.text.IsoInstant;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stored form of the core's configuration and contact records, as journal events and
 * snapshots hold them. It began as a copy of the API's shapes ({@code codec/SpecJson}) as they were
 * when the stored formats got their own codec (event format 1, snapshot format 3); the API's
 * shapes may change from then on, these only with a new format version. Decoders read what the
 * encoders wrote, and, for parts that older builds did not write yet, take the same defaults the
 * engine always took.
 */
final class SpecFormat {
  private SpecFormat() {}

  // ------------------------------------------------------------------ queue

  static JsonObject queue(QueueSpec q) {
    JsonObject json = new JsonObject()
        .put("id", q.id())
        .put("name", q.name());
    putIfSet(json, "channel", q.channel() == null ? null : q.channel().wire());
    json.put("skills", levels(q.skills()));
    putIfSet(json, "site", q.site());
    json.put("licences", new JsonArray(new ArrayList<>(q.licences())))
        .put("priority", q.priority())
        .put("agingRate", q.agingRate())
        .put("offerTimeoutSeconds", q.offerTimeoutSeconds())
        .put("wrapUpSeconds", q.wrapUpSeconds())
        .put("expectedHandleSeconds", q.expectedHandleSeconds());
    if (q.sla() != null) {
      json.put("sla", sla(q.sla()));
    }
    putIfSet(json, "calendar", q.calendar());
    putIfSet(json, "stage", q.stage() == null ? null : q.stage().wire());
    return json;
  }

  static QueueSpec queue(JsonObject json) {
    return new QueueSpec(
        json.getString("id"),
        json.getString("name"),
        channelOrNull(json.getString("channel")),
        levels(json.getJsonObject("skills")),
        json.getString("site"),
        strings(json.getJsonArray("licences")),
        json.getInteger("priority", 0),
        json.getDouble("agingRate", QueueSpec.DEFAULT_AGING_RATE),
        json.getInteger("offerTimeoutSeconds", QueueSpec.DEFAULT_OFFER_TIMEOUT_SECONDS),
        json.getInteger("wrapUpSeconds", QueueSpec.DEFAULT_WRAP_UP_SECONDS),
        json.getInteger("expectedHandleSeconds", QueueSpec.DEFAULT_EXPECTED_HANDLE_SECONDS),
        sla(json.getJsonObject("sla")),
        json.getString("calendar"),
        ServiceStage.fromWire(json.getString("stage")).orElse(null));
  }

  // -------------------------------------------------------------------- SLA

  static JsonObject sla(SlaPolicy p) {
    JsonObject json = new JsonObject()
        .put("answerWithinSeconds", p.answerWithinSeconds())
        .put("targetPercent", p.targetPercent())
        .put("timeBasis", p.timeBasis().wire());
    putIfSet(json, "calendar", p.calendar());
    json.put("nearBreachPercent", p.nearBreachPercent());
    JsonArray thresholds = new JsonArray();
    for (SlaPolicy.Threshold t : p.thresholds()) {
      JsonObject tj = new JsonObject().put("atPercent", t.atPercent()).put("action", t.action().wire());
      if (t.action() == SlaPolicy.Action.RAISE_PRIORITY || t.action() == SlaPolicy.Action.RELAX_SKILLS) {
        tj.put("by", t.by());
      }
      putIfSet(tj, "queue", t.queue());
      thresholds.add(tj);
    }
    return json.put("thresholds", thresholds);
  }

  /** A policy, or null when absent. */
  static SlaPolicy sla(JsonObject json) {
    if (json == null) {
      return null;
    }
    List<SlaPolicy.Threshold> thresholds = new ArrayList<>();
    JsonArray list = json.getJsonArray("thresholds");
    if (list != null) {
      for (Object o : list) {
        JsonObject t = (JsonObject) o;
        thresholds.add(new SlaPolicy.Threshold(
            t.getInteger("atPercent"),
            SlaPolicy.Action.fromWire(t.getString("action")).orElseThrow(
                () -> new IllegalArgumentException("unknown SLA action " + t.getString("action"))),
            t.getInteger("by", 0),
            t.getString("queue")));
      }
    }
    return new SlaPolicy(
        json.getInteger("answerWithinSeconds"),
        json.getInteger("targetPercent", SlaPolicy.DEFAULT_TARGET_PERCENT),
        SlaPolicy.TimeBasis.fromWire(json.getString("timeBasis", "elapsed")).orElseThrow(),
        json.getString("calendar"),
        json.getInteger("nearBreachPercent", SlaPolicy.DEFAULT_NEAR_BREACH_PERCENT),
        thresholds);
  }

  static JsonObject category(CategorySpec c) {
    JsonObject json = new JsonObject().put("id", c.id()).put("name", c.name());
    if (c.sla() != null) {
      json.put("sla", sla(c.sla()));
    }
    return json;
  }

  static CategorySpec category(JsonObject json) {
    return new CategorySpec(json.getString("id"), json.getString("name"), sla(json.getJsonObject("sla")));
  }

  /** A catalogue as stored: its kind and every entry with its labels and whether it is active. */
  static JsonObject catalogue(Catalogue c) {
    JsonArray entries = new JsonArray();
    for (Catalogue.Entry e : c.entries()) {
      entries.add(new JsonObject().put("code", e.code()).put("labels", new JsonObject(new LinkedHashMap<>(e.labels())))
          .put("active", e.active()));
    }
    return new JsonObject().put("kind", c.kind().wire()).put("entries", entries);
  }

  static Catalogue catalogue(JsonObject json) {
    List<Catalogue.Entry> entries = new ArrayList<>();
    for (Object o : json.getJsonArray("entries")) {
      JsonObject e = (JsonObject) o;
      Map<String, String> labels = new TreeMap<>();
      e.getJsonObject("labels").forEach(l -> labels.put(l.getKey(), (String) l.getValue()));
      entries.add(new Catalogue.Entry(e.getString("code"), labels, e.getBoolean("active")));
    }
    return new Catalogue(Catalogue.Kind.fromWire(json.getString("kind")).orElseThrow(), entries);
  }

  // --------------------------------------------------------------- webhook

  /** A webhook as stored: its secret included (deliveries are signed with it after a restart). */
  static JsonObject webhook(WebhookSpec w) {
    JsonObject json = new JsonObject().put("id", w.id()).put("url", w.url())
        .put("types", new JsonArray(new ArrayList<>(w.types())));
    if (!w.queues().isEmpty()) {
      json.put("queues", new JsonArray(new ArrayList<>(w.queues())));
    }
    if (w.secret() != null) {
      json.put("secret", w.secret());
    }
    return json.put("active", w.active());
  }

  static WebhookSpec webhook(JsonObject json) {
    return new WebhookSpec(json.getString("id"), json.getString("url"), stringSet(json.getJsonArray("types")),
        stringSet(json.getJsonArray("queues")), json.getString("secret"), json.getBoolean("active", true));
  }

  private static java.util.Set<String> stringSet(JsonArray array) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    if (array != null) {
      array.forEach(o -> out.add((String) o));
    }
    return out;
  }

  // --------------------------------------------------------------- calendar

  static JsonObject calendar(CalendarSpec c) {
    JsonObject weekly = new JsonObject();
    c.weekly().forEach((day, hours) -> weekly.put(day(day), hours(hours)));
    JsonArray holidays = new JsonArray();
    c.holidays().forEach(d -> holidays.add(d.toString()));
    JsonArray special = new JsonArray();
    c.special().forEach((d, h) -> special.add(new JsonObject().put("date", d.toString()).put("hours", hours(h))));
    JsonObject outOfHours = new JsonObject().put("treatment", c.outOfHours().treatment().wire());
    putIfSet(outOfHours, "reason", c.outOfHours().reason());
    putIfSet(outOfHours, "callbackQueue", c.outOfHours().callbackQueue());
    return new JsonObject()
        .put("id", c.id())
        .put("name", c.name())
        .put("timeZone", c.timeZone())
        .put("weekly", weekly)
        .put("holidays", holidays)
        .put("special", special)
        .put("outOfHours", outOfHours);
  }

  static CalendarSpec calendar(JsonObject json) {
    Map<DayOfWeek, List<CalendarSpec.Hours>> weekly = new EnumMap<>(DayOfWeek.class);
    JsonObject week = json.getJsonObject("weekly", new JsonObject());
    for (DayOfWeek d : DayOfWeek.values()) {
      JsonArray hours = week.getJsonArray(day(d));
      if (hours != null) {
        weekly.put(d, hours(hours));
      }
    }
    TreeSet<LocalDate> holidays = new TreeSet<>();
    for (Object o : json.getJsonArray("holidays", new JsonArray())) {
      holidays.add(LocalDate.parse((String) o));
    }
    TreeMap<LocalDate, List<CalendarSpec.Hours>> special = new TreeMap<>();
    for (Object o : json.getJsonArray("special", new JsonArray())) {
      JsonObject s = (JsonObject) o;
      special.put(LocalDate.parse(s.getString("date")), hours(s.getJsonArray("hours", new JsonArray())));
    }
    JsonObject ooh = json.getJsonObject("outOfHours");
    CalendarSpec.OutOfHours outOfHours = ooh == null
        ? CalendarSpec.OutOfHours.QUEUE
        : new CalendarSpec.OutOfHours(
            CalendarSpec.Treatment.fromWire(ooh.getString("treatment", "queue")).orElseThrow(),
            ooh.getString("reason"),
            ooh.getString("callbackQueue"));
    return new CalendarSpec(json.getString("id"), json.getString("name"), json.getString("timeZone"), weekly, holidays,
        special, outOfHours);
  }

  private static String day(DayOfWeek d) {
    return d.name().substring(0, 3).toLowerCase(Locale.ROOT);
  }

  private static JsonArray hours(List<CalendarSpec.Hours> hours) {
    JsonArray out = new JsonArray();
    hours.forEach(h -> out.add(new JsonObject().put("open", h.openText()).put("close", h.closeText())));
    return out;
  }

  private static List<CalendarSpec.Hours> hours(JsonArray json) {
    List<CalendarSpec.Hours> out = new ArrayList<>();
    for (Object o : json) {
      JsonObject h = (JsonObject) o;
      out.add(CalendarSpec.Hours.of(h.getString("open"), h.getString("close")));
    }
    return out;
  }

  // ------------------------------------------------------------------ agent

  static JsonObject agent(AgentProfile a) {
    JsonObject json = new JsonObject()
        .put("id", a.id())
        .put("name", a.name())
        .put("skills", levels(a.skills()))
        .put("licences", licences(a.licences()));
    putIfSet(json, "site", a.site());
    putIfSet(json, "team", a.team());
    JsonObject capacity = new JsonObject();
    a.capacity().forEach((c, n) -> capacity.put(c.wire(), n));
    json.put("capacity", capacity);
    if (!a.devices().isEmpty()) {
      json.put("devices", new JsonObject(new LinkedHashMap<>(a.devices())));
    }
    putIfSet(json, "counter", a.counter());
    return json;
  }

  /** A JSON object of strings (devices, say) as a map; null when absent. */
  static Map<String, String> stringMap(JsonObject json) {
    if (json == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : json.fieldNames()) {
      out.put(k, json.getString(k));
    }
    return out;
  }

  static AgentProfile agent(JsonObject json) {
    JsonObject cap = json.getJsonObject("capacity");
    Map<Channel, Integer> capacity = null;
    if (cap != null) {
      capacity = new EnumMap<>(Channel.class);
      for (String name : cap.fieldNames()) {
        capacity.put(channel(name), cap.getInteger(name));
      }
    }
    return new AgentProfile(
        json.getString("id"),
        json.getString("name"),
        levels(json.getJsonObject("skills")),
        licences(json.getJsonArray("licences")),
        json.getString("site"),
        json.getString("team"),
        capacity,
        stringMap(json.getJsonObject("devices")),
        json.getString("counter"));
  }

  /** Licences as strings when they never expire, else {@code {"name","validUntil"}}. */
  static JsonArray licences(List<Licence> licences) {
    JsonArray out = new JsonArray();
    for (Licence l : licences) {
      out.add(l.validUntil() == null
          ? l.name()
          : new JsonObject().put("name", l.name()).put("validUntil", instant(l.validUntil())));
    }
    return out;
  }

  static List<Licence> licences(JsonArray json) {
    List<Licence> out = new ArrayList<>();
    if (json == null) {
      return out;
    }
    for (Object o : json) {
      if (o instanceof String s) {
        out.add(Licence.permanent(s));
      } else if (o instanceof JsonObject l) {
        String until = l.getString("validUntil");
        out.add(new Licence(l.getString("name"), until == null ? null : millis(until)));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- contact

  /** The full record, including the idempotency fields the journal keeps. */
  static JsonObject contact(ContactSpec c) {
    JsonObject json = new JsonObject()
        .put("id", c.id())
        .put("channel", c.channel().wire())
        .put("queue", c.queue())
        .put("skills", levels(c.skills()))
        .put("priority", c.priority())
        .put("customer", customer(c.customer()))
        .put("attributes", new JsonObject(new LinkedHashMap<>(c.attributes())));
    putIfSet(json, "externalId", c.externalId());
    putIfSet(json, "site", c.site());
    json.put("requiredLicences", new JsonArray(new ArrayList<>(c.requiredLicences())));
    putIfSet(json, "idempotencyKey", c.idempotencyKey());
    putIfSet(json, "fingerprint", c.fingerprint());
    putIfSet(json, "category", c.category());
    if (c.product() != null) {
      json.put("product", product(c.product()));
    }
    putIfSet(json, "preferredAgent", c.preferredAgent());
    if (c.call() != null) {
      JsonObject call = new JsonObject().put("callId", c.call().callId());
      putIfSet(call, "caller", c.call().caller());
      putIfSet(call, "dialled", c.call().dialled());
      json.put("call", call);
    }
    return json;
  }

  static JsonObject product(Product p) {
    return new JsonObject().put("code", p.code()).put("riskLevel", p.riskLevel());
  }

  static Product product(JsonObject json) {
    return json == null ? null : new Product(json.getString("code"), json.getInteger("riskLevel"));
  }

  static ContactSpec contact(JsonObject json) {
    JsonObject attributes = json.getJsonObject("attributes");
    Map<String, String> attrs = new LinkedHashMap<>();
    if (attributes != null) {
      for (String k : attributes.fieldNames()) {
        attrs.put(k, String.valueOf(attributes.getValue(k)));
      }
    }
    return new ContactSpec(
        json.getString("id"),
        channel(json.getString("channel")),
        json.getString("queue"),
        levels(json.getJsonObject("skills")),
        json.getInteger("priority", 0),
        customer(json.getJsonObject("customer")),
        attrs,
        json.getString("externalId"),
        json.getString("site"),
        strings(json.getJsonArray("requiredLicences")),
        json.getString("idempotencyKey"),
        json.getString("fingerprint"),
        json.getString("category"),
        product(json.getJsonObject("product")),
        json.getString("preferredAgent"),
        call(json.getJsonObject("call")));
  }

  static Call call(JsonObject json) {
    return json == null ? null : new Call(json.getString("callId"), json.getString("caller"), json.getString("dialled"));
  }

  static JsonObject customer(Customer c) {
    JsonObject json = new JsonObject();
    putIfSet(json, "id", c.id());
    putIfSet(json, "name", c.name());
    putIfSet(json, "tier", c.tier());
    putIfSet(json, "riskLevel", c.riskLevel());
    putIfSet(json, "relationshipManager", c.relationshipManager());
    return json;
  }

  static Customer customer(JsonObject json) {
    if (json == null) {
      return Customer.ANONYMOUS;
    }
    return new Customer(
        json.getString("id"), json.getString("name"), json.getString("tier"), json.getInteger("riskLevel"),
        json.getString("relationshipManager"));
  }

  // ------------------------------------------------------------------ rules

  static JsonObject rules(ServiceRules r) {
    JsonObject json = new JsonObject();
    putIfSet(json, "reviewQueue", r.reviewQueue());
    json.put("relationshipManager", new JsonObject()
        .put("managerSeconds", r.relationship().managerSeconds())
        .put("teamSeconds", r.relationship().teamSeconds()));
    JsonObject rv = new JsonObject();
    putIfSet(rv, "queue", r.returnVisit().queue());
    rv.put("afterSaleSeconds", r.returnVisit().afterSaleSeconds())
        .put("afterComplaintSeconds", r.returnVisit().afterComplaintSeconds())
        .put("saleDispositions", new JsonArray(new ArrayList<>(r.returnVisit().saleDispositions())));
    json.put("returnVisit", rv);
    ServiceRules.Complaints c = r.complaints();
    JsonObject cj = new JsonObject();
    putIfSet(cj, "queue", c.queue());
    putIfSet(cj, "calendar", c.calendar());
    cj.put("acknowledgeSeconds", c.acknowledgeSeconds()).put("investigateSeconds", c.investigateSeconds())
        .put("resultSeconds", c.resultSeconds()).put("tradeExceptionSeconds", c.tradeExceptionSeconds())
        .put("systemFaultSeconds", c.systemFaultSeconds()).put("majorSeconds", c.majorSeconds())
        .put("nearBreachPercent", c.nearBreachPercent());
    json.put("complaints", cj);
    ServiceRules.ScoreWeights w = r.scoreWeights();
    json.put("scoreWeights", new JsonObject().put("satisfaction", w.satisfaction())
        .put("responseSpeed", w.responseSpeed()).put("volume", w.volume()).put("answerRate", w.answerRate())
        .put("responseTargetSeconds", w.responseTargetSeconds()));
    // Written only when set, so rules stored before the setting existed read back the same.
    if (r.missedOffersBeforeNotReady() != ServiceRules.DEFAULT_MISSED_OFFERS) {
      json.put("missedOffersBeforeNotReady", r.missedOffersBeforeNotReady());
    }
    // Written only when configured, so rules stored before account-opening cases existed read back the same.
    if (!r.accountOpening().equals(ServiceRules.AccountOpenings.OFF)) {
      json.put("accountOpening", accountOpening(r.accountOpening()));
    }
    return json;
  }

  /** Rules; absent parts take their defaults. */
  static ServiceRules rules(JsonObject json) {
    JsonObject rm = json.getJsonObject("relationshipManager", new JsonObject());
    ServiceRules.Relationship rd = ServiceRules.Relationship.DEFAULTS;
    JsonObject rv = json.getJsonObject("returnVisit", new JsonObject());
    ServiceRules.ReturnVisit vd = ServiceRules.ReturnVisit.OFF;
    JsonObject cj = json.getJsonObject("complaints", new JsonObject());
    ServiceRules.Complaints cd = ServiceRules.Complaints.OFF;
    JsonObject wj = json.getJsonObject("scoreWeights", new JsonObject());
    ServiceRules.ScoreWeights wd = ServiceRules.ScoreWeights.DEFAULTS;
    JsonArray sale = rv.getJsonArray("saleDispositions");
    return new ServiceRules(
        json.getString("reviewQueue"),
        new ServiceRules.Relationship(rm.getInteger("managerSeconds", rd.managerSeconds()),
            rm.getInteger("teamSeconds", rd.teamSeconds())),
        new ServiceRules.ReturnVisit(rv.getString("queue"), rv.getInteger("afterSaleSeconds", vd.afterSaleSeconds()),
            rv.getInteger("afterComplaintSeconds", vd.afterComplaintSeconds()),
            sale == null ? vd.saleDispositions() : strings(sale)),
        new ServiceRules.Complaints(cj.getString("queue"), cj.getString("calendar"),
            cj.getInteger("acknowledgeSeconds", cd.acknowledgeSeconds()),
            cj.getInteger("investigateSeconds", cd.investigateSeconds()),
            cj.getInteger("resultSeconds", cd.resultSeconds()),
            cj.getInteger("tradeExceptionSeconds", cd.tradeExceptionSeconds()),
            cj.getInteger("systemFaultSeconds", cd.systemFaultSeconds()),
            cj.getInteger("majorSeconds", cd.majorSeconds()),
            cj.getInteger("nearBreachPercent", cd.nearBreachPercent())),
        new ServiceRules.ScoreWeights(wj.getDouble("satisfaction", wd.satisfaction()),
            wj.getDouble("responseSpeed", wd.responseSpeed()), wj.getDouble("volume", wd.volume()),
            wj.getDouble("answerRate", wd.answerRate()),
            wj.getInteger("responseTargetSeconds", wd.responseTargetSeconds())),
        json.getInteger("missedOffersBeforeNotReady", ServiceRules.DEFAULT_MISSED_OFFERS),
        accountOpening(json.getJsonObject("accountOpening", new JsonObject())));
  }

  static JsonObject accountOpening(ServiceRules.AccountOpenings a) {
    JsonObject json = new JsonObject();
    putIfSet(json, "queue", a.queue());
    putIfSet(json, "calendar", a.calendar());
    json.put("workingDays", a.workingDays()).put("nearBreachPercent", a.nearBreachPercent());
    JsonObject desks = new JsonObject();
    a.desks().forEach(desks::put);
    return json.put("desks", desks);
  }

  /** Account-opening rules; absent fields take the manual's defaults. */
  static ServiceRules.AccountOpenings accountOpening(JsonObject json) {
    ServiceRules.AccountOpenings d = ServiceRules.AccountOpenings.OFF;
    java.util.Map<String, String> desks = new java.util.TreeMap<>();
    JsonObject dj = json.getJsonObject("desks", new JsonObject());
    dj.fieldNames().forEach(k -> desks.put(k, dj.getString(k)));
    return new ServiceRules.AccountOpenings(json.getString("queue"), json.getString("calendar"),
        json.getInteger("workingDays", d.workingDays()), json.getInteger("nearBreachPercent", d.nearBreachPercent()),
        desks);
  }

  static JsonObject followUp(FollowUp f) {
    JsonObject json = new JsonObject().put("id", f.id());
    putIfSet(json, "sourceContactId", f.sourceContactId());
    putIfSet(json, "caseId", f.caseId());
    json.put("customer", customer(f.customer()));
    putIfSet(json, "preferredAgent", f.preferredAgent());
    return json.put("queue", f.queue()).put("dueAt", instant(f.dueAt())).put("reason", f.reason());
  }

  static FollowUp followUp(JsonObject json) {
    return new FollowUp(json.getString("id"), json.getString("sourceContactId"), json.getString("caseId"),
        customer(json.getJsonObject("customer")), json.getString("preferredAgent"), json.getString("queue"),
        millis(json.getString("dueAt")), json.getString("reason"));
  }

  // ---------------------------------------------------------------- helpers

  static Channel channel(String wire) {
    return Channel.fromWire(wire).orElseThrow(() -> new IllegalArgumentException("unknown channel " + wire));
  }

  static Channel channelOrNull(String wire) {
    return wire == null ? null : channel(wire);
  }

  static JsonObject levels(Map<String, Integer> levels) {
    JsonObject json = new JsonObject();
    levels.forEach(json::put);
    return json;
  }

  static Map<String, Integer> levels(JsonObject json) {
    Map<String, Integer> out = new LinkedHashMap<>();
    if (json != null) {
      for (String k : json.fieldNames()) {
        out.put(k, json.getInteger(k));
      }
    }
    return out;
  }

  static Set<String> strings(JsonArray json) {
    Set<String> out = new LinkedHashSet<>();
    if (json != null) {
      for (Object o : json) {
        out.add((String) o);
      }
    }
    return out;
  }

  static String instant(long millis) {
    return IsoInstant.format(millis);
  }

  static String instant(Long millis) {
    return millis == null ? null : instant(millis.longValue());
  }

  static long millis(String iso) {
    return IsoInstant.parseMillis(iso);
  }

  static Long millisOrNull(String iso) {
    return iso == null ? null : millis(iso);
  }

  static void putIfSet(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
