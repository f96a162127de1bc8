package dev.contactrouter.core;

import static dev.contactrouter.core.RoutingDomain.ROUTER;
import static dev.contactrouter.core.RoutingDomain.fixed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Who is offered what. Owns a waiting contact's requirement and place in line, matching a waiting
 * contact to the best agent free now (longest ready, then most proficient) and a free agent to
 * the best waiting contact (highest effective priority, then longest waiting), the offer that
 * records each match with the reasons a supervisor reads, and what follows when an agent lets go
 * of a contact: wrap-up if its queue asks for it, else more work.
 */
final class Matching extends DomainPart {

  Matching(DomainState state) {
    super(state);
  }

  /** Offers a queued contact to the best agent who can take it now, if any. */
  void matchContact(Step step, ContactState contact) {
    if (contact.status != ContactStatus.QUEUED) {
      return;
    }
    AgentState agent = matcher.agentFor(contact, step.now);
    if (agent == null) {
      return;
    }
    Requirement r = contact.group.requirement();
    String rank = "rank: longest-ready eligible agent (ready since "
        + Instant.ofEpochMilli(agent.readySince)
        + "), then proficiency "
        + r.proficiency(agent.profile);
    offer(step, contact, agent,
        reasons("trigger: contact waiting in queue " + contact.queue, r, contact, agent.levelsReason(r), rank));
  }

  /**
   * Offers several contacts that wait again at once (returned offers, a reconfigured queue) in the
   * order an agent would pick them: highest effective priority, then longest waiting. Matched in
   * any other order, two of them competing for one free agent could hand it the less urgent.
   */
  void matchMostUrgentFirst(Step step, List<ContactState> contacts) {
    List<ContactState> byUrgency = new ArrayList<>(contacts);
    byUrgency.sort(
        Comparator.comparingDouble(
                (ContactState c) -> -WaitingIndex.effectivePriority(c, c.group.agingRate(), step.now))
            .thenComparingLong(c -> c.arrivedAt)
            .thenComparingLong(c -> c.seq));
    for (ContactState contact : byUrgency) {
      matchContact(step, contact);
    }
  }

  /** Offers a free agent the best waiting contacts it may take, while it has capacity. */
  void matchAgent(Step step, AgentState agent) {
    while (agent.canTakeAny()) {
      ContactState contact = matcher.contactFor(agent, step.now);
      if (contact == null) {
        return;
      }
      Requirement r = contact.group.requirement();
      double priority = WaitingIndex.effectivePriority(contact, contact.group.agingRate(), step.now);
      String rank = "rank: highest effective priority " + fixed(priority, 2)
          + " among waiting contacts the agent may take (waited " + fixed((step.now - contact.arrivedAt) / 1000.0, 1)
          + " s)";
      offer(step, contact, agent, reasons(agent.freeReason(), r, contact, agent.levelsReason(r), rank));
    }
  }

  /**
   * An offer's reasons in their journaled order: why this match, the requirement, the contact's gate
   * and routing-stage decisions, the agent's levels, the rank. Filled into an array of the exact size
   * and wrapped once ({@link Event.OfferMade} keeps an immutable list as it is), instead of a growing
   * list that the event then copied twice: every offer made one.
   */
  private static List<String> reasons(
      String trigger, Requirement r, ContactState contact, String levels, String rank) {
    List<String> gates = contact.later.routingReasons;
    boolean staged = contact.routeStage == RouteStage.PREFERRED || contact.routeStage == RouteStage.TEAM;
    String[] out = new String[4 + gates.size() + (staged ? 1 : 0)];
    int n = 0;
    out[n++] = trigger;
    out[n++] = r.reason();
    for (String g : gates) {
      out[n++] = "gate: " + g;
    }
    if (contact.routeStage == RouteStage.PREFERRED) {
      out[n++] = "stage: reserved for " + contact.later.preferredAgent;
    } else if (contact.routeStage == RouteStage.TEAM) {
      out[n++] = "stage: reserved for team " + contact.later.preferredTeam;
    }
    out[n++] = levels;
    out[n] = rank;
    return List.of(out);
  }

  private void offer(Step step, ContactState contact, AgentState agent, List<String> reasons) {
    QueueState queue = queues.get(contact.queue);
    String offerId = contact.id() + "." + (contact.offerAttempts + 1);
    long expiresAt = step.now + queue.spec.offerTimeoutSeconds() * 1000L;
    // A switch holding the call rings the agent's device: the offer names it.
    Map<String, String> device = contact.spec.call() == null ? null : agent.profile.devices();
    step.emit(ROUTER, new Event.OfferMade(offerId, contact.id(), agent.id(), expiresAt, reasons, device));
  }

