package dev.contactrouter.core;

import static dev.contactrouter.core.RoutingDomain.ROUTER;

import dev.contactrouter.core.ComplianceGates.Screen;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Return visits (the manual's follow-up after a sale and after a closed complaint): scheduled
 * when the service rules name a return-visit queue, due after the configured delay, then queued
 * as a callback for the original agent through the same gates as any contact. Owns the return
 * visits scheduled and not yet due.
 */
final class ReturnVisits extends RulePart {
  /** Return visits scheduled and not yet due, by id. */
  final Map<String, FollowUp> followUps = new TreeMap<>();

  ReturnVisits(Parts parts) {
    super(parts);
  }

  void scheduleReturnVisit(Step step, String id, String sourceContactId, String caseId, Customer customer,
      String preferredAgent, int delaySeconds, String reason) {
    ServiceRules.ReturnVisit rv = state.rules.returnVisit();
    if (rv.queue() == null || followUps.containsKey(id) || contacts.containsKey(id)) {
      return;
    }
    step.emit(ROUTER, new Event.FollowUpScheduled(new FollowUp(id, sourceContactId, caseId, customer, preferredAgent,
        rv.queue(), step.now + delaySeconds * 1000L, reason)));
  }

  Decision startFollowUp(Step step, Command.StartFollowUp c) {
    FollowUp f = followUps.get(c.followUpId());
    if (f == null || step.now < f.dueAt()) {
      return step.done(new Reply.Done()); // stale, repeated or early firing
    }
    QueueState queue = queues.get(f.queue());
    if (queue == null || queue.spec.channel() != null && queue.spec.channel() != Channel.CALLBACK) {
      step.emit(new Event.FollowUpDue(f.id(), null, "not queued: queue '" + f.queue() + "' cannot take callbacks"));
      return step.done(new Reply.Done());
    }
    if (contacts.containsKey(f.id())) {
      step.emit(new Event.FollowUpDue(f.id(), null, "not queued: a contact '" + f.id() + "' already exists"));
      return step.done(new Reply.Done());
    }
    Map<String, String> attrs = new TreeMap<>();
    attrs.put("followUpOf", f.caseId() != null ? "case:" + f.caseId() : "contact:" + f.sourceContactId());
    attrs.put("reason", f.reason());
    ContactSpec spec = new ContactSpec(f.id(), Channel.CALLBACK, f.queue(), null, 0, f.customer(), attrs, null, null,
        null, null, null, null, null, f.preferredAgent(), null);
    Screen screen = parts.gates.screen(spec, queue, queue, step.now);
    if (screen.refusal() != null) {
      step.emit(new Event.FollowUpDue(f.id(), null, "not queued: " + ((Decision.Refused) screen.refusal()).detail()));
      return step.done(new Reply.Done());
    }
    step.emit(new Event.FollowUpDue(f.id(), f.id(), "return visit queued in '" + f.queue() + "'"));
    parts.intake.admit(step, screen, null);
    return step.done(new Reply.Done());
  }

  /** Return visits scheduled and not yet due, earliest first. */
  List<FollowUp> followUps() {
    List<FollowUp> out = new ArrayList<>(followUps.values());
    out.sort(Comparator.comparingLong(FollowUp::dueAt).thenComparing(FollowUp::id));
    return out;
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.FollowUpScheduled e) {
      followUps.put(e.followUp().id(), e.followUp());
    } else if (event instanceof Event.FollowUpDue e) {
      followUps.remove(e.followUpId());
    } else {
      return false;
    }
    return true;
  }
}
