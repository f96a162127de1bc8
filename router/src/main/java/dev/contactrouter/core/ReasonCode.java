package dev.contactrouter.core;

import java.util.List;

/**
 * Every reason, effect and refusal the engine words for people, as a stable code with the English
 * templates it is written in: the closed set a console translates (one message per code and
 * language, with the same named parameters). The engine keeps writing the English text (the
 * journal stores it, API users read it); {@link Reason#of} reads a text back into its code and
 * parameters, so events journaled before codes existed get them too.
 *
 * <p>A template is the text with {@code {name}} for each parameter, a name or a time (no space, no
 * quote); {@code {name:text}} is any text, {@code {name:n}} a number,
 * {@code {name:list}} a list of names (written joined by ", ", " and " or spaces), {@code
 * {name:reason}} another reason (given as its own code and parameters when it has one, else as
 * text). A text is read as the first code (in this order) one of whose templates it matches
 * whole, so a narrower template comes before a wider one. Codes and parameter names are part of
 * the API: add, never rename.
 */
public enum ReasonCode {
  // ---- compliance gates of a new contact (compliance_checked, routing.reasons)
  GATE_UNSERVABLE("gate.unservable", "unservable: no agent holds a valid {licences:list} licence"),
  GATE_LICENCES_REQUIRED("gate.licences_required",
      "licences required: {licences:list} (held valid by {holders:n} agent now; never relaxed)",
      "licences required: {licences:list} (held valid by {holders:n} agents now; never relaxed)"),
  GATE_RISK_NOT_ASSESSED("gate.risk_not_assessed",
      "unsuitable: customer risk level not assessed; product {product} is risk level {productRisk:n}"),
  GATE_UNSUITABLE("gate.unsuitable",
      "unsuitable: customer risk level {risk:n} is below product {product} risk level {productRisk:n}"),
  GATE_SUITABLE("gate.suitable", "suitable: customer risk level {risk:n} >= product {product} risk level {productRisk:n}"),
  GATE_HELD_FOR_REVIEW("gate.held_for_review", "held for review in queue '{queue}': offered to no agent elsewhere"),
  HOLD_RELEASED_LICENCE_HELD("gate.released_licence_held", "an agent now holds a valid {licences:list} licence"),
  HOLD_RELEASED_GATES_PASS("gate.released_gates_pass", "its gates pass now"),

  // ---- a gate an agent fails (offer_revoked, refusals)
  GATE_FAILED("gate.failed", "{gate} gate: {detail:reason}"),
  GATE_NOT_HELD("gate.violation.unsuitable_not_held",
      "the customer's risk level does not suit the product, and the contact is not held for review"),
  GATE_REVIEW_ONLY("gate.violation.review_only", "the contact is held for review: routable only in review queue '{queue}'"),
  GATE_REVIEW_SKILL("gate.violation.review_skill",
      "the contact is held for review in queue '{queue}', which asks {skill}>={level:n}; agent {agent} has {has:n}"),
  GATE_NO_LICENCE("gate.violation.no_licence",
      "agent {agent} holds no valid {licence} licence, which the contact needs (never relaxed)"),
  GATE_WRONG_SITE("gate.violation.wrong_site", "the contact is served from site {site}; agent {agent} is at site {agentSite}"),
  GATE_NO_SITE("gate.violation.no_site", "the contact is served from site {site}; agent {agent} is at no site"),
  GATE_COMPLIANCE_NO_REVIEW("gate.compliance_no_review_queue",
      "compliance: {reasons:text}; no review queue is configured (PUT /v1/rules reviewQueue)"),
  GATE_COMPLIANCE_REVIEW_CHANNEL("gate.compliance_review_channel",
      "compliance: {reasons:text}; review queue '{queue}' does not take {channel} contacts"),