  /** After an agent lets go of a contact: wrap-up if the queue asks for it, else more work. */
  void afterRelease(Step step, AgentState agent, QueueSpec servedIn) {
    long wrapUntil = step.now + servedIn.wrapUpSeconds() * 1000L;
    if (agent.status == AgentStatus.AVAILABLE && servedIn.wrapUpSeconds() > 0) {
      step.emit(ROUTER, new Event.AgentStatusChanged(agent.id(), AgentStatus.WRAP_UP, "after-contact-work", wrapUntil));
    } else if (agent.status == AgentStatus.WRAP_UP && wrapUntil > agent.wrapUpUntil) {
      step.emit(ROUTER, new Event.AgentStatusChanged(agent.id(), AgentStatus.WRAP_UP, "after-contact-work", wrapUntil));
    } else {
      matchAgent(step, agent);
    }
  }

  /**
   * Computes the contact's requirement and place in line from its current queue. A waiting contact
   * leaves its line before its group and key change (a line is sorted by them; it goes wrong
   * silently if they change under it), and joins its new line after.
   */
  void place(ContactState contact) {
    boolean queued = contact.status == ContactStatus.QUEUED && contact.group != null;
    if (queued) {
      matcher.dequeue(contact);
    }
    assert !matcher.holds(contact) : "contact " + contact.id() + " re-placed while a line holds it";
    QueueState queue = queues.get(contact.queue);
    QueueSpec q = queue.spec;
    contact.group = group(contact, queue);
    contact.waitKey = WaitingIndex.key(q.priority() + contact.spec.priority() + contact.priorityBoost, q.agingRate(),
        contact.arrivedAt);
    if (contact.status == ContactStatus.QUEUED) {
      matcher.enqueue(contact);
    }
  }

  /**
   * The contact's requirement signature and aging rate in its queue, and its gates ({@link
   * #requirement}). An ordinary contact (nothing of its own that a gate or requirement reads, no
   * named agent, reserved stage, hold or escalation) gets exactly what its queue's other ordinary
   * contacts of its channel get, so the queue keeps those and hands out the same instances: no
   * sorted sets built per arrival, and the waiting index and wait estimates find the signature by
   * identity.
   */
  private WaitingIndex.GroupKey group(ContactState contact, QueueState queue) {
    QueueSpec q = queue.spec;
    if (!ordinary(contact)) {
      return new WaitingIndex.GroupKey(requirement(contact, q), q.agingRate());
    }
    QueueState.Ordinary shared = queue.ordinary;
    if (shared == null || shared.spec() != q || shared.channel() != contact.channel()) {
      Requirement r = requirement(contact, q);
      shared = new QueueState.Ordinary(q, contact.channel(), contact.gate, new WaitingIndex.GroupKey(r, q.agingRate()));
      queue.ordinary = shared;
    }
    contact.gate = shared.gate();
    return shared.group();
  }

  /**
   * Whether the contact's requirement and gates depend on its queue and channel alone: see {@link
   * GateCheck#of} and {@link Requirement#of}, which read nothing else of such a contact.
   */
  private static boolean ordinary(ContactState c) {
    ContactSpec spec = c.spec;
    return !c.held
        && c.later.targetAgent == null
        && c.routeStage == RouteStage.OPEN
        && c.relaxBy == 0
        && c.gateLicences.isEmpty()
        && spec.product() == null
        && spec.site() == null
        && spec.skills().isEmpty()
        && spec.requiredLicences().isEmpty();
  }

  /**
   * What an agent must have to be offered the contact in queue {@code q}: the queue's skills and
   * the contact's (relaxed by SLA escalation), its channel and site, and every licence of its
   * gates; only the preferred agent (or its team) while reserved; only the named agent after a
   * transfer to one. A contact held for review needs what the review queue asks, not its gates,
   * and nothing relaxes that. Derives the contact's {@link GateCheck} on the way: both come from
   * one derivation.
   */
  Requirement requirement(ContactState contact, QueueSpec q) {
    contact.gate = GateCheck.of(contact, q);
    String target = contact.later.targetAgent;
    String team = null;
    if (target == null && contact.routeStage == RouteStage.PREFERRED) {
      target = contact.later.preferredAgent;
    } else if (target == null && contact.routeStage == RouteStage.TEAM) {
      team = contact.later.preferredTeam;
    }
    return Requirement.of(q, contact.spec, contact.channel(), contact.gate, target, team, contact.relaxBy);
  }

  /** One slot of the agent's capacity is free again: the agent's state changes at {@code at}. */
  void release(AgentState agent, long at) {
    agent.held--;
    agent.statusSince = at;
    if (agent.held == 0) {
      agent.activeChannel = null;
    }
    matcher.agentChanged(agent);
  }
}
