package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.conflict;
import static dev.contactrouter.core.Refusals.invalid;
import static dev.contactrouter.core.Refusals.notFound;

import java.util.Map;

/**
 * Callbacks and surveys: a waiting voice call becomes a callback on the customer's request and
 * keeps its place in line; a completed contact takes one satisfaction survey (CSAT 1–5, NPS 0–10),
 * which feeds the reports.
 */
final class CallbacksAndSurveys extends RulePart {
  CallbacksAndSurveys(Parts parts) {
    super(parts);
  }

  Decision requestCallback(Step step, Command.RequestCallback c) {
    ContactState contact = contacts.get(c.contactId());
    if (contact == null) {
      return notFound("no contact '" + c.contactId() + "'");
    }
    if (contact.later.callbackNumber != null || contact.later.callbackRequestedAt != null) {
      return step.done(new Reply.ContactReply(views.contactView(contact, step.now), false)); // already a callback
    }
    if (contact.status != ContactStatus.QUEUED) {
      return conflict("contact is " + contact.status.wire() + "; only a waiting contact becomes a callback");
    }
    if (contact.channel() != Channel.VOICE) {
      return conflict("only a waiting voice call becomes a callback; this one is " + contact.channel().wire());
    }
    step.emit(new Event.CallbackRequested(contact.id(), c.number()));
    matching.matchContact(step, contact);
    return step.done(new Reply.ContactReply(views.contactView(contact, step.now), false));
  }

  Decision recordSurvey(Step step, Command.RecordSurvey c) {
    ContactState contact = contacts.get(c.contactId());
    if (contact == null) {
      return notFound("no contact '" + c.contactId() + "'");
    }
    if (contact.status != ContactStatus.COMPLETED) {
      return conflict("contact is " + contact.status.wire() + "; a survey follows a completed contact");
    }
    if (contact.later.survey != null) {
      return conflict("contact already has a survey");
    }
    if (c.csat() == null || c.csat() < 1 || c.csat() > 5) {
      return invalid("csat must be 1 to 5", "/csat");
    }
    if (c.nps() != null && (c.nps() < 0 || c.nps() > 10)) {
      return invalid("nps must be 0 to 10", "/nps");
    }
    step.emit(new Event.SurveyRecorded(
        contact.id(), contact.later.agentId, contact.queue, c.csat(), c.nps(), c.comment()));
    return step.done(new Reply.ContactReply(views.contactView(contact, step.now), false));
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.CallbackRequested e) {
      rePlace(e.contactId(), contact -> {
        contact.channel = Channel.CALLBACK;
        contact.later().callbackNumber = e.number();
        contact.later().callbackRequestedAt = at;
      });
    } else if (event instanceof Event.SurveyRecorded e) {
      ContactState contact = contacts.get(e.contactId());
      if (contact != null) {
        contact.later().survey = new ContactView.Survey(e.csat(), e.nps(), e.comment());
      }
    } else {
      return false;
    }
    return true;
  }
}
