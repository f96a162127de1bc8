package dev.contactrouter.core;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A fact about a routing domain. The domain's state is the fold of its events: replaying them
 * into a fresh {@link RoutingDomain} reproduces it exactly, and every routing decision with its
 * reasons.
 */
public sealed interface Event {

  /** The contact the event concerns, or null. */
  default String contactId() {
    return null;
  }

  /** The agent the event concerns, or null. */
  default String agentId() {
    return null;
  }

  record QueueConfigured(QueueSpec queue) implements Event {}

  record AgentConfigured(AgentProfile agent) implements Event {
    @Override
    public String agentId() {
      return agent.id();
    }
  }

  /**
   * @param until the end of wrap-up (epoch millis) when {@code status} is wrap-up, else null
   */
  record AgentStatusChanged(String agentId, AgentStatus status, String reason, Long until)
      implements Event {}

  record ContactQueued(ContactSpec contact) implements Event {
    @Override
    public String contactId() {
      return contact.id();
    }
  }

  /**
   * @param reasons why this agent got this contact: what triggered the decision, which
   *     requirements the agent met, and what ranked it first
   * @param device where the agent's phone rings (its devices when the offer was made), for the
   *     switch that holds the call; empty when the agent has none
   */
  record OfferMade(
      String offerId, String contactId, String agentId, long expiresAt, List<String> reasons,
      Map<String, String> device)
      implements Event {
    public OfferMade {
      reasons = List.copyOf(reasons);
      device = device == null || device.isEmpty()
          ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(device));
    }

