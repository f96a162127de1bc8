package dev.contactrouter.core;

import java.util.List;
import java.util.Set;

/**
 * What a client (or a timer) asks a routing domain to do. Every command names its actor, which is
 * recorded with the events it causes. {@code byAgent} is set when an agent acts for itself, so
 * the core can refuse an agent acting on someone else's offer or contact; it is {@code null} for
 * supervisors, administrators and the engine's own timers.
 */
public sealed interface Command {
  String actor();

  record ConfigureQueue(String actor, QueueSpec queue) implements Command {}

  record ConfigureAgent(String actor, AgentProfile agent) implements Command {}

  record SetAgentStatus(String actor, String agentId, AgentStatus status, String reason)
      implements Command {}

  /** @param major the reason when the contact arrives marked major (an empty reason is still major), else null */
  record CreateContact(String actor, ContactSpec contact, String major) implements Command {
    public CreateContact(String actor, ContactSpec contact) {
      this(actor, contact, null);
    }
  }

  /**
   * Marks a contact major (重大问题): the switch, a supervisor, or the agent holding it
   * ({@code byAgent}).
   */
  record MarkMajor(String actor, String contactId, String byAgent, String reason) implements Command {}

  /**
   * Moves a contact on to a later service stage (§1.2.2): the agent holding it ({@code byAgent}),
   * a supervisor or an intake system. A queue that serves the stage takes it over.
   *
   * @param queue the queue to hand it to when several serve the stage, or null
   */
  record AdvanceStage(String actor, String contactId, String byAgent, ServiceStage stage, String queue)
      implements Command {}

  /**
   * A supervisor releases a contact held for compliance review once the customer is re-assessed:
   * its gates are checked again, with {@code riskLevel} as the customer's new risk level when given.
   */
  record ReleaseHold(String actor, String contactId, Integer riskLevel, String reason) implements Command {}

  record AbandonContact(String actor, String contactId) implements Command {}

  /** Moves a queued, offered or assigned contact to another queue and/or to one named agent. */
  record TransferContact(String actor, String contactId, String queue, String agentId, String byAgent)
      implements Command {}

  /** @param stage the service stage the contact reached (intake … feedback), or null */
  record CompleteContact(
      String actor, String contactId, String byAgent, String disposition, String notes, String stage)
      implements Command {
    public CompleteContact(String actor, String contactId, String byAgent, String disposition, String notes) {
      this(actor, contactId, byAgent, disposition, notes, null);
    }
  }

  record AcceptOffer(String actor, String offerId, String byAgent) implements Command {}

  record RejectOffer(String actor, String offerId, String byAgent, String reason)
      implements Command {}

  /** Fired by the offer's timer; a no-op if the offer is no longer pending. */
  record ExpireOffer(String actor, String offerId) implements Command {}

  /** Fired by the wrap-up timer; a no-op unless the agent is still in that same wrap-up. */
  record EndWrapUp(String actor, String agentId, long until) implements Command {}

  /**
   * Records a new API key by its digest (the secret itself never reaches the domain).
   *
   * @param expiresAt epoch millis after which the key is refused, or null
   */
  record IssueApiKey(
      String actor, String keyId, String digest, String role, String agentId, String label, Long expiresAt)
      implements Command {}

  /**
   * Withdraws an API key, managed or configured, from {@code effectiveAt} (epoch millis; a
   * rotation's grace period) or at once when null.
   */
  record RevokeApiKey(String actor, String keyId, Long effectiveAt) implements Command {}

  record ConfigureCalendar(String actor, CalendarSpec calendar) implements Command {}

  record ConfigureCategory(String actor, CategorySpec category) implements Command {}

  /** Replaces the domain's catalogue of one kind; no entries: free text again. */
  record ConfigureCatalogue(String actor, Catalogue catalogue) implements Command {}

  /** Creates or replaces an integrator's webhook; the same webhook again records nothing. */
  record ConfigureWebhook(String actor, WebhookSpec webhook) implements Command {}

  record DeleteWebhook(String actor, String webhookId) implements Command {}

  /**
   * Erases a customer's personal data (crypto-shredding): the writer fills in {@code keyIds}, the
   * ids of every data key the customer's personal fields were sealed with, before the core sees
   * it. Refused as not found when there are none.
   */
  record ErasePersonalData(String actor, String customerId, List<String> keyIds, String reason) implements Command {
    public ErasePersonalData {
      keyIds = keyIds == null ? List.of() : List.copyOf(keyIds);
    }
  }

