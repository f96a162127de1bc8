package dev.contactrouter.store.format;

import static dev.contactrouter.store.format.SpecFormat.instant;
import static dev.contactrouter.store.format.SpecFormat.millis;
import static dev.contactrouter.store.format.SpecFormat.millisOrNull;
import static dev.contactrouter.store.format.SpecFormat.putIfSet;

import dev.contactrouter.core.AccountOpening;
import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.CalendarSpec;
import dev.contactrouter.core.Complaint;
import dev.contactrouter.core.RouteStage;
import dev.contactrouter.core.ServiceStage;
import dev.contactrouter.core.SlaPolicy;
import dev.contactrouter.core.Event;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * The stored form of events: the payload text a journal row keeps and its hash chain covers
 * ({@link dev.contactrouter.store.StoredEvent}), and the {@code type} its lookup column holds.
 *
 * <p>Format 1 is the form the engine wrote before the stored formats had their own codec, kept
 * byte for byte: a JSON object with the event's {@code type} first, then its fields; times as
 * ISO-8601 instants in UTC (millisecond precision); optional fields left out when absent. A
 * format 1 payload carries no version field. Every later format starts its payload with
 * {@code "format": N}, and {@link #decode} keeps reading every earlier format: the journal is
 * never rewritten, and its hashes cover these exact bytes. The {@code type} names are part of the
 * format: never rename or reuse one. See {@code package-info.java} for when to bump {@link
 * #VERSION}; the golden files in {@code src/test/resources/journal-format/} hold what each
 * format wrote.
 */
public final class EventFormat {
  /** The format {@link #encode} writes. */
  public static final int VERSION = 1;

  private EventFormat() {}

  /** The payload text of an event: what the journal stores and the hash chain covers. */
  public static String encode(Event event) {
    return text(json(event));
  }

  /**
   * Vert.x's streaming JSON codec: the same text as {@code JsonObject.encode()}, which goes through
   * Jackson databind's generic map serializer when databind is on the class path (it is), at about
   * twice the cost. The golden files hold the text byte for byte.
   */
  private static final JacksonCodec JSON = new JacksonCodec();

  /** A format 1 object as payload text. */
  static String text(JsonObject json) {
    return JSON.toString(json, false);
  }

  /**
   * A payload and the id of the data key its personal fields are sealed with (null when nothing
   * in it is sealed): what {@link #sealedWith} would read back from the text, known without
   * parsing it again.
   */
  public record Payload(String text, String sealedWith) {}

  /**
   * The payload of event {@code seq} of {@code domain}, recorded at {@code at}, with its personal
   * fields sealed with {@code key} (revision 12, {@link Sealing}); the text is {@link
   * #encode(Event)}'s when {@code key} is null or the event has no personal field set.
   */
  public static Payload encode(Event event, Sealing.SealingKey key, String domain, long seq, long at) {
    JsonObject json = json(event);
    if (key == null) {
      return new Payload(text(json), null);
    }
    boolean sealed = Sealing.seal(json, key, domain, seq, at).containsKey("sealed");
    return new Payload(text(json), sealed ? key.id() : null);
  }

  /**
   * The event a stored payload holds, in any format this build reads; sealed personal fields
   * (revision 12) read as erased, since no key is given.
   */
  public static Event decode(String payload) {
    return decode(payload, id -> null);
  }

  /**
   * The event a stored payload holds, its sealed personal fields opened with the data key {@code
   * keys} gives for the key id the payload names (null when the key was destroyed: they read as
   * erased).
   */
  public static Event decode(String payload, Function<String, byte[]> keys) {
    JsonObject json = new JsonObject(payload);
    int format = json.getInteger("format", 1);
    if (format != 1) {
      throw new IllegalArgumentException("event format " + format + " is newer than this build reads (1 to "
          + VERSION + ")");
    }
    return decodeV1(Sealing.open(json, keys));
  }

  /** The id of the data key a payload's personal fields are sealed with, or null if none are. */
  public static String sealedWith(String payload) {
    return payload.contains("\"sealed\"") ? Sealing.keyOf(new JsonObject(payload)) : null;
  }

  /** The event's type name, as its payload and the journal's {@code type} column hold it. */
  public static String type(Event event) {
    if (event instanceof Event.QueueConfigured) return "queue_configured";
    if (event instanceof Event.AgentConfigured) return "agent_configured";
    if (event instanceof Event.AgentStatusChanged) return "agent_status_changed";
    if (event instanceof Event.ContactQueued) return "contact_queued";
    if (event instanceof Event.OfferMade) return "offer_made";
    if (event instanceof Event.OfferAccepted) return "offer_accepted";
    if (event instanceof Event.OfferRejected) return "offer_rejected";
    if (event instanceof Event.OfferTimedOut) return "offer_timed_out";
    if (event instanceof Event.OfferRevoked) return "offer_revoked";
    if (event instanceof Event.ContactAbandoned) return "contact_abandoned";
    if (event instanceof Event.ContactTransferred) return "contact_transferred";
    if (event instanceof Event.ContactCompleted) return "contact_completed";
    if (event instanceof Event.ApiKeyIssued) return "api_key_issued";
    if (event instanceof Event.ApiKeyRevoked) return "api_key_revoked";
    if (event instanceof Event.SignInRefused) return "sign_in_refused";
    if (event instanceof Event.CalendarConfigured) return "calendar_configured";
    if (event instanceof Event.CategoryConfigured) return "category_configured";
    if (event instanceof Event.CatalogueConfigured) return "catalogue_configured";
    if (event instanceof Event.WebhookConfigured) return "webhook_configured";
    if (event instanceof Event.WebhookDeleted) return "webhook_deleted";
    if (event instanceof Event.PersonalDataErased) return "personal_data_erased";
    if (event instanceof Event.SlaStarted) return "sla_started";
    if (event instanceof Event.SlaThresholdReached) return "sla_threshold_reached";
    if (event instanceof Event.SlaBreached) return "sla_breached";
    if (event instanceof Event.ContactOutOfHours) return "contact_out_of_hours";
    if (event instanceof Event.RulesConfigured) return "rules_configured";
    if (event instanceof Event.ComplianceChecked) return "compliance_checked";
    if (event instanceof Event.RoutingStageChanged) return "routing_stage_changed";
    if (event instanceof Event.CallbackRequested) return "callback_requested";
    if (event instanceof Event.SurveyRecorded) return "survey_recorded";
    if (event instanceof Event.ContactMarkedMajor) return "contact_marked_major";
    if (event instanceof Event.ContactStageAdvanced) return "contact_stage_advanced";
    if (event instanceof Event.ContactReleased) return "contact_released";
    if (event instanceof Event.FollowUpScheduled) return "follow_up_scheduled";
    if (event instanceof Event.FollowUpDue) return "follow_up_due";
    if (event instanceof Event.CaseOpened) return "case_opened";
    if (event instanceof Event.CaseAdvanced) return "case_advanced";
    if (event instanceof Event.CaseStageStarted) return "case_stage_started";
    if (event instanceof Event.CaseDeadlineReached) return "case_deadline_reached";
    if (event instanceof Event.CallRinging) return "call_ringing";
    if (event instanceof Event.CallLost) return "call_lost";
    if (event instanceof Event.DispositionRecorded) return "disposition_recorded";
    if (event instanceof Event.AccountCaseOpened) return "account_case_opened";
    if (event instanceof Event.AccountCaseAdvanced) return "account_case_advanced";
    throw new IllegalArgumentException("unknown event " + event);
  }

  private static JsonObject json(Event event) {
    JsonObject json = new JsonObject().put("type", type(event));
    if (event instanceof Event.QueueConfigured e) {
      json.put("queue", SpecFormat.queue(e.queue()));
    } else if (event instanceof Event.AgentConfigured e) {
      json.put("agent", SpecFormat.agent(e.agent()));
    } else if (event instanceof Event.AgentStatusChanged e) {
      json.put("agentId", e.agentId()).put("status", e.status().wire());
      putIfSet(json, "reason", e.reason());
      putIfSet(json, "until", instant(e.until()));
    } else if (event instanceof Event.ContactQueued e) {
      json.put("contactId", e.contact().id()).put("contact", SpecFormat.contact(e.contact()));
    } else if (event instanceof Event.OfferMade e) {
      json.put("offerId", e.offerId()).put("contactId", e.contactId()).put("agentId", e.agentId())
          .put("expiresAt", instant(e.expiresAt())).put("reasons", new JsonArray(new ArrayList<>(e.reasons())));
      if (!e.device().isEmpty()) {
        json.put("device", new JsonObject(new LinkedHashMap<>(e.device())));
      }
    } else if (event instanceof Event.OfferAccepted e) {
      json.put("offerId", e.offerId()).put("contactId", e.contactId()).put("agentId", e.agentId());
    } else if (event instanceof Event.OfferRejected e) {
      json.put("offerId", e.offerId()).put("contactId", e.contactId()).put("agentId", e.agentId());
      putIfSet(json, "reason", e.reason());
    } else if (event instanceof Event.OfferTimedOut e) {
      json.put("offerId", e.offerId()).put("contactId", e.contactId()).put("agentId", e.agentId());
    } else if (event instanceof Event.OfferRevoked e) {
      json.put("offerId", e.offerId()).put("contactId", e.contactId()).put("agentId", e.agentId());
      putIfSet(json, "reason", e.reason());
    } else if (event instanceof Event.ContactAbandoned e) {
      json.put("contactId", e.contactId());
    } else if (event instanceof Event.ContactTransferred e) {
      json.put("contactId", e.contactId()).put("toQueue", e.toQueue());
      putIfSet(json, "fromAgent", e.fromAgent());
      putIfSet(json, "toAgent", e.toAgent());
    } else if (event instanceof Event.ContactCompleted e) {
      json.put("contactId", e.contactId()).put("agentId", e.agentId());
      putIfSet(json, "disposition", e.disposition());
      putIfSet(json, "notes", e.notes());
      putIfSet(json, "stage", e.stage());
    } else if (event instanceof Event.ApiKeyIssued e) {
      json.put("keyId", e.keyId()).put("digest", e.digest()).put("role", e.role());
      putIfSet(json, "agentId", e.agentId());
      putIfSet(json, "label", e.label());
      putIfSet(json, "expiresAt", instant(e.expiresAt()));
    } else if (event instanceof Event.SignInRefused e) {
      json.put("username", e.username()).put("address", e.address()).put("reason", e.reason())
          .put("failures", e.failures()).put("retryAfterSeconds", e.retryAfterSeconds());
    } else if (event instanceof Event.ApiKeyRevoked e) {
      json.put("keyId", e.keyId()).put("effectiveAt", instant(e.effectiveAt()));
    } else if (event instanceof Event.CalendarConfigured e) {
      json.put("calendar", SpecFormat.calendar(e.calendar()));
    } else if (event instanceof Event.CategoryConfigured e) {
      json.put("category", SpecFormat.category(e.category()));
    } else if (event instanceof Event.CatalogueConfigured e) {
      json.put("catalogue", SpecFormat.catalogue(e.catalogue()));
    } else if (event instanceof Event.WebhookConfigured e) {
      json.put("webhook", SpecFormat.webhook(e.webhook()));
    } else if (event instanceof Event.WebhookDeleted e) {
      json.put("webhookId", e.webhookId());
    } else if (event instanceof Event.PersonalDataErased e) {
      json.put("keyIds", new JsonArray(new ArrayList<>(e.keyIds()))).put("reason", e.reason());
    } else if (event instanceof Event.SlaStarted e) {
      JsonArray due = new JsonArray();
      e.dueAt().forEach(d -> due.add(instant(d)));
      json.put("contactId", e.contactId()).put("source", e.source()).put("policy", SpecFormat.sla(e.policy()))
          .put("startedAt", instant(e.startedAt())).put("deadline", instant(e.deadline()))
          .put("nearAt", instant(e.nearAt())).put("dueAt", due);
    } else if (event instanceof Event.SlaThresholdReached e) {
      json.put("contactId", e.contactId()).put("point", e.point()).put("atPercent", e.atPercent())
          .put("action", e.action().wire()).put("by", e.by());
      putIfSet(json, "toQueue", e.queue());
      json.put("effect", e.effect());
      putIfSet(json, "nextDueAt", instant(e.nextDueAt()));
    } else if (event instanceof Event.SlaBreached e) {
      json.put("contactId", e.contactId()).put("point", e.point()).put("breachedIn", e.queue())
          .put("deadline", instant(e.deadline()));
      putIfSet(json, "nextDueAt", instant(e.nextDueAt()));
    } else if (event instanceof Event.ContactOutOfHours e) {
      json.put("contactId", e.contactId()).put("requestedQueue", e.requestedQueue()).put("calendar", e.calendar())
          .put("treatment", e.treatment().wire()).put("reason", e.reason());
      putIfSet(json, "opensAt", instant(e.opensAt()));
    } else if (event instanceof Event.RulesConfigured e) {
      json.put("rules", SpecFormat.rules(e.rules()));
    } else if (event instanceof Event.ComplianceChecked e) {
      json.put("contactId", e.contactId()).put("licences", new JsonArray(new ArrayList<>(e.licences())));
      if (e.product() != null) {
        json.put("product", SpecFormat.product(e.product()));
      }
      putIfSet(json, "customerRiskLevel", e.customerRiskLevel());
      json.put("held", e.held());
      putIfSet(json, "reviewQueue", e.reviewQueue());
      json.put("reasons", new JsonArray(new ArrayList<>(e.reasons())));
    } else if (event instanceof Event.RoutingStageChanged e) {
      json.put("contactId", e.contactId()).put("stage", e.stage().wire());
      putIfSet(json, "preferredAgent", e.preferredAgent());
      putIfSet(json, "team", e.team());
      putIfSet(json, "until", instant(e.until()));
      json.put("reason", e.reason());
    } else if (event instanceof Event.CallbackRequested e) {
      json.put("contactId", e.contactId());
      putIfSet(json, "number", e.number());
    } else if (event instanceof Event.ContactMarkedMajor e) {
      json.put("contactId", e.contactId());
      putIfSet(json, "reason", e.reason());
      json.put("priorityBoost", e.priorityBoost());
    } else if (event instanceof Event.ContactStageAdvanced e) {
      json.put("contactId", e.contactId()).put("stage", e.stage().wire()).put("by", e.by());
      putIfSet(json, "toQueue", e.toQueue());
    } else if (event instanceof Event.ContactReleased e) {
      json.put("contactId", e.contactId()).put("toQueue", e.queue());
      putIfSet(json, "customerRiskLevel", e.customerRiskLevel());
      json.put("reason", e.reason());
      json.put("licences", new JsonArray(new ArrayList<>(e.licences())));
      json.put("reasons", new JsonArray(new ArrayList<>(e.reasons())));
    } else if (event instanceof Event.SurveyRecorded e) {
      json.put("contactId", e.contactId());
      putIfSet(json, "handledBy", e.handledBy());
      json.put("queue", e.queue()).put("csat", e.csat());
      putIfSet(json, "nps", e.nps());
      putIfSet(json, "comment", e.comment());
    } else if (event instanceof Event.FollowUpScheduled e) {
      json.put("followUp", SpecFormat.followUp(e.followUp()));
    } else if (event instanceof Event.FollowUpDue e) {
      json.put("followUpId", e.followUpId());
      putIfSet(json, "contactId", e.contactId());
      json.put("note", e.note());
    } else if (event instanceof Event.CaseOpened e) {
      json.put("caseId", e.caseId()).put("customer", SpecFormat.customer(e.customer()));
      putIfSet(json, "sourceContactId", e.sourceContactId());
      json.put("channel", e.channel().wire()).put("summary", e.summary());
      putIfSet(json, "class", e.kind() == null ? null : e.kind().wire());
      json.put("severity", e.severity().wire()).put("by", e.by());
    } else if (event instanceof Event.CaseAdvanced e) {
      json.put("caseId", e.caseId()).put("step", e.step().wire()).put("from", e.from().wire()).put("to", e.to().wire())
          .put("by", e.by());
      putIfSet(json, "workedBy", e.workedBy());
      putIfSet(json, "note", e.note());
      putIfSet(json, "class", e.kind() == null ? null : e.kind().wire());
      putIfSet(json, "severity", e.severity() == null ? null : e.severity().wire());
      putIfSet(json, "department", e.department());
      putIfSet(json, "satisfied", e.satisfied());
    } else if (event instanceof Event.CaseStageStarted e) {
      json.put("caseId", e.caseId()).put("stage", e.stage().wire());
      putIfSet(json, "workContactId", e.workContactId());
      putIfSet(json, "deadline", instant(e.deadline()));
      putIfSet(json, "nearAt", instant(e.nearAt()));
    } else if (event instanceof Event.CaseDeadlineReached e) {
      json.put("caseId", e.caseId()).put("stage", e.stage().wire()).put("breach", e.breach())
          .put("deadline", instant(e.deadline()));
      putIfSet(json, "nextDueAt", instant(e.nextDueAt()));
    } else if (event instanceof Event.CallRinging e) {
      json.put("contactId", e.contactId()).put("offerId", e.offerId()).put("agentId", e.agentId());
    } else if (event instanceof Event.CallLost e) {
      json.put("contactId", e.contactId()).put("callId", e.callId());
      putIfSet(json, "agentId", e.agentId());
      json.put("reason", e.reason());
    } else if (event instanceof Event.DispositionRecorded e) {
      json.put("contactId", e.contactId()).put("agentId", e.agentId()).put("disposition", e.disposition());
      putIfSet(json, "notes", e.notes());
    } else if (event instanceof Event.AccountCaseOpened e) {
      json.put("caseId", e.caseId()).put("customer", SpecFormat.customer(e.customer())).put("channel", e.channel().wire());
      putIfSet(json, "sourceContactId", e.sourceContactId());
      json.put("deadline", instant(e.deadline())).put("nearAt", instant(e.nearAt()))
          .put("workContactId", e.workContactId()).put("by", e.by());
    } else if (event instanceof Event.AccountCaseAdvanced e) {
      json.put("caseId", e.caseId()).put("step", e.step().wire()).put("by", e.by()).put("workedBy", e.workedBy());
      putIfSet(json, "note", e.note());
      putIfSet(json, "workContactId", e.workContactId());
      putIfSet(json, "workingDays", e.workingDays());
    }
    return json;
  }

  private static Event decodeV1(JsonObject json) {
    String type = json.getString("type");
    switch (type) {
      case "queue_configured":
        return new Event.QueueConfigured(SpecFormat.queue(json.getJsonObject("queue")));
      case "agent_configured":
        return new Event.AgentConfigured(SpecFormat.agent(json.getJsonObject("agent")));
      case "agent_status_changed":
        return new Event.AgentStatusChanged(
            json.getString("agentId"),
            AgentStatus.fromWire(json.getString("status")).orElseThrow(),
            json.getString("reason"),
            millisOrNull(json.getString("until")));
      case "contact_queued":
        return new Event.ContactQueued(SpecFormat.contact(json.getJsonObject("contact")));
      case "offer_made":
        return new Event.OfferMade(
            json.getString("offerId"), json.getString("contactId"), json.getString("agentId"),
            millis(json.getString("expiresAt")), strings(json.getJsonArray("reasons")),
            SpecFormat.stringMap(json.getJsonObject("device")));
      case "offer_accepted":
        return new Event.OfferAccepted(json.getString("offerId"), json.getString("contactId"), json.getString("agentId"));
      case "offer_rejected":
        return new Event.OfferRejected(
            json.getString("offerId"), json.getString("contactId"), json.getString("agentId"), json.getString("reason"));
      case "offer_timed_out":
        return new Event.OfferTimedOut(json.getString("offerId"), json.getString("contactId"), json.getString("agentId"));
      case "offer_revoked":
        return new Event.OfferRevoked(
            json.getString("offerId"), json.getString("contactId"), json.getString("agentId"), json.getString("reason"));
      case "contact_abandoned":
        return new Event.ContactAbandoned(json.getString("contactId"));
      case "contact_transferred":
        return new Event.ContactTransferred(
            json.getString("contactId"), json.getString("fromAgent"), json.getString("toQueue"), json.getString("toAgent"));
      case "contact_completed":
        return new Event.ContactCompleted(
            json.getString("contactId"), json.getString("agentId"), json.getString("disposition"), json.getString("notes"),
            json.getString("stage"));
      case "api_key_issued":
        return new Event.ApiKeyIssued(
            json.getString("keyId"), json.getString("digest"), json.getString("role"), json.getString("agentId"),
            json.getString("label"), millisOrNull(json.getString("expiresAt")));
      case "api_key_revoked":
        return new Event.ApiKeyRevoked(json.getString("keyId"), millis(json.getString("effectiveAt")));
      case "sign_in_refused":
        return new Event.SignInRefused(json.getString("username"), json.getString("address"), json.getString("reason"),
            json.getInteger("failures"), json.getLong("retryAfterSeconds"));
      case "calendar_configured":
        return new Event.CalendarConfigured(SpecFormat.calendar(json.getJsonObject("calendar")));
      case "category_configured":
        return new Event.CategoryConfigured(SpecFormat.category(json.getJsonObject("category")));
      case "catalogue_configured":
        return new Event.CatalogueConfigured(SpecFormat.catalogue(json.getJsonObject("catalogue")));
      case "webhook_configured":
        return new Event.WebhookConfigured(SpecFormat.webhook(json.getJsonObject("webhook")));
      case "webhook_deleted":
        return new Event.WebhookDeleted(json.getString("webhookId"));
      case "personal_data_erased":
        return new Event.PersonalDataErased(strings(json.getJsonArray("keyIds")), json.getString("reason"));
      case "sla_started": {
        List<Long> due = new ArrayList<>();
        json.getJsonArray("dueAt").forEach(d -> due.add(millis((String) d)));
        return new Event.SlaStarted(
            json.getString("contactId"), json.getString("source"), SpecFormat.sla(json.getJsonObject("policy")),
            millis(json.getString("startedAt")), millis(json.getString("deadline")), millis(json.getString("nearAt")), due);
      }
      case "sla_threshold_reached":
        return new Event.SlaThresholdReached(
            json.getString("contactId"), json.getInteger("point"), json.getInteger("atPercent"),
            SlaPolicy.Action.fromWire(json.getString("action")).orElseThrow(), json.getInteger("by", 0),
            json.getString("toQueue"), json.getString("effect"), millisOrNull(json.getString("nextDueAt")));
      case "sla_breached":
        return new Event.SlaBreached(
            json.getString("contactId"), json.getInteger("point"), json.getString("breachedIn"),
            millis(json.getString("deadline")), millisOrNull(json.getString("nextDueAt")));
      case "contact_out_of_hours":
        return new Event.ContactOutOfHours(
            json.getString("contactId"), json.getString("requestedQueue"), json.getString("calendar"),
            CalendarSpec.Treatment.fromWire(json.getString("treatment")).orElseThrow(), json.getString("reason"),
            millisOrNull(json.getString("opensAt")));
      case "rules_configured":
        return new Event.RulesConfigured(SpecFormat.rules(json.getJsonObject("rules")));
      case "compliance_checked":
        return new Event.ComplianceChecked(json.getString("contactId"), SpecFormat.strings(json.getJsonArray("licences")),
            SpecFormat.product(json.getJsonObject("product")), json.getInteger("customerRiskLevel"),
            json.getBoolean("held"), json.getString("reviewQueue"), strings(json.getJsonArray("reasons")));
      case "routing_stage_changed":
        return new Event.RoutingStageChanged(json.getString("contactId"),
            RouteStage.fromWire(json.getString("stage")).orElseThrow(), json.getString("preferredAgent"),
            json.getString("team"), millisOrNull(json.getString("until")), json.getString("reason"));
      case "callback_requested":
        return new Event.CallbackRequested(json.getString("contactId"), json.getString("number"));
      case "contact_marked_major":
        return new Event.ContactMarkedMajor(json.getString("contactId"), json.getString("reason"),
            json.getInteger("priorityBoost"));
      case "contact_stage_advanced":
        return new Event.ContactStageAdvanced(json.getString("contactId"),
            ServiceStage.fromWire(json.getString("stage")).orElseThrow(), json.getString("by"), json.getString("toQueue"));
      case "contact_released":
        return new Event.ContactReleased(json.getString("contactId"), json.getString("toQueue"),
            json.getInteger("customerRiskLevel"), json.getString("reason"), SpecFormat.strings(json.getJsonArray("licences")),
            strings(json.getJsonArray("reasons")));
      case "survey_recorded":
        return new Event.SurveyRecorded(json.getString("contactId"), json.getString("handledBy"), json.getString("queue"),
            json.getInteger("csat"), json.getInteger("nps"), json.getString("comment"));
      case "follow_up_scheduled":
        return new Event.FollowUpScheduled(SpecFormat.followUp(json.getJsonObject("followUp")));
      case "follow_up_due":
        return new Event.FollowUpDue(json.getString("followUpId"), json.getString("contactId"), json.getString("note"));
      case "case_opened":
        return new Event.CaseOpened(json.getString("caseId"), SpecFormat.customer(json.getJsonObject("customer")),
            json.getString("sourceContactId"), SpecFormat.channel(json.getString("channel")), json.getString("summary"),
            kind(json.getString("class")), severity(json.getString("severity")), json.getString("by"));
      case "case_advanced":
        return new Event.CaseAdvanced(json.getString("caseId"),
            Complaint.Step.fromWire(json.getString("step")).orElseThrow(), stage(json.getString("from")),
            stage(json.getString("to")), json.getString("by"), json.getString("workedBy"), json.getString("note"),
            kind(json.getString("class")), severity(json.getString("severity")), json.getString("department"),
            json.getBoolean("satisfied"));
      case "case_stage_started":
        return new Event.CaseStageStarted(json.getString("caseId"), stage(json.getString("stage")),
            json.getString("workContactId"), millisOrNull(json.getString("deadline")),
            millisOrNull(json.getString("nearAt")));
      case "case_deadline_reached":
        return new Event.CaseDeadlineReached(json.getString("caseId"), stage(json.getString("stage")),
            json.getBoolean("breach"), millis(json.getString("deadline")),
            millisOrNull(json.getString("nextDueAt")));
      case "call_ringing":
        return new Event.CallRinging(json.getString("contactId"), json.getString("offerId"), json.getString("agentId"));
      case "call_lost":
        return new Event.CallLost(json.getString("contactId"), json.getString("callId"), json.getString("agentId"),
            json.getString("reason"));
      case "disposition_recorded":
        return new Event.DispositionRecorded(json.getString("contactId"), json.getString("agentId"),
            json.getString("disposition"), json.getString("notes"));
      case "account_case_opened":
        return new Event.AccountCaseOpened(json.getString("caseId"), SpecFormat.customer(json.getJsonObject("customer")),
            SpecFormat.channel(json.getString("channel")), json.getString("sourceContactId"),
            millis(json.getString("deadline")), millis(json.getString("nearAt")), json.getString("workContactId"),
            json.getString("by"));
      case "account_case_advanced":
        return new Event.AccountCaseAdvanced(json.getString("caseId"),
            AccountOpening.Step.fromWire(json.getString("step")).orElseThrow(), json.getString("by"),
            json.getString("workedBy"), json.getString("note"), json.getString("workContactId"),
            json.getDouble("workingDays"));
      default:
        throw new IllegalArgumentException("unknown event type " + type);
    }
  }

  private static Complaint.Kind kind(String wire) {
    return wire == null ? null : Complaint.Kind.fromWire(wire).orElseThrow();
  }

  private static Complaint.Severity severity(String wire) {
    return wire == null ? null : Complaint.Severity.fromWire(wire).orElseThrow();
  }

  static Complaint.Stage stage(String wire) {
    for (Complaint.Stage s : Complaint.Stage.values()) {
      if (s.wire().equals(wire)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown case stage " + wire);
  }

  private static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(o -> out.add((String) o));
    }
    return out;
  }
}
