package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.conflict;
import static dev.contactrouter.core.Refusals.forbidden;
import static dev.contactrouter.core.Refusals.invalid;
import static dev.contactrouter.core.Refusals.notFound;

import java.util.ArrayDeque;
import java.util.Map;

/**
 * A contact's life after admission: transferred to another queue or agent (never out of a
 * compliance hold), abandoned by the customer while it waits or rings, completed by the agent
 * holding it (a sale disposition schedules a return visit). Owns the retention of ended contacts:
 * the newest {@link Retention#endedContacts} stay readable.
 */
final class ContactLifecycle extends RulePart {
  ContactLifecycle(Parts parts) {
    super(parts);
  }

  Decision abandonContact(Step step, Command.AbandonContact c) {
    Decision refused = refuseUnlessOpen(c.contactId());
    if (refused != null) {
      return refused;
    }
    ContactState contact = contacts.get(c.contactId());
    if (contact.status == ContactStatus.ASSIGNED) {
      return conflict(
          "contact is assigned to agent '" + contact.later.agentId + "'; the agent completes it");
    }
    if (contact.spec.attributes().containsKey("caseId")) {
      return conflict("a complaint work item is not abandoned; it ends with its case's next step");
    }
    abandon(step, contact);
    return step.done(new Reply.ContactReply(views.contactView(contact, step.now), false));
  }

  /** The caller left a waiting or ringing contact: an agent it rang for takes other work. */
  void abandon(Step step, ContactState contact) {
    AgentState ringing = null;
    if (contact.status == ContactStatus.OFFERED) {
      ringing = agents.get(contact.offerAgent());
      step.emit(new Event.OfferRevoked(contact.offerId(), contact.id(), ringing.id(), "abandoned"));
    }
    step.emit(new Event.ContactAbandoned(contact.id()));
    if (ringing != null) {
      matching.matchAgent(step, ringing);
    }
  }

  Decision transferContact(Step step, Command.TransferContact c) {
    Decision refused = refuseUnlessOpenAndHeld(c.contactId(), c.byAgent(), "transfer it");
    if (refused != null) {
      return refused;
    }
    ContactState contact = contacts.get(c.contactId());
    if (c.queue() == null && c.agentId() == null) {
      return invalid("name a queue, an agent, or both", "/queue");
    }
    String toQueue = c.queue() != null ? c.queue() : contact.queue;
    refused = refuseMove(step, contact, toQueue, c.agentId());
    if (refused != null) {
      return refused;
    }
    move(step, contact, toQueue, c.agentId());
    return step.done(new Reply.ContactReply(views.contactView(contact, step.now), false));
  }

  /**
   * Why the contact may not move to {@code toQueue} (and to the one agent {@code agentId}, if not
   * null), or null when it may: the queue's channel, a connected call, a compliance hold and the
   * gates of the agent named.
   */
  Decision refuseMove(Step step, ContactState contact, String toQueue, String agentId) {
    QueueState target = queues.get(toQueue);
    if (target == null) {
      return invalid("unknown queue '" + toQueue + "'", "/queue");
    }
    if (target.spec.channel() != null && target.spec.channel() != contact.channel()) {
      return invalid("queue '" + toQueue + "' takes " + target.spec.channel().wire() + " contacts", "/queue");
    }
    if (agentId != null && !agents.containsKey(agentId)) {
      return invalid("unknown agent '" + agentId + "'", "/agentId");
    }
    if (agentId != null && agentId.equals(contact.later.agentId)) {
      return conflict("contact is already with agent '" + agentId + "'");
    }
    if (contact.status == ContactStatus.ASSIGNED && CallControl.switchHolds(contact)) {
      return conflict("the call is connected to agent '" + contact.later.agentId
          + "': transfer it on the phone; the engine moves only calls that still wait or ring");
    }
    if (contact.held && !toQueue.equals(contact.later.heldIn)) {
      return GateCheck.refusal(new GateCheck.Violation(Gate.REVIEW_HOLD, "compliance hold: "
          + String.join("; ", contact.later.routingReasons) + " (routable only in review queue '"
          + contact.later.heldIn + "')"),
          "/queue");
    }
    if (agentId != null) {
      // A supervisor's shortcut names the agent: the gates of the queue it goes to must admit it.
      GateCheck.Violation v = GateCheck.of(contact, target.spec).violation(agents.get(agentId).profile, step.now);
      if (v != null) {
        return GateCheck.refusal(v, "/agentId");
      }
    }
    return null;
  }

  /**
   * Moves a contact {@link #refuseMove} admits: the agent holding it lets it go (to wrap-up), an
   * offer ringing for it is revoked, and it waits in {@code toQueue} (for {@code agentId} alone,
   * if not null), offered at once if someone there is free.
   */
  void move(Step step, ContactState contact, String toQueue, String agentId) {
    QueueSpec servedIn = queues.get(contact.queue).spec;
    AgentState holder = contact.status == ContactStatus.ASSIGNED ? agents.get(contact.later.agentId) : null;
    AgentState ringing = null;
    if (contact.status == ContactStatus.OFFERED) {
      ringing = agents.get(contact.offerAgent());
      step.emit(new Event.OfferRevoked(contact.offerId(), contact.id(), ringing.id(), "transferred"));
    }
    step.emit(
        new Event.ContactTransferred(
            contact.id(), holder == null ? null : holder.id(), toQueue, agentId));
    // The agents it leaves go first: the holder to wrap-up (so the contact is not handed straight
    // back to it as the longest-ready agent of the new queue), the agent it rang for to the most
    // urgent work it may take (which is not necessarily this contact).
    if (holder != null) {
      matching.afterRelease(step, holder, servedIn);
    }
    if (ringing != null) {
      matching.matchAgent(step, ringing);
    }
    matching.matchContact(step, contact);
  }

