package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.conflict;
import static dev.contactrouter.core.Refusals.invalid;
import static dev.contactrouter.core.RoutingDomain.ROUTER;

import dev.contactrouter.core.ComplianceGates.Screen;
import java.util.Map;
import java.util.Objects;

/**
 * A new contact's way in: validation, idempotent retries, the queue's calendar (out of hours a
 * real-time contact is refused, turned into a callback elsewhere, or queued, as the calendar
 * says), its compliance gates, and its admission: recorded, its SLA clock and relationship
 * routing started, and offered if someone is free.
 */
final class Intake extends RulePart {
  Intake(Parts parts) {
    super(parts);
  }

  Decision createContact(Step step, Command.CreateContact c) {
    ContactSpec spec = c.contact();
    if (spec.call() != null) {
      if (spec.channel() != Channel.VOICE) {
        return invalid("a callId names a telephone call: only a voice contact has one", "/callId");
      }
      // A switch that retries the same call (a repeated INVITE, a lost answer) gets the same contact.
      String earlier = state.byCallId.get(spec.callId());
      ContactState existing = earlier == null ? null : contacts.get(earlier);
      if (existing != null) {
        return step.done(new Reply.ContactReply(views.contactView(existing, step.now), true));
      }
    }
    if (spec.idempotencyKey() != null) {
      String earlier = idempotency.get(spec.idempotencyKey());
      ContactState existing = earlier == null ? null : contacts.get(earlier);
      if (existing != null) {
        if (!Objects.equals(existing.spec.fingerprint(), spec.fingerprint())) {
          return new Decision.Refused(
              Refusal.CONFLICT,
              "Idempotency-Key was already used for a different request",
              "Idempotency-Key");
        }
        return step.done(new Reply.ContactReply(views.contactView(existing, step.now), true));
      }
    }
    if (contacts.containsKey(spec.id())) {
      return conflict("contact '" + spec.id() + "' already exists");
    }
    QueueState queue = queues.get(spec.queue());
    if (queue == null) {
      return invalid("unknown queue '" + spec.queue() + "'", "/queue");
    }
    if (queue.spec.channel() != null && queue.spec.channel() != spec.channel()) {
      return invalid(
          "queue '" + spec.queue() + "' takes " + queue.spec.channel().wire() + " contacts", "/channel");
    }
    // Held for as long as it waits: its queue id and tier as the one instance the domain holds.
    spec = spec.sharing(queue.spec.id(), state.tiers.of(spec.customer().tier()));
    if (spec.priority() < 0 || spec.priority() > 100) {
      return invalid("priority must be 0 to 100", "/priority");
    }
    String badSkill = Skills.invalidLevel(spec.skills());
    if (badSkill != null) {
      return invalid("skill level must be 1 to 5", "/skills/" + badSkill);
    }
    Integer risk = spec.customer().riskLevel();
    if (risk != null && (risk < 1 || risk > 5)) {
      return invalid("riskLevel must be 1 to 5", "/customer/riskLevel");
    }
    if (spec.category() != null && ManualPolicy.category(categories, spec.category()) == null) {
      return invalid("unknown category '" + spec.category() + "'", "/category");
    }
    if (spec.product() != null && (spec.product().riskLevel() < 1 || spec.product().riskLevel() > 5)) {
      return invalid("product riskLevel must be 1 to 5", "/product/riskLevel");
    }
    QueueState requested = queue;
    Event.ContactOutOfHours outOfHours = null;
    CalendarSpec calendar = queue.spec.calendar() == null ? null : calendars.get(queue.spec.calendar());
    if (calendar != null && realTime(spec.channel()) && !calendar.isOpen(step.now)) {
      Long opens = calendar.nextOpening(step.now);
      CalendarSpec.OutOfHours treatment = calendar.outOfHours();
      String reason = treatment.reason() != null ? treatment.reason() : "queue '" + spec.queue() + "' is closed";
      String when = opens == null ? "no opening is scheduled" : "it opens at " + calendar.local(opens);
      switch (treatment.treatment()) {
        case REFUSE -> {
          return new Decision.Refused(Refusal.CLOSED, reason + "; " + when, "/queue");
        }
        case CALLBACK -> {
          QueueState callbacks = queues.get(treatment.callbackQueue());
          if (callbacks != null && (callbacks.spec.channel() == null || callbacks.spec.channel() == Channel.CALLBACK)) {
            spec = spec.asCallback(callbacks.spec.id(), Map.of("outOfHoursFrom", queue.spec.id()));
            outOfHours = new Event.ContactOutOfHours(
                spec.id(), queue.spec.id(), calendar.id(), CalendarSpec.Treatment.CALLBACK, reason + "; " + when, opens);
            queue = callbacks;
          } else {
            outOfHours = new Event.ContactOutOfHours(spec.id(), queue.spec.id(), calendar.id(), CalendarSpec.Treatment.QUEUE,
                reason + "; queued: callback queue '" + treatment.callbackQueue() + "' cannot take it; " + when, opens);
          }
        }
        default -> outOfHours = new Event.ContactOutOfHours(
            spec.id(), queue.spec.id(), calendar.id(), CalendarSpec.Treatment.QUEUE, reason + "; queued; " + when, opens);
      }
    }
    Screen screen = parts.gates.screen(spec, queue, requested, step.now);
    if (screen.refusal() != null) {
      return screen.refusal();
    }
    ContactState contact = admit(step, screen, outOfHours, c.major());
    return step.done(new Reply.ContactReply(views.contactView(contact, step.now), false));
  }

  private static boolean realTime(Channel channel) {
    return channel == Channel.VOICE || channel == Channel.CHAT || channel == Channel.BRANCH;
  }

  /** Records a screened contact, starts its clocks and routing, and offers it if someone is free. */
  ContactState admit(Step step, Screen screen, Event.ContactOutOfHours outOfHours) {
    return admit(step, screen, outOfHours, null);
  }

  /** As {@link #admit(Step, Screen, Event.ContactOutOfHours)}, marked major first when {@code major} is not null. */
  ContactState admit(Step step, Screen screen, Event.ContactOutOfHours outOfHours, String major) {
    ContactSpec spec = screen.spec();
    step.emit(new Event.ContactQueued(spec));
    if (outOfHours != null) {
      step.emit(ROUTER, outOfHours);
    }
    if (!screen.licences().isEmpty() || spec.product() != null) {
      step.emit(ROUTER, new Event.ComplianceChecked(spec.id(), screen.licences(), spec.product(),
          spec.customer().riskLevel(), screen.held(), screen.held() ? screen.queue().spec.id() : null, screen.reasons()));
    }
    ContactState contact = contacts.get(spec.id());
    sla.startSla(step, contact, screen.queue().spec);
    if (major != null) {
      parts.majors.mark(step, contact, major.isEmpty() ? null : major);
    }
    if (!screen.held()) {
      parts.relationship.startRouting(step, contact);
    }
    matching.matchContact(step, contact);
    return contact;
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.ContactQueued e) {
      applyContactQueued(e, at);
    } else if (event instanceof Event.ContactOutOfHours) {
      // A note for the audit trail and the event stream; the queued contact carries the rest.
    } else {
      return false;
    }
    return true;
  }

  private void applyContactQueued(Event.ContactQueued e, long at) {
    ContactState contact = new ContactState(e.contact(), state.arrivals++, at);
    contacts.put(contact.id(), contact);
    QueueState queue = queues.get(contact.queue);
    queue.present.add(contact);
    queue.offered++;
    matching.place(contact);
    index(contact);
  }
}