    /** An offer to an agent with no device. */
    public OfferMade(String offerId, String contactId, String agentId, long expiresAt, List<String> reasons) {
      this(offerId, contactId, agentId, expiresAt, reasons, null);
    }
  }

  record OfferAccepted(String offerId, String contactId, String agentId) implements Event {}

  /** The agent declined: the contact goes back to its place in line and skips this agent. */
  record OfferRejected(String offerId, String contactId, String agentId, String reason)
      implements Event {}

  /** Nobody answered in time: the contact goes back to its place in line. */
  record OfferTimedOut(String offerId, String contactId, String agentId) implements Event {}

  /** The offer was withdrawn (the agent left, the caller hung up, the contact moved). */
  record OfferRevoked(String offerId, String contactId, String agentId, String reason)
      implements Event {}

  record ContactAbandoned(String contactId) implements Event {}

  /**
   * @param fromAgent the agent that held it, or null if it was waiting
   * @param toAgent the one agent it may now go to, or null for anyone eligible in {@code toQueue}
   */
  record ContactTransferred(String contactId, String fromAgent, String toQueue, String toAgent)
      implements Event {
    @Override
    public String agentId() {
      return fromAgent;
    }
  }

  /** @param stage the service stage the contact reached, or null when not given */
  record ContactCompleted(String contactId, String agentId, String disposition, String notes, String stage)
      implements Event {
    public ContactCompleted(String contactId, String agentId, String disposition, String notes) {
      this(contactId, agentId, disposition, notes, null);
    }
  }

  /** An API key was issued; only its SHA-256 digest is recorded. */
  record ApiKeyIssued(
      String keyId, String digest, String role, String agentId, String label, Long expiresAt)
      implements Event {}

  /** An API key (managed or configured) is refused from {@code effectiveAt} on. */
  record ApiKeyRevoked(String keyId, long effectiveAt) implements Event {}

  record CalendarConfigured(CalendarSpec calendar) implements Event {}

  record CategoryConfigured(CategorySpec category) implements Event {}

  /** A catalogue of not-ready reasons or dispositions was replaced; without entries, the kind takes free text again. */
  record CatalogueConfigured(Catalogue catalogue) implements Event {}

  /** An integrator's webhook was created or replaced (the stream shows it without its secret). */
  record WebhookConfigured(WebhookSpec webhook) implements Event {}

  /** An integrator's webhook was removed: nothing more is delivered to it. */
  record WebhookDeleted(String webhookId) implements Event {}

  /**
   * A contact's SLA clock started: the policy it runs under (copied, so later changes to the
   * policy or the calendar do not move it) and the instant each point of its schedule is due.
   *
   * @param source where the policy came from: {@code queue:<id>} or {@code category:<id>}
   * @param deadline when the contact is breached unless answered
   * @param nearAt from when it counts as a near breach
   * @param dueAt the instant of each of {@code policy.points()}, in that order
   */
  record SlaStarted(
      String contactId, String source, SlaPolicy policy, long startedAt, long deadline, long nearAt, List<Long> dueAt)
      implements Event {
    public SlaStarted {
      dueAt = List.copyOf(dueAt);
    }
  }

  /**
   * A warning threshold of a contact's SLA was reached and its action taken.
   *
   * @param point the index of the threshold among the policy's points
   * @param effect what the action did, in words (or why it did nothing)
   * @param nextDueAt when the next point is due, or null if this was the last
   */
  record SlaThresholdReached(
      String contactId, int point, int atPercent, SlaPolicy.Action action, int by, String queue, String effect,
      Long nextDueAt) implements Event {}

  /**
   * The contact's deadline passed before an agent answered it.
   *
   * @param queue the queue it was waiting in, which counts the breach
   */
  record SlaBreached(String contactId, int point, String queue, long deadline, Long nextDueAt) implements Event {}

  /**
   * The contact was marked major (重大问题): it must be responded to and handled within the hour.
   * Who marked it is the event's actor. An {@link SlaStarted} with source {@code major} follows.
   *
   * @param reason why, as the marker gave it; null when marked at intake without one
   * @param priorityBoost the points added to its priority
   */
  record ContactMarkedMajor(String contactId, String reason, int priorityBoost) implements Event {}

  /**
   * The contact moved on to a later service stage (§1.2.2). A {@link ContactTransferred} follows
   * when a queue serving the stage took it over.
   *
   * @param by who advanced it: the command's actor ({@code agent:<id>}, {@code supervisor}, a system)
   * @param toQueue the queue serving the stage it was handed to, or null when it stayed where it was
   */
  record ContactStageAdvanced(String contactId, ServiceStage stage, String by, String toQueue) implements Event {}

  /**
   * A contact held for compliance review passed its gates again and went on to the queue it was
   * meant for: released by a supervisor with the customer re-assessed, or by the router when a
   * licence it lacked is now held valid by an agent.
   *
   * @param queue the queue it goes to
   * @param customerRiskLevel the customer's re-assessed risk level, or null when unchanged
   * @param reason why it was released, as the supervisor or the router gave it
   * @param licences the licences that stay part of its requirement
   * @param reasons its gates' findings now
   */
  record ContactReleased(
      String contactId, String queue, Integer customerRiskLevel, String reason, Set<String> licences,
      List<String> reasons) implements Event {
    public ContactReleased {
      licences = Skills.sortedSet(licences);
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * A real-time contact arrived while its queue was closed and got the calendar's treatment.
   *
   * @param requestedQueue the queue it was pushed to
   * @param treatment queue or callback (a refusal records nothing)
   * @param opensAt the queue's next opening, or null if none is known
   */
  record ContactOutOfHours(
      String contactId, String requestedQueue, String calendar, CalendarSpec.Treatment treatment, String reason,
      Long opensAt) implements Event {}

  /** The domain's securities service rules were configured. */
  record RulesConfigured(ServiceRules rules) implements Event {}

  /**
   * The compliance gates of a new contact were checked, with the reasons for the decision: the
   * licences it needs (fixed now: no later overflow, escalation or transfer drops one) and, for a
   * product contact, whether the customer's risk level suits the product's.
   *
   * @param held true when it failed a gate and waits only in {@code reviewQueue}, never offered
   *     to an agent elsewhere
   */
  record ComplianceChecked(
      String contactId, Set<String> licences, Product product, Integer customerRiskLevel, boolean held,
      String reviewQueue, List<String> reasons) implements Event {
    public ComplianceChecked {
      licences = Skills.sortedSet(licences);
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * A contact with a preferred agent (relationship manager, original agent) is reserved for that
   * agent, then its team, then anyone qualified.
   *
   * @param until when this stage ends by itself, or null for the last one
   */
  record RoutingStageChanged(
      String contactId, RouteStage stage, String preferredAgent, String team, Long until, String reason)
      implements Event {}

  /** The waiting caller asked to be called back: the contact keeps its place as a callback. */
  record CallbackRequested(String contactId, String number) implements Event {}

  /** A post-contact survey: CSAT 1–5, NPS 0–10 (or null), about the agent who handled it. */
  record SurveyRecorded(String contactId, String handledBy, String queue, int csat, Integer nps, String comment)
      implements Event {}

  record FollowUpScheduled(FollowUp followUp) implements Event {}

  /**
   * A return visit fell due.
   *
   * @param contactId the callback contact it became, or null when it could not be queued (then
   *     {@code note} says why)
   */
  record FollowUpDue(String followUpId, String contactId, String note) implements Event {}

  /** A complaint case was opened (from any channel), by {@code by}. */
  record CaseOpened(
      String caseId, Customer customer, String sourceContactId, Channel channel, String summary,
      Complaint.Kind kind, Complaint.Severity severity, String by) implements Event {}

  /**
   * A step of a complaint case was taken.
   *
   * @param by who took it (the actor)
   * @param workedBy the agent who held the stage's work item, or null
   * @param note what was recorded: the findings, the result, the customer's comment
   */
  record CaseAdvanced(
      String caseId, Complaint.Step step, Complaint.Stage from, Complaint.Stage to, String by, String workedBy,
      String note, Complaint.Kind kind, Complaint.Severity severity, String department, Boolean satisfied)
      implements Event {}

  /**
   * A stage of a complaint case began, with its routed work item and its deadline (fixed now).
   *
   * @param workContactId the work item, or null for a stage without one
   * @param deadline null for a stage without a deadline
   */
  record CaseStageStarted(String caseId, Complaint.Stage stage, String workContactId, Long deadline, Long nearAt)
      implements Event {}

  /**
   * A complaint stage reached its near-breach mark ({@code breach} false) or its deadline.
   *
   * @param nextDueAt when the next point is due, or null
   */
  record CaseDeadlineReached(String caseId, Complaint.Stage stage, boolean breach, long deadline, Long nextDueAt)
      implements Event {}

  /**
   * An account-opening case was received, with its deadline fixed now.
   *
   * @param workContactId the work item asking for its first step
   */
  record AccountCaseOpened(
      String caseId, Customer customer, Channel channel, String sourceContactId, long deadline, long nearAt,
      String workContactId, String by) implements Event {}

  /**
   * A step of an account-opening case was taken.
   *
   * @param workedBy the agent who held the step's work item
   * @param workContactId the work item asking for the next step, or null once active
   * @param workingDays working days from received to active, when {@code step} is active
   */
  record AccountCaseAdvanced(
      String caseId, AccountOpening.Step step, String by, String workedBy, String note, String workContactId,
      Double workingDays) implements Event {}

  /** The switch reports that the offered agent's phone is ringing (a note for the call's history). */
  record CallRinging(String contactId, String offerId, String agentId) implements Event {}

  /**
   * The switch no longer holds the call behind a contact the engine still had open (a lost BYE, a
   * restarted switch): the contact is ended next, with {@code reason} kept for the audit trail.
   *
   * @param agentId the agent that held or was offered it, or null
   */
  record CallLost(String contactId, String callId, String agentId, String reason) implements Event {}

  /**
   * The agent recorded the outcome of a call that had already ended (the switch completed it with
   * {@code hangup} or {@code lost-call}), during its wrap-up.
   */
  record DispositionRecorded(String contactId, String agentId, String disposition, String notes)
      implements Event {}

  /**
   * A console sign-in was refused (audit only: no state changes).
   *
   * @param reason {@code bad_credentials} (wrong user name or password) or {@code throttled}
   *     (refused unchecked: too many recent failures for the user or the address)
   * @param failures the failures counted against the user or the address by then
   * @param retryAfterSeconds how long sign-ins stay refused from then (0: not throttled)
   */
  record SignInRefused(String username, String address, String reason, int failures, long retryAfterSeconds)
      implements Event {}

  /**
   * A customer's personal data was erased: the data keys that sealed it ({@code keyIds}, random
   * ids that name no one) are destroyed in the same transaction, so the sealed fields of every
   * event that used them read as erased from then on. Names no personal value itself.
   */
  record PersonalDataErased(List<String> keyIds, String reason) implements Event {
    public PersonalDataErased {
      keyIds = List.copyOf(keyIds);
    }
  }
}
