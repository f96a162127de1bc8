package dev.contactrouter.codec;

import static dev.contactrouter.codec.SpecJson.instant;
import static dev.contactrouter.codec.SpecJson.putIfSet;

import dev.contactrouter.core.Complaint;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.EventSubject;
import dev.contactrouter.core.Recorded;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Events as the API shows them: on the event stream (live and resumed), in a contact's history.
 * The {@code type} names are part of the public event stream. What the journal stores is another
 * form, {@link dev.contactrouter.store.format.EventFormat}, which this one may drift from: events
 * read back from storage are decoded there and rendered here.
 */
public final class EventJson {
  private EventJson() {}

  /** Every event type the stream may carry: those {@link #type} knows, then {@code position_changed}. */
  public static final List<String> TYPES = List.of(
      "queue_configured",
      "agent_configured",
      "agent_status_changed",
      "contact_queued",
      "offer_made",
      "offer_accepted",
      "offer_rejected",
      "offer_timed_out",
      "offer_revoked",
      "contact_abandoned",
      "contact_transferred",
      "contact_completed",
      "api_key_issued",
      "api_key_revoked",
      "calendar_configured",
      "category_configured",
      "catalogue_configured",
      "sla_started",
      "sla_threshold_reached",
      "sla_breached",
      "contact_out_of_hours",
      "rules_configured",
      "compliance_checked",
      "routing_stage_changed",
      "callback_requested",
      "survey_recorded",
      "contact_marked_major",
      "contact_stage_advanced",
      "contact_released",
      "follow_up_scheduled",
      "follow_up_due",
      "case_opened",
      "case_advanced",
      "case_stage_started",
      "case_deadline_reached",
      "call_ringing",
      "call_lost",
      "disposition_recorded",
      "account_case_opened",
      "account_case_advanced",
      "sign_in_refused",
      "webhook_configured",
      "webhook_deleted",
      "personal_data_erased",
      // Not journaled: told to the stream by the writer as waiting contacts move in line.
      "position_changed");

  public static JsonObject encode(Recorded r) {
    return encode(r.event()).put("at", instant(r.at())).put("actor", r.actor());
  }

  /**
   * An event as the event stream sends it, live or resumed: the event, its place in the domain's
   * journal, and for a contact event the contact as it stood right after it ({@code queue},
   * {@code externalId}, {@code callId}).
   */
  public static JsonObject streamed(String domain, long seq, Recorded r, EventSubject subject) {
    JsonObject json = encode(r).put("domain", domain).put("seq", seq);
    if (subject != null) {
      json.put("queue", subject.queue());
      putIfSet(json, "externalId", subject.externalId());
      putIfSet(json, "callId", subject.callId());
    }
    return json;
  }

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

