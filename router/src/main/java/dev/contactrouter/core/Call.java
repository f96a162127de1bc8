package dev.contactrouter.core;

import java.util.Objects;

/**
 * The telephone call behind a voice contact, as the switch that holds it names it. The switch owns
 * the call and the engine the decision (DESIGN.md, principle 10): a contact with a call is
 * answered, refused and ended by the switch's reports, never by a console.
 *
 * @param callId the SIP Call-ID; the switch may name the contact by it
 * @param caller the calling number, or null
 * @param dialled the number the caller dialled, or null
 */
public record Call(String callId, String caller, String dialled) {
  public Call {
    Objects.requireNonNull(callId, "callId");
  }
}
