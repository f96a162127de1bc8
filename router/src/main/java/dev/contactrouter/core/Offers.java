package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.conflict;
import static dev.contactrouter.core.Refusals.forbidden;
import static dev.contactrouter.core.Refusals.notFound;
import static dev.contactrouter.core.RoutingDomain.MISSED_OFFER;
import static dev.contactrouter.core.RoutingDomain.ROUTER;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An offer's life once made: the agent accepts it (the contact is assigned), declines it, or lets
 * it ring out (a miss: at the domain's {@code missedOffersBeforeNotReady}-th in a row the agent goes
 * not ready, {@code missed-offer}, and its other offers come back); offers withdrawn when an agent
 * leaves. A returned contact goes back to its place in line, on to
 * an overflow its SLA reached meanwhile, and to the next agent, most urgent first.
 */
final class Offers extends RulePart {
  /** What a switch reports when the agent's phone let an offer ring out: each is a miss, as a timeout is. */
  static final Set<String> PHONE_MISSES = Set.of("no-answer", "busy", "unavailable");


  Offers(Parts parts) {
    super(parts);
  }

  Decision acceptOffer(Step step, Command.AcceptOffer c) {
    Decision notTheirs = notAnswerableBy(c.offerId(), c.byAgent());
    if (notTheirs != null) {
      return notTheirs;
    }
    ContactState contact = currentOffer(c.offerId());
    if (c.byAgent() != null && CallControl.switchHolds(contact)) {
      return conflict("a call is answered on the phone: the switch reports the answer");
    }
    if (step.now > contact.offerExpiresAt()) {
      return conflict("offer expired at " + Instant.ofEpochMilli(contact.offerExpiresAt()));
    }
    // A licence may lapse while the offer rings: the gates are asked again at the answer.
    GateCheck.Violation v = contact.gate.violation(agents.get(contact.offerAgent()).profile, step.now);
    if (v != null) {
      return GateCheck.refusal(v, null);
    }
    step.emit(new Event.OfferAccepted(c.offerId(), contact.id(), contact.offerAgent()));
    return step.done(new Reply.ContactReply(views.contactView(contact, step.now), false));
  }

  Decision rejectOffer(Step step, Command.RejectOffer c) {
    Decision notTheirs = notAnswerableBy(c.offerId(), c.byAgent());
    if (notTheirs != null) {
      return notTheirs;
    }
    ContactState contact = currentOffer(c.offerId());
    AgentState agent = agents.get(contact.offerAgent());
    String reason = c.reason() == null ? "declined" : c.reason();
    step.emit(new Event.OfferRejected(c.offerId(), contact.id(), agent.id(), reason));
    parts.relationship.widenIfPreferredLetGo(step, contact, agent.id(), "declined the offer");
    sla.overflowIfPending(step, contact);
    matching.matchContact(step, contact);
    matching.matchAgent(step, agent);
    return step.done(new Reply.ContactReply(views.contactView(contact, step.now), false));
  }

  Decision expireOffer(Step step, Command.ExpireOffer c) {
    ContactState contact = currentOffer(c.offerId());
    if (contact == null || step.now < contact.offerExpiresAt()) {
      return step.done(new Reply.Done()); // stale or early firing: nothing to do
    }
    AgentState agent = agents.get(contact.offerAgent());
    step.emit(new Event.OfferTimedOut(c.offerId(), contact.id(), agent.id()));
    missed(step, contact, agent, "missed the offer", true);
    return step.done(new Reply.Done());
  }

  /**
   * The switch says the offered agent's phone did not answer (no answer, busy, unavailable): a
   * miss, as a console's timeout is; a phone that declined sends the agent not ready at once. The
   * call goes to the next agent; it is not offered to this agent again.
   */
  void notAnswered(Step step, ContactState contact, String reason) {
    AgentState agent = agents.get(contact.offerAgent());
    step.emit(new Event.OfferRejected(contact.offerId(), contact.id(), agent.id(), reason));
    missed(step, contact, agent, "did not answer the phone (" + reason + ")",
        PHONE_MISSES.contains(reason) && CallControl.switchHolds(contact));
  }

  /**
   * An offer the agent let go unanswered: the contact goes back first in line; the agent goes not
   * ready once it has missed the domain's {@code missedOffersBeforeNotReady} offers in a row (the
   * fold of the timeout or the phone's report counted this one), or at once when its phone declined.
   */
  private void missed(Step step, ContactState contact, AgentState agent, String what, boolean counted) {
    parts.relationship.widenIfPreferredLetGo(step, contact, agent.id(), what);
    List<ContactState> returned = new ArrayList<>();
    returned.add(contact);
    if (agent.status == AgentStatus.AVAILABLE
        && (!counted || agent.missedOffers >= state.rules.missedOffersBeforeNotReady())) {
      returned.addAll(revokeOffers(step, agent, "agent missed an offer"));
      step.emit(ROUTER, new Event.AgentStatusChanged(agent.id(), AgentStatus.NOT_READY, MISSED_OFFER, null));
    }
    returned.forEach(back -> sla.overflowIfPending(step, back));
    matching.matchMostUrgentFirst(step, returned);
  }

  List<ContactState> revokeOffers(Step step, AgentState agent, String reason) {
    List<ContactState> returned = new ArrayList<>();
    for (Map.Entry<String, String> o : List.copyOf(agent.offers.entrySet())) {
      step.emit(new Event.OfferRevoked(o.getKey(), o.getValue(), agent.id(), reason));
      returned.add(contacts.get(o.getValue()));
    }
    return returned;
  }

  /** The agent a ringing contact is offered to. */
  AgentState offeredAgent(ContactState contact) {
    return agents.get(contact.offerAgent());
  }

