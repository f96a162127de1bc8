package dev.contactrouter.core;

import static dev.contactrouter.core.RoutingDomain.ROUTER;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SLA clocks: a contact's answer deadline under its category's policy, else its queue's, in
 * elapsed or business time, and the escalation points on the way (raise priority, relax skills,
 * overflow to another queue, alert supervisors, breach), each reached once and in order, with
 * what it did to the contact in words. Offers in flight are never withdrawn for an SLA: an
 * overflow reached while the contact rings waits until the offer comes back.
 */
final class SlaClocks extends DomainPart {
  private final Matching matching;
  /**
   * The last policy whose points were asked for, and those points, unmodifiable: every contact
   * of a queue starts its clock under the same policy instance, and would otherwise build and
   * sort a list of its own.
   */
  private SlaPolicy pointsOf;
  private List<SlaPolicy.Threshold> points;

  SlaClocks(DomainState state, Matching matching) {
    super(state);
    this.matching = matching;
  }

  /**
   * Starts the contact's SLA clock under its category's policy, else its queue's, else the
   * manual's first-response limit ({@link SlaPolicy#MANUAL_FIRST_RESPONSE}).
   */
  void startSla(Step step, ContactState contact, QueueSpec queue) {
    CategorySpec category = contact.spec.category() == null ? null
        : ManualPolicy.category(categories, contact.spec.category());
    SlaPolicy policy;
    String source;
    if (category != null && category.sla() != null) {
      policy = category.sla();
      source = "category:" + category.id();
    } else if (queue.sla() != null) {
      policy = queue.sla();
      source = "queue:" + queue.id();
    } else {
      policy = SlaPolicy.MANUAL_FIRST_RESPONSE;
      source = SlaPolicy.MANUAL_SOURCE;
    }
    CalendarSpec calendar = null;
    if (policy.timeBasis() == SlaPolicy.TimeBasis.BUSINESS) {
      String id = policy.calendar() != null ? policy.calendar() : queue.calendar();
      calendar = id == null ? null : calendars.get(id);
    }
    long start = step.now;
    long span = policy.answerWithinSeconds() * 1000L;
    // An array of the exact size wrapped once (SlaStarted keeps an immutable list as it is): a
    // growing list, which the event then copied twice, was garbage on every arrival.
    List<SlaPolicy.Threshold> points = points(policy);
    Long[] dueAt = new Long[points.size()];
    for (int i = 0; i < dueAt.length; i++) {
      dueAt[i] = pointAt(calendar, start, span, points.get(i).atPercent());
    }
    step.emit(ROUTER, new Event.SlaStarted(
        contact.id(), source, policy, start,
        pointAt(calendar, start, span, 100), pointAt(calendar, start, span, policy.nearBreachPercent()),
        List.of(dueAt)));
  }

  /** When {@code percent} of the span has passed since {@code start}, in business time if a calendar is given. */
  static long pointAt(CalendarSpec calendar, long start, long span, int percent) {
    long part = span * percent / 100;
    return calendar == null ? start + part : calendar.addServiceTime(start, part);
  }

  /**
   * Reaches every point of the contact's SLA schedule that is due, from the one the timer names:
   * after an outage all the overdue ones at once, in order, each once.
   */
  Decision reachSlaPoint(Step step, Command.ReachSlaPoint c) {
    ContactState contact = contacts.get(c.contactId());
    if (contact == null || contact.status.terminal() || contact.sla == null) {
      return step.done(new Reply.Done()); // stale firing
    }
    Event.SlaStarted sla = contact.sla;
    if (!contact.slaRunning() || contact.slaNext != c.point() || step.now < sla.dueAt().get(c.point())) {
      return step.done(new Reply.Done()); // stale, repeated or early firing
    }
    List<SlaPolicy.Threshold> points = points(sla.policy());
    while (contact.slaRunning() && contact.sla == sla && sla.dueAt().get(contact.slaNext) <= step.now
        && !contact.status.terminal()) {
      int point = contact.slaNext;
      SlaPolicy.Threshold t = points.get(point);
      Long nextDue = point + 1 < points.size() ? sla.dueAt().get(point + 1) : null;
      if (t.action() == SlaPolicy.Action.BREACH) {
        step.emit(new Event.SlaBreached(contact.id(), point, contact.queue, sla.deadline(), nextDue));
        continue;
      }
      String blocker = t.action() == SlaPolicy.Action.OVERFLOW ? overflowBlocker(contact, t.queue()) : null;
      step.emit(new Event.SlaThresholdReached(
          contact.id(), point, t.atPercent(), t.action(), t.by(), t.queue(), effect(contact, t, blocker, step.now), nextDue));
      if (t.action() == SlaPolicy.Action.OVERFLOW && blocker == null && contact.status == ContactStatus.QUEUED) {
        step.emit(ROUTER, new Event.ContactTransferred(contact.id(), null, t.queue(), null));
      }
    }
    matching.matchContact(step, contact);
    return step.done(new Reply.Done());
  }

