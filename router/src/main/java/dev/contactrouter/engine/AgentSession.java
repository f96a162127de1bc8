package dev.contactrouter.engine;

import dev.contactrouter.core.AgentView;
import dev.contactrouter.core.ContactView;
import java.util.List;

/**
 * What an agent's console needs on (re)connecting: its state, its pending offers and its assigned
 * contacts.
 */
public record AgentSession(AgentView agent, List<Offered> offers, List<ContactView> assigned) {
  public AgentSession {
    offers = List.copyOf(offers);
    assigned = List.copyOf(assigned);
  }

  /** A pending offer with the contact it offers. */
  public record Offered(ContactView.Offer offer, ContactView contact) {}
}