  public static JsonObject encode(Event event) {
    JsonObject json = new JsonObject().put("type", type(event));
    if (event instanceof Event.QueueConfigured e) {
      json.put("queue", SpecJson.queue(e.queue()));
    } else if (event instanceof Event.AgentConfigured e) {
      json.put("agent", SpecJson.agent(e.agent()));
    } else if (event instanceof Event.AgentStatusChanged e) {
      json.put("agentId", e.agentId()).put("status", e.status().wire());
      putIfSet(json, "reason", e.reason());
      putIfSet(json, "until", instant(e.until()));
    } else if (event instanceof Event.ContactQueued e) {
      json.put("contactId", e.contact().id()).put("contact", SpecJson.contact(e.contact()));
    } else if (event instanceof Event.OfferMade e) {
      json.put("offerId", e.offerId()).put("contactId", e.contactId()).put("agentId", e.agentId())
          .put("expiresAt", instant(e.expiresAt())).put("reasons", new JsonArray(new ArrayList<>(e.reasons())));
      ReasonJson.putCodes(json, e.reasons());
      if (!e.device().isEmpty()) {
        json.put("device", new JsonObject(new LinkedHashMap<>(e.device())));
      }
    } else if (event instanceof Event.OfferAccepted e) {
      offerAnswered(json, e.offerId(), e.contactId(), e.agentId(), null);
    } else if (event instanceof Event.OfferRejected e) {
      offerAnswered(json, e.offerId(), e.contactId(), e.agentId(), e.reason());
    } else if (event instanceof Event.OfferTimedOut e) {
      offerAnswered(json, e.offerId(), e.contactId(), e.agentId(), null);
    } else if (event instanceof Event.OfferRevoked e) {
      offerAnswered(json, e.offerId(), e.contactId(), e.agentId(), e.reason());
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
      json.put("calendar", SpecJson.calendar(e.calendar()));
    } else if (event instanceof Event.CategoryConfigured e) {
      json.put("category", SpecJson.category(e.category()));
    } else if (event instanceof Event.CatalogueConfigured e) {
      json.put("catalogue", SpecJson.catalogue(e.catalogue()));
    } else if (event instanceof Event.WebhookConfigured e) {
      json.put("webhook", WebhookJson.webhook(e.webhook())); // never its secret
    } else if (event instanceof Event.WebhookDeleted e) {
      json.put("webhookId", e.webhookId());
    } else if (event instanceof Event.PersonalDataErased e) {
      json.put("keyIds", new JsonArray(new ArrayList<>(e.keyIds()))).put("reason", e.reason());
    } else if (event instanceof Event.SlaStarted e) {
      JsonArray due = new JsonArray();
      e.dueAt().forEach(d -> due.add(instant(d)));
      json.put("contactId", e.contactId()).put("source", e.source()).put("policy", SpecJson.sla(e.policy()))
          .put("startedAt", instant(e.startedAt())).put("deadline", instant(e.deadline()))
          .put("nearAt", instant(e.nearAt())).put("dueAt", due);
    } else if (event instanceof Event.SlaThresholdReached e) {
      json.put("contactId", e.contactId()).put("point", e.point()).put("atPercent", e.atPercent())
          .put("action", e.action().wire()).put("by", e.by());
      putIfSet(json, "toQueue", e.queue());
      json.put("effect", e.effect());
      ReasonJson.putCode(json, "effect", e.effect());
      putIfSet(json, "nextDueAt", instant(e.nextDueAt()));
    } else if (event instanceof Event.SlaBreached e) {
      json.put("contactId", e.contactId()).put("point", e.point()).put("breachedIn", e.queue())
          .put("deadline", instant(e.deadline()));
      putIfSet(json, "nextDueAt", instant(e.nextDueAt()));
    } else if (event instanceof Event.ContactOutOfHours e) {
      json.put("contactId", e.contactId()).put("requestedQueue", e.requestedQueue()).put("calendar", e.calendar())
          .put("treatment", e.treatment().wire()).put("reason", e.reason());
      ReasonJson.putCode(json, "reason", e.reason());
      putIfSet(json, "opensAt", instant(e.opensAt()));
    } else if (event instanceof Event.RulesConfigured e) {
      json.put("rules", SpecJson.rules(e.rules()));
    } else if (event instanceof Event.ComplianceChecked e) {
      json.put("contactId", e.contactId()).put("licences", new JsonArray(new ArrayList<>(e.licences())));
      if (e.product() != null) {
        json.put("product", SpecJson.product(e.product()));
      }
      putIfSet(json, "customerRiskLevel", e.customerRiskLevel());
      json.put("held", e.held());
      putIfSet(json, "reviewQueue", e.reviewQueue());
      json.put("reasons", new JsonArray(new ArrayList<>(e.reasons())));
      ReasonJson.putCodes(json, e.reasons());
    } else if (event instanceof Event.RoutingStageChanged e) {
      json.put("contactId", e.contactId()).put("stage", e.stage().wire());
      putIfSet(json, "preferredAgent", e.preferredAgent());
      putIfSet(json, "team", e.team());
      putIfSet(json, "until", instant(e.until()));
      json.put("reason", e.reason());
      ReasonJson.putCode(json, "reason", e.reason());
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
      ReasonJson.putCode(json, "reason", e.reason());
      json.put("licences", new JsonArray(new ArrayList<>(e.licences())));
      json.put("reasons", new JsonArray(new ArrayList<>(e.reasons())));
      ReasonJson.putCodes(json, e.reasons());
    } else if (event instanceof Event.SurveyRecorded e) {
      json.put("contactId", e.contactId());
      putIfSet(json, "handledBy", e.handledBy());
      json.put("queue", e.queue()).put("csat", e.csat());
      putIfSet(json, "nps", e.nps());
      putIfSet(json, "comment", e.comment());
    } else if (event instanceof Event.FollowUpScheduled e) {
      json.put("followUp", SpecJson.followUp(e.followUp()));
    } else if (event instanceof Event.FollowUpDue e) {
      json.put("followUpId", e.followUpId());
      putIfSet(json, "contactId", e.contactId());
      json.put("note", e.note());
      ReasonJson.putCode(json, "note", e.note());
    } else if (event instanceof Event.CaseOpened e) {
      json.put("caseId", e.caseId()).put("customer", SpecJson.customer(e.customer()));
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
      ReasonJson.putCode(json, "reason", e.reason());
    } else if (event instanceof Event.DispositionRecorded e) {
      json.put("contactId", e.contactId()).put("agentId", e.agentId()).put("disposition", e.disposition());
      putIfSet(json, "notes", e.notes());
    } else if (event instanceof Event.AccountCaseOpened e) {
      json.put("caseId", e.caseId()).put("customer", SpecJson.customer(e.customer())).put("channel", e.channel().wire());
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

  /**
   * An offer's end (accepted, rejected, timed out, revoked): its ids, and the reason with its code
   * when one was given.
   */
  private static void offerAnswered(JsonObject json, String offerId, String contactId, String agentId, String reason) {
    json.put("offerId", offerId).put("contactId", contactId).put("agentId", agentId);
    if (reason != null) {
      json.put("reason", reason);
      ReasonJson.putCode(json, "reason", reason);
    }
  }

  static Complaint.Kind kind(String wire) {
    return wire == null ? null : Complaint.Kind.fromWire(wire).orElseThrow();
  }

  static Complaint.Severity severity(String wire) {
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
}