  // ---- why an agent got a contact (offer_made reasons)
  OFFER_TRIGGER_CONTACT("offer.trigger_contact", "trigger: contact waiting in queue {queue}"),
  OFFER_TRIGGER_AGENT("offer.trigger_agent", "trigger: agent {agent} free"),
  OFFER_REQUIREMENT("offer.requirement", "requirement: {requirement:text}"),
  OFFER_GATE("offer.gate", "gate: {reason:reason}"),
  OFFER_STAGE_TEAM("offer.stage_team", "stage: reserved for team {team}"),
  OFFER_STAGE_AGENT("offer.stage_agent", "stage: reserved for {agent}"),
  OFFER_AGENT_NO_SKILLS("offer.agent_no_skills", "agent has: no skills required"),
  OFFER_AGENT_HAS("offer.agent_has", "agent has: {levels:text}"),
  OFFER_RANK_READY("offer.rank_ready",
      "rank: longest-ready eligible agent (ready since {since}), then proficiency {proficiency:n}"),
  OFFER_RANK_PRIORITY("offer.rank_priority",
      "rank: highest effective priority {priority:n} among waiting contacts the agent may take (waited {waited:n} s)"),

  // ---- why an offer ended (offer_revoked, offer_rejected)
  OFFER_ABANDONED("offer.revoked.abandoned", "abandoned"),
  OFFER_TRANSFERRED("offer.revoked.transferred", "transferred"),
  OFFER_AGENT_MISSED("offer.revoked.agent_missed", "agent missed an offer"),
  OFFER_AGENT_WENT("offer.revoked.agent_went", "agent went {status}"),
  OFFER_DECLINED("offer.rejected.declined", "declined"),

  // ---- SLA thresholds (sla_threshold_reached effect, sla.fired)
  SLA_PRIORITY_RAISED("sla.priority_raised", "priority raised by {by:n}: base {from:n} -> {to:n}"),
  SLA_NOT_RELAXED_HELD("sla.not_relaxed_held",
      "not relaxed: held for review in queue '{queue}', whose requirement never relaxes"),
  SLA_NOTHING_TO_RELAX("sla.nothing_to_relax",
      "nothing left to relax (no skills required); licences, site and channel never relax"),
  SLA_NOTHING_TO_RELAX_LEVELS("sla.nothing_to_relax_levels",
      "nothing left to relax (every level at 1); licences, site and channel never relax"),
  SLA_SKILLS_RELAXED_DIRECTED("sla.skills_relaxed_directed",
      "required skills relaxed by {by:n}: {from:text} -> {to:text} (applies once it is no longer directed to one agent)"),
  SLA_SKILLS_RELAXED("sla.skills_relaxed", "required skills relaxed by {by:n}: {from:text} -> {to:text}"),
  SLA_NOT_MOVED("sla.not_moved", "not moved: {blocker:reason}"),
  SLA_DEFERRED("sla.deferred", "deferred: ringing at agent {agent}; moves to queue '{queue}' if the offer comes back"),
  SLA_MOVED("sla.moved", "moved from queue '{from}' to '{to}'"),
  SLA_ALERT_LEFT("sla.alerted", "supervisors alerted at {percent:n}% of the deadline ({seconds:n} s left)"),
  SLA_ALERT_PAST("sla.alerted_past", "supervisors alerted at {percent:n}% of the deadline ({seconds:n} s past the deadline)"),
  OVERFLOW_NO_QUEUE("sla.blocker.no_queue", "no queue '{queue}'"),
  OVERFLOW_CHANNEL("sla.blocker.channel", "queue '{queue}' takes {channel} contacts"),
  OVERFLOW_SAME_QUEUE("sla.blocker.same_queue", "already in queue '{queue}'"),
  OVERFLOW_HELD("sla.blocker.held", "compliance hold: routable only in review queue '{queue}'"),

  // ---- out of hours (contact_out_of_hours reason, closed refusals)
  HOURS_NO_CALLBACK_OPENS("hours.queued_no_callback",
      "{reason:reason}; queued: callback queue '{queue}' cannot take it; it opens at {at}"),
  HOURS_NO_CALLBACK_NEVER("hours.queued_no_callback_no_opening",
      "{reason:reason}; queued: callback queue '{queue}' cannot take it; no opening is scheduled"),
  HOURS_QUEUED_OPENS("hours.queued", "{reason:reason}; queued; it opens at {at}"),
  HOURS_QUEUED_NEVER("hours.queued_no_opening", "{reason:reason}; queued; no opening is scheduled"),
  HOURS_CLOSED_OPENS("hours.closed", "{reason:reason}; it opens at {at}"),
  HOURS_CLOSED_NEVER("hours.closed_no_opening", "{reason:reason}; no opening is scheduled"),
  HOURS_QUEUE_CLOSED("hours.queue_closed", "queue '{queue}' is closed"),

