package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.conflict;
import static dev.contactrouter.core.Refusals.invalid;
import static dev.contactrouter.core.RoutingDomain.ROUTER;

import java.util.ArrayList;
import java.util.List;

/**
 * The way out of a compliance hold (suitability and licensing rules): a contact held for review
 * goes on to the queue it was meant for only when its gates pass again, never by a shortcut. A
 * supervisor releases it once the customer has been re-assessed (the new risk level and why are
 * recorded); the router releases one held only for a licence nobody held as soon as an agent
 * holds it valid. Either way the gates are checked afresh: nothing is relaxed.
 */
final class HoldRelease extends RulePart {
  HoldRelease(Parts parts) {
    super(parts);
  }

  Decision releaseHold(Step step, Command.ReleaseHold c) {
    Decision refused = refuseUnlessOpen(c.contactId());
    if (refused != null) {
      return refused;
    }
    ContactState contact = contacts.get(c.contactId());
    if (!contact.held) {
      return conflict("contact is not held for compliance review");
    }
    if (c.riskLevel() != null && (c.riskLevel() < 1 || c.riskLevel() > 5)) {
      return invalid("riskLevel must be 1 to 5", "/riskLevel");
    }
    if (contact.status == ContactStatus.ASSIGNED && CallControl.switchHolds(contact)) {
      return conflict("the call is connected to agent '" + contact.later.agentId
          + "': transfer it on the phone; the engine moves only calls that still wait or ring");
    }
    QueueState meant = meantFor(contact);
    if (meant == null) {
      return conflict("the queue it was meant for, '" + contact.spec.attributes().get("reviewFrom")
          + "', no longer exists: transfer it within the review queue's team instead");
    }
    ComplianceGates.Screen screen = parts.gates.screen(contact.spec.released(meant.spec.id(), c.riskLevel()), meant,
        requested(contact, meant), step.now);
    if (screen.held()) {
      // What fails, not where it waits (it stays where it is).
      return conflict("still held: " + String.join("; ",
          screen.reasons().stream().filter(r -> !r.startsWith("held for review")).toList()));
    }
    release(step, null, contact, meant, screen, c.riskLevel(), c.reason());
    return step.done(new Reply.ContactReply(views.contactView(contact, step.now), false));
  }

  /**
   * After an agent's licences change: every waiting contact held only for a licence nobody held
   * goes on to its queue if its gates now pass (the router releases it, recorded as such). One a
   * reviewer is working on stays with the reviewer.
   */
  void releaseNowServable(Step step) {
    List<ContactState> held = new ArrayList<>();
    for (QueueState q : queues.values()) {
      for (ContactState c : q.present) {
        if (c.held && c.status == ContactStatus.QUEUED) {
          held.add(c);
        }
      }
    }
    for (ContactState contact : held) {
      QueueState meant = meantFor(contact);
      if (meant == null) {
        continue;
      }
      ComplianceGates.Screen screen =
          parts.gates.screen(contact.spec.released(meant.spec.id(), null), meant, requested(contact, meant), step.now);
      if (!screen.held()) {
        release(step, ROUTER, contact, meant, screen, null, screen.licences().isEmpty() ? "its gates pass now"
            : "an agent now holds a valid " + String.join(" and ", screen.licences()) + " licence");
      }
    }
  }

  private QueueState meantFor(ContactState contact) {
    String from = contact.spec.attributes().get("reviewFrom");
    return from == null ? null : queues.get(from);
  }

  /**
   * The queue the customer asked for, whose licences the contact keeps wherever it waits: for an
   * out-of-hours callback the queue it called (the callback queue it was meant for is only where
   * it waits), as intake screened it; else the queue it was meant for.
   */
  private QueueState requested(ContactState contact, QueueState meant) {
    String called = contact.spec.attributes().get("outOfHoursFrom");
    QueueState q = called == null ? null : queues.get(called);
    return q == null ? meant : q;
  }

  /** Records the release ({@code by} the router, or the command's actor when null) and moves the contact on. */
  private void release(Step step, String by, ContactState contact, QueueState meant, ComplianceGates.Screen screen,
      Integer riskLevel, String reason) {
    Event.ContactReleased released = new Event.ContactReleased(contact.id(), meant.spec.id(), riskLevel, reason,
        screen.licences(), screen.reasons());
    if (by == null) {
      step.emit(released);
    } else {
      step.emit(by, released);
    }
    parts.lifecycle.move(step, contact, meant.spec.id(), null);
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.ContactReleased e) {
      ContactState contact = contacts.get(e.contactId());
      contact.spec = contact.spec.released(e.queue(), e.customerRiskLevel());
      contact.held = false;
      contact.later().heldIn = null;
      contact.gateLicences = e.licences();
      contact.later().routingReasons = e.reasons();
      contact.settle();
    } else {
      return false;
    }
    return true;
  }
}
