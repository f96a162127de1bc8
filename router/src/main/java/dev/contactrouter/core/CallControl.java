package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.conflict;
import static dev.contactrouter.core.Refusals.forbidden;
import static dev.contactrouter.core.Refusals.invalid;
import static dev.contactrouter.core.Refusals.notFound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The calls a telephone switch holds (DESIGN.md, principle 10: the switch owns the call, the
 * engine the decision). A voice contact created with a SIP Call-ID is driven by the switch's
 * reports, each idempotent on the Call-ID and what it reports, because a switch retries:
 *
 * <ul>
 *   <li>ringing: noted for the call's history, once per offer;
 *   <li>answered: the offer is accepted on the agent's behalf (an agent's console cannot accept
 *       such a call, and the engine never assumes a call was connected);
 *   <li>not answered (no answer, busy, declined): the offer is refused, the agent goes not ready
 *       ({@code missed-offer}) as after a console's timeout, and the call goes to the next agent;
 *   <li>hang-up: before an answer the contact is abandoned; after one it is completed with the
 *       disposition {@code hangup}, and its agent may record the real outcome during wrap-up.
 * </ul>
 *
 * <p>The switch also lists every call it holds; an open contact whose call it no longer has (a
 * lost BYE, a restarted switch) is ended as {@code lost-call}, with the reason recorded, so no
 * agent stays "on a call" that ended.
 */
final class CallControl extends RulePart {
  /** The disposition of a call the switch ended before the agent recorded one. */
  static final String HANGUP = "hangup";
  /** The disposition of a call the switch no longer held. */
  static final String LOST_CALL = "lost-call";


  CallControl(Parts parts) {
    super(parts);
  }

  /** Whether a switch holds this contact's call: a voice contact with a Call-ID (not one turned into a callback). */
  static boolean switchHolds(ContactState contact) {
    return contact.spec.call() != null && contact.channel() == Channel.VOICE;
  }

  /** Whether the switch ended this completed call before its agent recorded an outcome. */
  private static boolean endedBySwitch(ContactState contact) {
    return contact.spec.call() != null && contact.status == ContactStatus.COMPLETED
        && (HANGUP.equals(contact.later.disposition) || LOST_CALL.equals(contact.later.disposition));
  }

  // ---------------------------------------------------------------- commands

  Decision reportCall(Step step, Command.ReportCall c) {
    String contactId = byCallId.get(c.callId());
    ContactState contact = contactId == null ? null : contacts.get(contactId);
    if (contact == null) {
      return notFound("no contact for call '" + c.callId() + "'");
    }
    return switch (c.report()) {
      case RINGING -> ringing(step, contact, c);
      case ANSWERED -> answered(step, contact, c);
      case NOT_ANSWERED -> notAnswered(step, contact, c);
      case HANGUP -> hangup(step, contact);
    };
  }

  private Decision ringing(Step step, ContactState contact, Command.ReportCall c) {
    Decision bad = offerNamed(c);
    if (bad != null) {
      return bad;
    }
    if (contact.status == ContactStatus.OFFERED && c.offerId().equals(contact.offerId())
        && !c.offerId().equals(contact.later.ringingOffer)) {
      step.emit(new Event.CallRinging(contact.id(), contact.offerId(), contact.offerAgent()));
    }
    return reply(step, contact);
  }

  private Decision answered(Step step, ContactState contact, Command.ReportCall c) {
    Decision bad = offerNamed(c);
    if (bad != null) {
      return bad;
    }
    if (contact.status == ContactStatus.ASSIGNED && c.offerId().equals(acceptedOffer(contact))) {
      return reply(step, contact); // a repeated report of the answer
    }
    if (contact.status != ContactStatus.OFFERED || !c.offerId().equals(contact.offerId())) {
      return conflict("offer '" + c.offerId() + "' is no longer current (the contact is " + contact.status.wire()
          + "): do not connect the call");
    }
    if (step.now > contact.offerExpiresAt()) {
      return conflict("offer expired at " + Instant.ofEpochMilli(contact.offerExpiresAt()) + ": do not connect the call");
    }
    GateCheck.Violation v = contact.gate.violation(parts.offers.offeredAgent(contact).profile, step.now);
    if (v != null) {
      return GateCheck.refusal(new GateCheck.Violation(v.gate(), v.detail() + ": do not connect the call"), null);
    }
    step.emit(new Event.OfferAccepted(contact.offerId(), contact.id(), contact.offerAgent()));
    return reply(step, contact);
  }

  private Decision notAnswered(Step step, ContactState contact, Command.ReportCall c) {
    Decision bad = offerNamed(c);
    if (bad != null) {
      return bad;
    }
    // An offer that is over already (answered, timed out, revoked, reported before) changes nothing.
    if (contact.status == ContactStatus.OFFERED && c.offerId().equals(contact.offerId())) {
      parts.offers.notAnswered(step, contact, c.reason() == null ? "no-answer" : c.reason());
    }
    return reply(step, contact);
  }