  // ---- relationship routing (routing_stage_changed reason)
  STAGE_RESERVED_MANAGER("stage.reserved_manager", "reserved for relationship manager {agent} for {seconds:n} s"),
  STAGE_RESERVED_ORIGINAL("stage.reserved_original", "reserved for original agent {agent} for {seconds:n} s"),
  STAGE_TO_TEAM("stage.to_team", "{why:reason}; offered to team {team} for {seconds:n} s"),
  STAGE_TO_EVERYONE("stage.to_everyone", "{why:reason}; offered to everyone qualified"),
  STAGE_MANAGER_UNKNOWN("stage.why.manager_unknown", "relationship manager {agent} is not a known agent"),
  STAGE_ORIGINAL_UNKNOWN("stage.why.original_unknown", "original agent {agent} is not a known agent"),
  STAGE_MANAGER_OFFLINE("stage.why.manager_offline", "relationship manager {agent} is offline"),
  STAGE_ORIGINAL_OFFLINE("stage.why.original_offline", "original agent {agent} is offline"),
  STAGE_MANAGER_CHANNEL("stage.why.manager_channel", "relationship manager {agent} does not take {channel} contacts"),
  STAGE_ORIGINAL_CHANNEL("stage.why.original_channel", "original agent {agent} does not take {channel} contacts"),
  STAGE_MANAGER_GATE("stage.why.manager_gate", "relationship manager {agent} fails the {gate} gate: {detail:reason}"),
  STAGE_ORIGINAL_GATE("stage.why.original_gate", "original agent {agent} fails the {gate} gate: {detail:reason}"),
  STAGE_MANAGER_NO_TIME("stage.why.manager_no_time", "no time is reserved for the relationship manager"),
  STAGE_ORIGINAL_NO_TIME("stage.why.original_no_time", "no time is reserved for the original agent"),
  STAGE_NOBODY_TOOK("stage.why.nobody_took", "nobody took it while reserved for {agent}"),
  STAGE_TEAM_LATE("stage.why.team_late", "team {team} did not take it in time"),
  STAGE_DECLINED("stage.why.declined", "{agent} declined the offer"),
  STAGE_MISSED("stage.why.missed", "{agent} missed the offer"),
  STAGE_PHONE("stage.why.phone", "{agent} did not answer the phone ({report})"),

  // ---- return visits (follow_up_due note)
  FOLLOW_UP_QUEUED("followup.queued", "return visit queued in '{queue}'"),
  FOLLOW_UP_NO_CALLBACKS("followup.no_callbacks", "not queued: queue '{queue}' cannot take callbacks"),
  FOLLOW_UP_EXISTS("followup.exists", "not queued: a contact '{contact}' already exists"),
  FOLLOW_UP_REFUSED("followup.refused", "not queued: {detail:reason}"),

  // ---- calls (call_lost reason)
  CALL_LOST("call.lost", "the switch no longer holds call {call} ({status})"),

