package dev.contactrouter.core;

import static dev.contactrouter.core.RoutingDomain.ROUTER;

import java.util.List;

/**
 * Major contacts (重大问题, graded response §4.2.3): a contact marked major must be responded to
 * <em>and</em> handled within the hour. Marking it records who and why, raises its priority by
 * {@link #PRIORITY_BOOST} and re-arms its SLA clock under {@link #POLICY}: the deadline is one
 * hour after the mark, or the running deadline if that is sooner, and the clock stops only when
 * the contact is completed (handled), not when it is answered. Marking twice changes nothing.
 * Gates (licences, suitability, review hold) are untouched: a major contact still waits for a
 * qualified agent.
 */
final class MajorContacts extends RulePart {
  /** The {@code source} of a major contact's SLA clock. */
  static final String SOURCE = "major";
  /** Respond and handle within the hour, counted on the wall clock: the manual's limit for a major issue. */
  static final SlaPolicy POLICY = new SlaPolicy(
      3600, SlaPolicy.DEFAULT_TARGET_PERCENT, SlaPolicy.TimeBasis.ELAPSED, null, SlaPolicy.DEFAULT_NEAR_BREACH_PERCENT,
      List.of());
  /**
   * Priority points a major contact gains: half the range of a contact's own priority (0–100), so
   * it goes ahead of routine work in its queue at once (worth 100 s of waiting at the default
   * aging of 0.5 points a second, so aging still bounds every wait), while a queue of higher base
   * priority or a contact already near the top of the range keeps its place.
   */
  static final int PRIORITY_BOOST = 50;

  MajorContacts(Parts parts) {
    super(parts);
  }

  Decision markMajor(Step step, Command.MarkMajor c) {
    Decision refused = refuseUnlessOpenAndHeld(c.contactId(), c.byAgent(), "mark it major");
    if (refused != null) {
      return refused;
    }
    ContactState contact = contacts.get(c.contactId());
    if (!isMajor(contact)) {
      mark(step, contact, c.reason());
      matching.matchContact(step, contact);
    }
    return step.done(new Reply.ContactReply(views.contactView(contact, step.now), false));
  }

  /** Whether the contact is already major: its clock runs under the major policy. */
  static boolean isMajor(ContactState contact) {
    return contact.slaUntilHandled();
  }

  /** Records the mark and re-arms the contact's clock: at most one hour from now. */
  void mark(Step step, ContactState contact, String reason) {
    step.emit(new Event.ContactMarkedMajor(contact.id(), reason, PRIORITY_BOOST));
    long span = POLICY.answerWithinSeconds() * 1000L;
    if (contact.slaRunning() && !contact.slaBreached && contact.sla.deadline() > step.now) {
      span = Math.min(span, contact.sla.deadline() - step.now);
    }
    long deadline = step.now + span;
    step.emit(ROUTER, new Event.SlaStarted(contact.id(), SOURCE, POLICY, step.now, deadline,
        SlaClocks.pointAt(null, step.now, span, POLICY.nearBreachPercent()), List.of(deadline)));
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.ContactMarkedMajor e) {
      rePlace(e.contactId(), contact -> contact.priorityBoost += e.priorityBoost());
      return true;
    }
    return false;
  }
}