  private Decision hangup(Step step, ContactState contact) {
    if (contact.status.terminal() || contact.channel() != Channel.VOICE) {
      return reply(step, contact); // already over, or the caller asked to be called back instead
    }
    if (contact.status == ContactStatus.ASSIGNED) {
      parts.lifecycle.complete(step, contact, HANGUP, null, null);
    } else {
      parts.lifecycle.abandon(step, contact);
    }
    return reply(step, contact);
  }

  /**
   * Completes a contact, or records the outcome of a call the switch already ended. An agent's
   * console cannot complete a call that is still connected: it completes when the call ends.
   */
  Decision completeContact(Step step, Command.CompleteContact c) {
    ContactState contact = contacts.get(c.contactId());
    if (contact != null && endedBySwitch(contact)) {
      return recordDisposition(step, contact, c);
    }
    if (contact != null && contact.status == ContactStatus.ASSIGNED && c.byAgent() != null
        && switchHolds(contact)) {
      return conflict("the call is still connected: it completes when the call ends, then record its outcome");
    }
    return parts.lifecycle.completeContact(step, c);
  }

  private Decision recordDisposition(Step step, ContactState contact, Command.CompleteContact c) {
    if (c.byAgent() != null && !c.byAgent().equals(contact.later.agentId)) {
      return forbidden("contact was handled by another agent");
    }
    if (c.disposition() == null || c.disposition().isBlank()) {
      return invalid("the call has ended: record its outcome in disposition", "/disposition");
    }
    step.emit(new Event.DispositionRecorded(contact.id(), contact.later.agentId, c.disposition(), c.notes()));
    parts.lifecycle.scheduleReturnVisitAfterSale(step, contact, c.disposition());
    return reply(step, contact);
  }

  /**
   * Ends the open voice contacts whose call the switch no longer holds (older than the grace, so a
   * call the switch has just taken is not mistaken for a lost one), and names the calls it holds
   * that the engine has no open contact for.
   */
  Decision reconcileCalls(Step step, Command.ReconcileCalls c) {
    List<String> ended = new ArrayList<>();
    // Sorted, so the same state and report always decide the same events in the same order.
    for (Map.Entry<String, String> call : new TreeMap<>(byCallId).entrySet()) {
      ContactState contact = contacts.get(call.getValue());
      if (contact == null || contact.status.terminal() || !switchHolds(contact) || c.alive().contains(call.getKey())
          || step.now - contact.arrivedAt < c.graceMillis()) {
        continue;
      }
      String agent = contact.status == ContactStatus.ASSIGNED ? contact.later.agentId
          : contact.status == ContactStatus.OFFERED ? contact.offerAgent() : null;
      step.emit(new Event.CallLost(contact.id(), call.getKey(), agent,
          "the switch no longer holds call " + call.getKey() + " (" + contact.status.wire() + ")"));
      if (contact.status == ContactStatus.ASSIGNED) {
        parts.lifecycle.complete(step, contact, LOST_CALL, null, null);
      } else {
        parts.lifecycle.abandon(step, contact);
      }
      ended.add(call.getKey());
    }
    List<String> unknown = new ArrayList<>();
    for (String callId : new java.util.TreeSet<>(c.alive())) {
      String contactId = byCallId.get(callId);
      ContactState contact = contactId == null ? null : contacts.get(contactId);
      if (contact == null || contact.status.terminal() || !switchHolds(contact)) {
        unknown.add(callId);
      }
    }
    return step.done(new Reply.CallsReconciled(ended, unknown));
  }

  private static Decision offerNamed(Command.ReportCall c) {
    return c.offerId() == null || c.offerId().isBlank()
        ? invalid("name the offer the phone was rung for", "/offerId") : null;
  }

  /** The id of the offer an assigned contact was answered on (offer ids count attempts). */
  private static String acceptedOffer(ContactState contact) {
    return contact.id() + "." + contact.offerAttempts;
  }

  private Decision reply(Step step, ContactState contact) {
    return step.done(new Reply.ContactReply(views.contactView(contact, step.now), false));
  }

  // ---------------------------------------------------------------- events

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.CallRinging e) {
      contacts.get(e.contactId()).later().ringingOffer = e.offerId();
    } else if (event instanceof Event.CallLost) {
      // A note for the audit trail: the contact is ended by the events that follow it.
    } else if (event instanceof Event.DispositionRecorded e) {
      ContactState contact = contacts.get(e.contactId());
      contact.later().disposition = e.disposition();
      contact.later().notes = e.notes();
    } else {
      return false;
    }
    return true;
  }
}