  // ---- refusals an agent or a supervisor meets at the console (problem detail)
  REFUSED_OTHER_AGENT("refused.offer_other_agent", "offer was made to another agent"),
  REFUSED_ANSWERED_ON_PHONE("refused.answered_on_phone", "a call is answered on the phone: the switch reports the answer"),
  REFUSED_OFFER_EXPIRED("refused.offer_expired", "offer expired at {at}"),
  REFUSED_NO_OFFER("refused.no_offer", "no offer '{offer}'"),
  REFUSED_OFFER_NOT_CURRENT("refused.offer_not_current", "offer is no longer current; the contact is {status}"),
  REFUSED_NO_CONTACT("refused.no_contact", "no contact '{contact}'"),
  REFUSED_NO_AGENT("refused.no_agent", "no agent '{agent}'"),
  REFUSED_CONTACT_ALREADY("refused.contact_already", "contact is already {status}"),
  REFUSED_ONLY_HOLDER_TRANSFERS("refused.only_holder_transfers", "only the agent holding the contact may transfer it"),
  REFUSED_NOT_HELD("refused.not_held", "contact is not held for compliance review"),
  REFUSED_STILL_HELD("refused.still_held", "still held: {reasons:text}"),
  REFUSED_MEANT_QUEUE_GONE("refused.meant_queue_gone",
      "the queue it was meant for, '{queue}', no longer exists: transfer it within the review queue's team instead"),
  REFUSED_ONLY_HOLDER_MARKS_MAJOR("refused.only_holder_marks_major", "only the agent holding the contact may mark it major"),
  REFUSED_ONLY_HOLDER_ADVANCES_STAGE("refused.only_holder_advances_stage",
      "only the agent holding the contact may advance its stage"),
  REFUSED_STAGE_BACKWARDS("refused.stage_backwards",
      "contact is already in stage {stage}; service stages go forward only (intake, consultation, trade, settlement, feedback)"),
  REFUSED_STAGE_NOT_SERVED("refused.stage_not_served", "queue '{queue}' does not serve stage {stage}"),
  REFUSED_STAGE_QUEUES("refused.stage_queues", "several queues serve stage {stage}: {queues:list}; name one in queue"),
  REFUSED_STAGE_NO_QUEUE("refused.stage_no_queue", "no queue serving stage {stage} takes {channel} contacts: {queues:list}"),
  REFUSED_NAME_TARGET("refused.name_target", "name a queue, an agent, or both"),
  REFUSED_HANDLED_BY_OTHER("refused.handled_by_other", "contact was handled by another agent"),
  REFUSED_CALL_CONNECTED("refused.call_connected",
      "the call is still connected: it completes when the call ends, then record its outcome"),
  REFUSED_CALL_ENDED("refused.call_ended", "the call has ended: record its outcome in disposition"),
  REFUSED_NOT_READY_REASON("refused.not_ready_reason",
      "not-ready reason '{code:text}' is not an active code of the catalogue; allowed: {allowed:list}"),
  REFUSED_DISPOSITION("refused.disposition",
      "disposition '{code:text}' is not an active code of the catalogue; allowed: {allowed:list}"),
  REFUSED_WRAP_UP_BY_COMPLETING("refused.wrap_up_by_completing", "wrap-up is entered by completing a contact"),
  REFUSED_CASE_CLOSED("refused.case_closed", "case is closed"),
  REFUSED_CASE_NEEDS_FEEDBACK("refused.case_needs_feedback",
      "a case closes only once the customer's feedback is recorded (closed loop)"),
  REFUSED_CASE_REOPEN_NO_FEEDBACK("refused.case_reopen_no_feedback",
      "a case is reopened once the customer's feedback is recorded as unsatisfied"),
  REFUSED_CASE_REOPEN_SATISFIED("refused.case_reopen_satisfied",
      "the customer was satisfied: a new problem is a new complaint"),
  REFUSED_CASE_REOPEN_REASON("refused.case_reopen_reason", "record why the case is reopened in reason"),
  REFUSED_CASE_STAGE("refused.case_stage", "case is in stage {stage}; its next step is {step}"),
  REFUSED_CASE_NOT_CONFIGURED("refused.cases_not_configured",
      "complaint cases are not configured (PUT /v1/rules complaints.queue)"),
  REFUSED_COMPLAINT_SUMMARY("refused.complaint_summary", "a complaint needs a summary"),
  REFUSED_FEEDBACK_SATISFIED("refused.feedback_satisfied", "feedback records whether the customer is satisfied"),
  REFUSED_CLASSIFY_CLASS("refused.classify_class", "classify names the complaint's class"),
  REFUSED_CLOSE_BY_RECORDER("refused.close_by_recorder",
      "only the agent who recorded the feedback, or a supervisor, closes the case"),
  REFUSED_WORK_OTHER_AGENT("refused.work_other_agent", "the {stage} work item is assigned to another agent");

  private final String code;
  private final List<String> templates;

  ReasonCode(String code, String... templates) {
    this.code = code;
    this.templates = List.of(templates);
  }

  /** The stable code, e.g. {@code gate.unsuitable}. */
  public String code() {
    return code;
  }

  /** The English texts it is written in (more than one where the English varies, as for a plural). */
  public List<String> templates() {
    return templates;
  }
}
