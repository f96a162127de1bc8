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
}