  /**
   * Fired by a contact's SLA timer: reaches every point of its schedule from {@code point} on that
   * is due. A no-op unless {@code point} is the contact's next one and the contact still waits to
   * be answered, so a stale, early or repeated firing changes nothing.
   */
  record ReachSlaPoint(String actor, String contactId, int point) implements Command {}

  record ConfigureRules(String actor, ServiceRules rules) implements Command {}

  /** Fired by a contact's routing-stage timer: widens it unless it already moved on. */
  record WidenRouting(String actor, String contactId, RouteStage stage) implements Command {}

  /** A queued voice contact's caller asked to be called back, keeping the place in line. */
  record RequestCallback(String actor, String contactId, String number) implements Command {}

  record RecordSurvey(String actor, String contactId, Integer csat, Integer nps, String comment) implements Command {}

  /** Fired when a return visit is due. */
  record StartFollowUp(String actor, String followUpId) implements Command {}

  /**
   * Opens a complaint case; an agent opens one from a contact it holds.
   *
   * @param contactId the contact the complaint came in on, or null
   * @param customer used when no contact is named
   * @param channel the channel it came in on, when no contact is named
   */
  record OpenComplaint(
      String actor, String caseId, String contactId, String byAgent, Customer customer, Channel channel,
      String summary, Complaint.Kind kind, Complaint.Severity severity) implements Command {}

  /**
   * Takes the next step of a complaint case.
   *
   * @param department the queue that investigates (classify), or null for the complaints queue
   * @param agentId the agent the next work item goes to first, or null
   */
  record AdvanceComplaint(
      String actor, String caseId, Complaint.Step step, String byAgent, String note, Complaint.Kind kind,
      Complaint.Severity severity, String department, String agentId, Boolean satisfied) implements Command {}

  /**
   * Opens an account-opening case, from a contact (a branch ticket, a call) or naming the customer
   * and the channel it came in on.
   */
  record OpenAccountCase(String actor, String caseId, String contactId, String byAgent, Customer customer,
      Channel channel) implements Command {}

  /** Records the next step of an account-opening case, taken on the work item that asks for it. */
  record AdvanceAccountCase(String actor, String caseId, AccountOpening.Step step, String byAgent, String note)
      implements Command {}

  /**
   * Reopens a complaint case whose customer's feedback was unsatisfied (a supervisor's).
   *
   * @param department the queue that investigates again, or null for the case's department
   * @param agentId the agent the new work item goes to first, or null
   */
  record ReopenComplaint(String actor, String caseId, String reason, String department, String agentId)
      implements Command {}

  /** Fired by a complaint stage's deadline timer. */
  record ReachCaseDeadline(String actor, String caseId, Complaint.Stage stage, int point) implements Command {}

  /** What a switch reports about the call behind a voice contact. */
  enum CallReport {
    /** The offered agent's phone is ringing. */
    RINGING,
    /** The offered agent's phone answered: the offer is accepted on the agent's behalf. */
    ANSWERED,
    /** The offered agent's phone did not answer, was busy or declined: the offer is refused. */
    NOT_ANSWERED,
    /** The call ended: before an answer it is abandoned, after one it is completed. */
    HANGUP
  }

  /**
   * A switch's report about a call, named by its SIP Call-ID; idempotent: a report the contact's
   * state already reflects changes nothing.
   *
   * @param offerId the offer the report is about (ringing, answered, not answered), else null
   * @param reason why the phone did not answer ({@code no-answer}, {@code busy}, ...), or who hung
   *     up ({@code caller}, {@code agent}), or null
   */
  record ReportCall(String actor, String callId, CallReport report, String offerId, String reason)
      implements Command {}

  /**
   * A switch lists every call it holds; open voice contacts whose call it no longer has, older
   * than {@code graceMillis}, are ended as lost.
   */
  record ReconcileCalls(String actor, Set<String> alive, long graceMillis) implements Command {
    public ReconcileCalls {
      alive = Set.copyOf(alive);
    }
  }

  /**
   * Records a refused console sign-in for the audit trail: a wrong user name or password, or an
   * attempt refused unchecked because the user or the address is throttled. Changes no state.
   *
   * @param reason {@code bad_credentials} or {@code throttled}
   * @param failures the failures counted against the user (or the address) by then
   * @param retryAfterSeconds how long sign-ins stay refused from now (0: not throttled)
   */
  record RecordSignInRefusal(String actor, String username, String address, String reason, int failures,
      long retryAfterSeconds) implements Command {}
}
