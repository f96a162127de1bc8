package dev.contactrouter.core;

/**
 * A part that decides some of the domain's rules (intake, offers, agents, complaint cases, ...).
 * Beside the shared state it works with the three parts every rule leans on: matching (who is
 * offered what), the SLA clocks, and the views its replies carry; it reaches any other part it
 * hands work to through {@link #parts}.
 */
abstract class RulePart extends DomainPart {
  /** The domain's parts, built together once by {@link RoutingDomain}. */
  protected final Parts parts;
  protected final Matching matching;
  protected final SlaClocks sla;
  protected final Views views;

  /** Why a command on an open contact is refused, or null: no such contact, or it has ended. */
  Decision refuseUnlessOpen(String contactId) {
    return refuseUnlessOpenAndHeld(contactId, null, null);
  }

  /**
   * Why a command on an open contact is refused, or null: no such contact, it has ended, or an
   * agent ({@code byAgent} not null) that does not hold it; {@code holderMay} ends the last refusal
   * ("only the agent holding the contact may ...").
   */
  Decision refuseUnlessOpenAndHeld(String contactId, String byAgent, String holderMay) {
    ContactState contact = contacts.get(contactId);
    if (contact == null) {
      return Refusals.notFound("no contact '" + contactId + "'");
    }
    if (contact.status.terminal()) {
      return Refusals.conflict("contact is already " + contact.status.wire());
    }
    if (byAgent != null && !byAgent.equals(contact.later.agentId)) {
      return Refusals.forbidden("only the agent holding the contact may " + holderMay);
    }
    return null;
  }

  /**
   * Applies {@code change} to what a contact's place in matching depends on (its requirement,
   * priority, channel, routing stage), then puts it in its new place.
   */
  void rePlace(String contactId, java.util.function.Consumer<ContactState> change) {
    ContactState contact = contacts.get(contactId);
    change.accept(contact);
    matching.place(contact);
  }

  RulePart(Parts parts) {
    super(parts.state);
    this.parts = parts;
    this.matching = parts.matching;
    this.sla = parts.sla;
    this.views = parts.views;
  }
}
