package dev.contactrouter.bench.matcher;

import dev.contactrouter.core.AgentProfile;
import dev.contactrouter.core.AgentStatus;
import dev.contactrouter.core.Channel;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.Decision;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.MatcherKind;
import dev.contactrouter.core.QueueSpec;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.core.RoutingDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A routing domain held in a steady state, and the one turn of work that keeps it there. Plain
 * Java over the pure core: no Vert.x, no I/O, no clock (time is a counter), no randomness.
 *
 * <p><b>The state.</b> {@code signatures} voice queues; queue {@code qj} requires skill {@code sj}
 * at level 1 or more, so each queue is one requirement signature. {@code agents} agents; agent
 * {@code ai} has the single skill {@code s(i mod signatures)} at level 3 and takes one voice
 * contact at a time. Every agent is logged in and holds one assigned contact, so nobody is free.
 * {@code waiting} further contacts are queued, spread round-robin over the queues, and the last
 * {@link RoutingDomain#TERMINAL_RETENTION} completed contacts are remembered, as in a centre that
 * has been running for a while. Queues have no wrap-up, so an agent who completes a contact is free at once. (With more signatures than agents,
 * queues {@code q(agents)} and up have nobody who can serve them: their contacts stay queued and
 * every free agent's search has to step past them.)
 *
 * <p><b>One turn</b> ({@link #turn}) is three commands through {@link RoutingDomain#handle}, in the
 * order a real centre produces them, chosen so that the state after the turn has the same shape as
 * before it (the same number waiting, every agent busy):
 *
 * <ol>
 *   <li>a contact arrives in the queue of agent {@code ai}'s skill ({@code CreateContact}). The
 *       router decides where it goes: it asks the matcher for an eligible free agent, finds none,
 *       and the contact waits. <b>Decision 1.</b>
 *   <li>agent {@code ai} completes the contact it holds ({@code CompleteContact}). The router
 *       decides what the freed agent gets: it asks the matcher for the best waiting contact the
 *       agent may take and offers it. <b>Decision 2.</b>
 *   <li>agent {@code ai} accepts that offer ({@code AcceptOffer}).
 * </ol>
 *
 * <p>So a turn is <b>two routing decisions</b> (one "which agent for this contact?", one "which
 * contact for this agent?") and three commands, with everything a command costs in the core:
 * validation, events, applying them, offer reasons and the reply views (including the new contact's
 * place in line). Agents are freed in rotation, {@code a0, a1, ...}, so every signature is served.
 */
public final class SteadyCentre {
  static final String ACTOR = "bench";
  static final long START = 1_700_000_000_000L;

  private final RoutingDomain domain;
  private final int agents;
  private final int signatures;
  private final String[] agentIds;
  private final String[] queueOfAgent;
  private final String[] held;
  private long contactSeq;
  private long now = START;
  private int next;

  private SteadyCentre(MatcherKind kind, int agents, int signatures) {
    this.domain = new RoutingDomain(kind);
    this.agents = agents;
    this.signatures = signatures;
    this.agentIds = new String[agents];
    this.queueOfAgent = new String[agents];
    this.held = new String[agents];
  }

  /**
   * Builds the steady state by replaying the events that describe it (as a recovering engine
   * does), which costs O(n log n) for either matcher; deciding each setup command instead would
   * cost the linear matcher O(n²) just to reach a million waiting contacts.
   */
  public static SteadyCentre build(MatcherKind kind, int waiting, int agents, int signatures) {
    return build(kind, waiting, agents, signatures, RoutingDomain.TERMINAL_RETENTION);
  }

  /** As {@link #build(MatcherKind, int, int, int)} with {@code history} ended contacts remembered. */
  static SteadyCentre build(MatcherKind kind, int waiting, int agents, int signatures, int history) {
    if (waiting < 0 || agents < 1 || signatures < 1 || history < 0) {
      throw new IllegalArgumentException(
          "need waiting >= 0, agents >= 1, signatures >= 1; got " + waiting + ", " + agents + ", " + signatures);
    }
    SteadyCentre c = new SteadyCentre(kind, agents, signatures);
    c.populate(waiting, history);
    return c;
  }

  private void populate(int waiting, int history) {
    for (int j = 0; j < signatures; j++) {
      replay(new Event.QueueConfigured(queue(j)));
    }
    for (int i = 0; i < agents; i++) {
      agentIds[i] = "a" + i;
      queueOfAgent[i] = "q" + (i % signatures);
      replay(new Event.AgentConfigured(new AgentProfile(
          agentIds[i], null, Map.of("s" + (i % signatures), 3), List.of(), null, null,
          Map.of(Channel.VOICE, 1))));
      replay(new Event.AgentStatusChanged(agentIds[i], AgentStatus.AVAILABLE, null, null));
    }
    // A running centre remembers its most recent ended contacts (up to TERMINAL_RETENTION); start
    // with that history in place, so the first measured turn already sees the steady state.
    for (int k = 0; k < history; k++) {
      int i = k % agents;
      String contactId = nextContactId();
      String offerId = contactId + ".1";
      replay(new Event.ContactQueued(contact(contactId, queueOfAgent[i])));
      replay(new Event.OfferMade(offerId, contactId, agentIds[i], now + 15_000, List.of("history")));
      replay(new Event.OfferAccepted(offerId, contactId, agentIds[i]));
      replay(new Event.ContactCompleted(contactId, agentIds[i], "done", null));
    }
    for (int i = 0; i < agents; i++) {
      String contactId = nextContactId();
      String offerId = contactId + ".1";
      replay(new Event.ContactQueued(contact(contactId, queueOfAgent[i])));
      replay(new Event.OfferMade(offerId, contactId, agentIds[i], now + 15_000, List.of("setup")));
      replay(new Event.OfferAccepted(offerId, contactId, agentIds[i]));
      held[i] = contactId;
    }
    for (int k = 0; k < waiting; k++) {
      replay(new Event.ContactQueued(contact(nextContactId(), "q" + (k % signatures))));
    }
    domain.checkInvariants();
    if (domain.waitingCount() != waiting) {
      throw new IllegalStateException("built " + domain.waitingCount() + " waiting, wanted " + waiting);
    }
  }

  /**
   * One turn: a contact arrives, an agent completes its contact and is offered the best waiting
   * one, and accepts it. Two routing decisions. Returns the last decision (for a blackhole).
   */
  public Decision turn() {
    long at = ++now;
    int i = next;
    next = i + 1 == agents ? 0 : i + 1;
    String agentId = agentIds[i];

    Decision arrived = domain.handle(
        new Command.CreateContact(ACTOR, contact(nextContactId(), queueOfAgent[i])), at);
    Decision freed = domain.handle(
        new Command.CompleteContact(ACTOR, held[i], agentId, "done", null), at);
    Event.OfferMade offer = offerIn(freed, arrived);
    Decision accepted = domain.handle(new Command.AcceptOffer(ACTOR, offer.offerId(), agentId), at);
    if (!(accepted instanceof Decision.Applied)) {
      throw new IllegalStateException("offer " + offer.offerId() + " was not accepted: " + accepted);
    }
    held[i] = offer.contactId();
    return accepted;
  }

  /** Contacts queued right now. */
  public int waiting() {
    return domain.waitingCount();
  }

  /** Checks the domain's own invariants (see {@link RoutingDomain#checkInvariants}). */
  public void checkInvariants() {
    domain.checkInvariants();
  }

  private static Event.OfferMade offerIn(Decision freed, Decision arrived) {
    if (!(arrived instanceof Decision.Applied)) {
      throw new IllegalStateException("arrival refused: " + arrived);
    }
    if (freed instanceof Decision.Applied applied) {
      for (Recorded r : applied.events()) {
        if (r.event() instanceof Event.OfferMade offer) {
          return offer;
        }
      }
    }
    throw new IllegalStateException("the freed agent was offered nothing: the steady state drifted (" + freed + ")");
  }

  private void replay(Event event) {
    domain.apply(new Recorded(now, ACTOR, event));
  }

  private String nextContactId() {
    return "c" + contactSeq++;
  }

  private static QueueSpec queue(int j) {
    return new QueueSpec("q" + j, null, Channel.VOICE, Map.of("s" + j, 1), null, Set.of(), 0,
        QueueSpec.DEFAULT_AGING_RATE, QueueSpec.DEFAULT_OFFER_TIMEOUT_SECONDS, 0,
        QueueSpec.DEFAULT_EXPECTED_HANDLE_SECONDS, null, null, null);
  }

  private static ContactSpec contact(String id, String queue) {
    return ContactSpec.of(id, Channel.VOICE, queue);
  }
}
