package dev.contactrouter.core;

import java.util.List;

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
   */
  record OfferMade(
      String offerId, String contactId, String agentId, long expiresAt, List<String> reasons)
      implements Event {
    public OfferMade {
      reasons = List.copyOf(reasons);
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
   * A real-time contact arrived while its queue was closed and got the calendar's treatment.
   *
   * @param requestedQueue the queue it was pushed to
   * @param treatment queue or callback (a refusal records nothing)
   * @param opensAt the queue's next opening, or null if none is known
   */
  record ContactOutOfHours(
      String contactId, String requestedQueue, String calendar, CalendarSpec.Treatment treatment, String reason,
      Long opensAt) implements Event {}
}