  Decision completeContact(Step step, Command.CompleteContact c) {
    ContactState contact = contacts.get(c.contactId());
    if (contact == null) {
      return notFound("no contact '" + c.contactId() + "'");
    }
    if (contact.status != ContactStatus.ASSIGNED) {
      return conflict(
          "contact is " + contact.status.wire() + "; only an assigned contact can be completed");
    }
    if (c.byAgent() != null && !c.byAgent().equals(contact.later.agentId)) {
      return forbidden("contact is assigned to another agent");
    }
    if (contact.spec.attributes().containsKey("caseId")) {
      return conflict("a complaint work item is done by the case's next step (POST /v1/complaints/"
          + contact.spec.attributes().get("caseId") + "/...)");
    }
    complete(step, contact, c.disposition(), c.notes(), c.stage());
    return step.done(new Reply.ContactReply(views.contactView(contact, step.now), false));
  }

  /** Ends an assigned contact: its agent goes to wrap-up (or to more work), a sale gets its return visit. */
  void complete(Step step, ContactState contact, String disposition, String notes, String stage) {
    AgentState agent = agents.get(contact.later.agentId);
    QueueSpec servedIn = queues.get(contact.queue).spec;
    step.emit(new Event.ContactCompleted(contact.id(), agent.id(), disposition, notes, stage));
    scheduleReturnVisitAfterSale(step, contact, disposition);
    matching.afterRelease(step, agent, servedIn);
  }

  /** A sale (a disposition the rules name) is followed by a return visit, unless it was one itself. */
  void scheduleReturnVisitAfterSale(Step step, ContactState contact, String disposition) {
    if (disposition != null && state.rules.returnVisit().saleDispositions().contains(disposition)
        && !contact.spec.attributes().containsKey("followUpOf")) {
      parts.returnVisits.scheduleReturnVisit(step, contact.id() + "-rv", contact.id(), null, contact.spec.customer(),
          contact.later.agentId, state.rules.returnVisit().afterSaleSeconds(), "return visit after sale (" + disposition
              + ") on contact " + contact.id());
    }
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.ContactCompleted e) {
      applyContactCompleted(e, at);
    } else if (event instanceof Event.ContactAbandoned e) {
      applyContactAbandoned(e, at);
    } else if (event instanceof Event.ContactTransferred e) {
      applyContactTransferred(e, at);
    } else {
      return false;
    }
    return true;
  }

  private void applyContactAbandoned(Event.ContactAbandoned e, long at) {
    ContactState contact = contacts.get(e.contactId());
    QueueState queue = queues.get(contact.queue);
    matcher.dequeue(contact);
    queue.present.remove(contact);
    queue.abandoned++;
    if (contact.sla != null && contact.later.slaAnsweredAt == null && !contact.slaBreached) {
      queue.slaOutcome(at, false, false);
    }
    contact.status = ContactStatus.ABANDONED;
    contact.later().endedAt = at;
    contact.later().stageUntil = null;
    retire(contact);
  }

  private void applyContactTransferred(Event.ContactTransferred e, long at) {
    ContactState contact = contacts.get(e.contactId());
    QueueState from = queues.get(contact.queue);
    if (contact.status == ContactStatus.QUEUED) {
      matcher.dequeue(contact);
      from.present.remove(contact);
    } else if (contact.status == ContactStatus.ASSIGNED) {
      AgentState agent = agents.get(contact.later.agentId);
      agent.contacts.remove(contact.id());
      matching.release(agent, at);
      contact.later().agentId = null;
      contact.later().assignedAt = null;
    }
    from.transferredOut++;
    if (contact.later.slaPendingOverflow != null) {
      contact.later().slaPendingOverflow = null;
    }
    QueueState to = queues.get(e.toQueue());
    contact.queue = to.spec.id();
    contact.later().targetAgent = e.toAgent();
    // Whoever moved it chose where it goes: a reserved stage ends.
    contact.routeStage = RouteStage.OPEN;
    contact.later().stageUntil = null;
    contact.settle();
    contact.queuedAt = at;
    contact.status = ContactStatus.QUEUED;
    to.present.add(contact);
    to.offered++;
    matching.place(contact);
  }

  private void applyContactCompleted(Event.ContactCompleted e, long at) {
    ContactState contact = contacts.get(e.contactId());
    AgentState agent = agents.get(e.agentId());
    QueueState queue = queues.get(contact.queue);
    agent.contacts.remove(contact.id());
    matching.release(agent, at);
    queue.completed++;
    queue.handleMillis += at - contact.later.assignedAt;
    if (contact.slaUntilHandled() && contact.later.slaAnsweredAt == null && !contact.slaBreached) {
      queue.slaOutcome(at, at <= contact.sla.deadline(), false); // a major contact's clock stops when it is handled
    }
    contact.status = ContactStatus.COMPLETED;
    contact.later().endedAt = at;
    contact.later().disposition = e.disposition();
    contact.later().notes = e.notes();
    contact.later().stage = e.stage();
    retire(contact);
  }

  private void retire(ContactState contact) {
    retired.addLast(contact.id());
    forgetOldestEnded();
  }

  /** Drops the oldest ended contacts from memory while more than the retention are held. */
  void forgetOldestEnded() {
    while (retired.size() > state.retention.endedContacts()) {
      String id = retired.pollFirst();
      ContactState old = contacts.get(id);
      if (old == null || !old.status.terminal()) {
        continue; // already gone, or the id was taken again by a contact still in progress
      }
      contacts.remove(id);
      unindex(old);
    }
  }
}