  /**
   * Why an overflow to {@code target} cannot move the contact, or null if it can (now, or when a
   * ringing offer comes back). Offers in flight are never withdrawn for an SLA.
   */
  private String overflowBlocker(ContactState contact, String target) {
    QueueState to = queues.get(target);
    if (to == null) {
      return "no queue '" + target + "'";
    }
    if (to.spec.channel() != null && to.spec.channel() != contact.channel()) {
      return "queue '" + target + "' takes " + to.spec.channel().wire() + " contacts";
    }
    if (target.equals(contact.queue)) {
      return "already in queue '" + target + "'";
    }
    if (contact.held) {
      return "compliance hold: routable only in review queue '" + contact.later.heldIn + "'";
    }
    return null;
  }

  /** What a threshold's action does to the contact, in words, decided before it is applied. */
  private String effect(ContactState contact, SlaPolicy.Threshold t, String blocker, long now) {
    QueueSpec q = queues.get(contact.queue).spec;
    switch (t.action()) {
      case RAISE_PRIORITY -> {
        int base = q.priority() + contact.spec.priority() + contact.priorityBoost;
        return "priority raised by " + t.by() + ": base " + base + " -> " + (base + t.by());
      }
      case RELAX_SKILLS -> {
        if (contact.held) {
          return "not relaxed: held for review in queue '" + contact.later.heldIn
              + "', whose requirement never relaxes";
        }
        Map<String, Integer> before = Requirement.relaxedSkills(q, contact.spec, contact.relaxBy);
        Map<String, Integer> after = Requirement.relaxedSkills(q, contact.spec, contact.relaxBy + t.by());
        if (before.equals(after)) {
          return "nothing left to relax (" + (before.isEmpty() ? "no skills required" : "every level at 1")
              + "); licences, site and channel never relax";
        }
        String effect = "required skills relaxed by " + t.by() + ": " + levels(before) + " -> " + levels(after);
        return contact.later.targetAgent == null ? effect
            : effect + " (applies once it is no longer directed to one agent)";
      }
      case OVERFLOW -> {
        if (blocker != null) {
          return "not moved: " + blocker;
        }
        if (contact.status == ContactStatus.OFFERED) {
          return "deferred: ringing at agent " + contact.offerAgent() + "; moves to queue '" + t.queue()
              + "' if the offer comes back";
        }
        return "moved from queue '" + contact.queue + "' to '" + t.queue() + "'";
      }
      case ALERT -> {
        long left = contact.sla.deadline() - now;
        return String.format(Locale.ROOT, "supervisors alerted at %d%% of the deadline (%s)",
            t.atPercent(), left >= 0 ? (left / 1000.0) + " s left" : (-left / 1000.0) + " s past the deadline");
      }
      default -> {
        return "";
      }
    }
  }

  private static String levels(Map<String, Integer> skills) {
    StringBuilder s = new StringBuilder();
    skills.forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append(">=").append(v));
    return s.toString();
  }

  /** A contact whose ringing offer came back moves on to the overflow its SLA reached meanwhile. */
  void overflowIfPending(Step step, ContactState contact) {
    String pending = contact.later.slaPendingOverflow;
    if (contact.sla == null || pending == null || contact.status != ContactStatus.QUEUED) {
      return;
    }
    if (overflowBlocker(contact, pending) == null) {
      step.emit(ROUTER, new Event.ContactTransferred(contact.id(), null, pending, null));
    }
  }

  /** {@code policy.points()}, shared while the same policy instance is asked again. */
  private List<SlaPolicy.Threshold> points(SlaPolicy policy) {
    if (policy != pointsOf) {
      points = List.copyOf(policy.points());
      pointsOf = policy;
    }
    return points;
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.SlaStarted e) {
      contacts.get(e.contactId()).slaStarted(e);
    } else if (event instanceof Event.SlaThresholdReached e) {
      applySlaThresholdReached(e, at);
    } else if (event instanceof Event.SlaBreached e) {
      applySlaBreached(e, at);
    } else {
      return false;
    }
    return true;
  }

  private void applySlaThresholdReached(Event.SlaThresholdReached e, long at) {
    ContactState contact = contacts.get(e.contactId());
    contact.slaReached(e.point());
    contact.slaFire(new SlaView.Fired(e.atPercent(), e.action(), at, e.effect()));
    switch (e.action()) {
      case RAISE_PRIORITY -> {
        contact.priorityBoost += e.by();
        matching.place(contact);
      }
      case RELAX_SKILLS -> {
        contact.relaxBy += e.by();
        matching.place(contact);
      }
      case OVERFLOW -> {
        if (contact.status == ContactStatus.OFFERED && overflowBlocker(contact, e.queue()) == null) {
          contact.later().slaPendingOverflow = e.queue();
        }
      }
      default -> { }
    }
  }

  /** The breach in words: a major contact's clock runs until it is handled, any other until it is answered. */
  static String breachEffect(boolean untilHandled, String queue) {
    return "deadline passed " + (untilHandled ? "unhandled" : "unanswered") + " in queue '" + queue + "'";
  }

  private void applySlaBreached(Event.SlaBreached e, long at) {
    ContactState contact = contacts.get(e.contactId());
    contact.slaReached(e.point());
    contact.slaBreached = true;
    contact.slaFire(new SlaView.Fired(100, SlaPolicy.Action.BREACH, at,
        breachEffect(contact.slaUntilHandled(), e.queue())));
    queues.get(e.queue()).slaOutcome(at, false, true);
  }
}