  /** Offers withdrawn by a gate: the contacts that wait again and the agents they rang. */
  record Withdrawn(List<ContactState> contacts, Set<AgentState> agents) {}

  /**
   * Withdraws the offers among {@code ringing} whose agent no longer passes the contact's gates
   * (its profile or the queue changed), so nothing stays in front of an agent a gate refuses. The
   * contacts wait again (or move on to an overflow their SLA reached meanwhile); the caller
   * matches them, most urgent first, and then the agents.
   */
  Withdrawn withdrawGated(Step step, Collection<ContactState> ringing) {
    List<ContactState> returned = new ArrayList<>();
    Set<AgentState> freed = new LinkedHashSet<>();
    for (ContactState contact : ringing) {
      if (contact.status != ContactStatus.OFFERED) {
        continue;
      }
      AgentState agent = agents.get(contact.offerAgent());
      GateCheck.Violation v = contact.gate.violation(agent.profile, step.now);
      if (v != null) {
        step.emit(ROUTER, new Event.OfferRevoked(contact.offerId(), contact.id(), agent.id(), v.gate().wire() + " gate: "
            + v.detail()));
        returned.add(contact);
        freed.add(agent);
      }
    }
    returned.forEach(back -> sla.overflowIfPending(step, back));
    return new Withdrawn(returned, freed);
  }

  private ContactState currentOffer(String offerId) {
    String contactId = offers.get(offerId);
    return contactId == null ? null : contacts.get(contactId);
  }

  /**
   * Why {@code byAgent} (null unless an agent acts for itself) may not answer offer {@code
   * offerId}: it is no longer current, or it rings at another agent; null if it may.
   */
  private Decision notAnswerableBy(String offerId, String byAgent) {
    ContactState contact = currentOffer(offerId);
    if (contact == null) {
      return staleOffer(offerId);
    }
    if (byAgent != null && !byAgent.equals(contact.offerAgent())) {
      return forbidden("offer was made to another agent");
    }
    return null;
  }

  private Decision staleOffer(String offerId) {
    int dot = offerId.lastIndexOf('.');
    ContactState contact = dot <= 0 ? null : contacts.get(offerId.substring(0, dot));
    if (contact == null) {
      return notFound("no offer '" + offerId + "'");
    }
    return conflict("offer is no longer current; the contact is " + contact.status.wire());
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.OfferMade e) {
      applyOfferMade(e, at);
    } else if (event instanceof Event.OfferAccepted e) {
      applyOfferAccepted(e, at);
    } else if (event instanceof Event.OfferRejected e) {
      ContactState contact = applyOfferReturned(e.offerId(), e.agentId(), at);
      contact.rejected(e.agentId());
      if (PHONE_MISSES.contains(e.reason()) && CallControl.switchHolds(contact)) {
        agents.get(e.agentId()).missedOffers++;
      }
    } else if (event instanceof Event.OfferTimedOut e) {
      ContactState contact = applyOfferReturned(e.offerId(), e.agentId(), at);
      queues.get(contact.queue).missedOffers++;
      agents.get(e.agentId()).missedOffers++;
    } else if (event instanceof Event.OfferRevoked e) {
      applyOfferReturned(e.offerId(), e.agentId(), at);
    } else {
      return false;
    }
    return true;
  }

  private void applyOfferMade(Event.OfferMade e, long at) {
    ContactState contact = contacts.get(e.contactId());
    AgentState agent = agents.get(e.agentId());
    matcher.dequeue(contact);
    contact.status = ContactStatus.OFFERED;
    contact.offered(e.offerId(), agent.id(), at, e.expiresAt());
    contact.offerAttempts++;
    queues.get(contact.queue).ringing++;
    offers.put(e.offerId(), contact.id());
    agent.offers.put(e.offerId(), contact.id());
    agent.held++;
    agent.activeChannel = contact.channel();
    agent.readySince = at;
    agent.statusSince = at;
    matcher.agentChanged(agent);
  }

  private void applyOfferAccepted(Event.OfferAccepted e, long at) {
    ContactState contact = contacts.get(e.contactId());
    AgentState agent = agents.get(e.agentId());
    QueueState queue = queues.get(contact.queue);
    clearOffer(contact, agent, queue);
    queue.present.remove(contact);
    queue.answered++;
    queue.answerWaitMillis += at - contact.queuedAt;
    contact.status = ContactStatus.ASSIGNED;
    contact.later().agentId = agent.id();
    contact.later().assignedAt = at;
    contact.later().stageUntil = null;
    Event.SlaStarted sla = contact.sla;
    if (sla != null && contact.later.slaAnsweredAt == null && !contact.slaUntilHandled()) {
      contact.later().slaAnsweredAt = at;
      contact.later().slaPendingOverflow = null;
      if (!contact.slaBreached) {
        queue.slaOutcome(at, at <= sla.deadline(), false);
      }
    }
    agent.contacts.add(contact.id());
    agent.statusSince = at;
    agent.missedOffers = 0;
  }

  /** A rejected, timed-out or revoked offer: the contact goes back to its place in line. */
  private ContactState applyOfferReturned(String offerId, String agentId, long at) {
    ContactState contact = contacts.get(offers.get(offerId));
    AgentState agent = agents.get(agentId);
    clearOffer(contact, agent, queues.get(contact.queue));
    matching.release(agent, at);
    contact.status = ContactStatus.QUEUED;
    matcher.enqueue(contact);
    return contact;
  }

  private void clearOffer(ContactState contact, AgentState agent, QueueState queue) {
    offers.remove(contact.offerId());
    agent.offers.remove(contact.offerId());
    queue.ringing--;
    contact.offerEnded();
  }
}
