package dev.contactrouter.core;

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

  record CreateContact(String actor, ContactSpec contact) implements Command {}

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

  /**
   * Fired by a contact's SLA timer: reaches every point of its schedule from {@code point} on that
   * is due. A no-op unless {@code point} is the contact's next one and the contact still waits to
   * be answered, so a stale, early or repeated firing changes nothing.
   */
  record ReachSlaPoint(String actor, String contactId, int point) implements Command {}
}
