package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compliance gates a new contact passes before anything is recorded (the manual's
 * suitability and licensing rules): the licences some agent must hold valid, and the customer's
 * risk level against the product's. A contact failing either waits in the review queue, offered
 * to no agent elsewhere, or is refused without one. Owns the licences that stay part of a
 * contact's requirement, and the record of each check.
 */
final class ComplianceGates {
  private final DomainState state;
  private final Map<String, QueueState> queues;
  private final Map<String, AgentState> agents;
  private final Map<String, ContactState> contacts;
  private final Matching matching;

  ComplianceGates(DomainState state, Matching matching) {
    this.state = state;
    this.queues = state.queues;
    this.agents = state.agents;
    this.contacts = state.contacts;
    this.matching = matching;
  }

  /**
   * A new contact's gates, decided before anything is recorded.
   *
   * @param spec the contact as it will be queued (already in the review queue when held)
   * @param refusal set when the contact cannot be taken at all
   */
  record Screen(ContactSpec spec, QueueState queue, Set<String> licences, boolean held, List<String> reasons,
      Decision refusal) {}

  /**
   * Checks a new contact's compliance gates. Licences: its own and its queue's (and the queue it
   * was pushed to, if it became an out-of-hours callback elsewhere), of which some agent must hold
   * every one valid now. Suitability, for a contact about a product: the customer's risk level
   * (C1–C5) must be at least the product's (R1–R5), the mapping of the suitability rules (a C3
   * customer may be sold R1–R3 products); an unassessed customer suits no product. A contact
   * failing either waits in the review queue, never offered to an agent elsewhere; without a
   * review queue it is refused.
   */
  Screen screen(ContactSpec spec, QueueState queue, QueueState requested, long now) {
    Set<String> licences = Requirement.union(Requirement.union(requested.spec.licences(), queue.spec.licences()),
        spec.requiredLicences());
    List<String> reasons = new ArrayList<>();
    boolean held = false;
    Gate failed = null;
    if (!licences.isEmpty()) {
      int holders = 0;
      for (AgentState a : agents.values()) {
        if (holdsAll(a.profile, licences, now)) {
          holders++;
        }
      }
      if (holders == 0) {
        held = true;
        failed = Gate.LICENCE;
        reasons.add("unservable: no agent holds a valid " + String.join(" and ", licences) + " licence");
      } else {
        reasons.add("licences required: " + String.join(", ", licences) + " (held valid by " + holders + " agent"
            + (holders == 1 ? "" : "s") + " now; never relaxed)");
      }
    }
    Product product = spec.product();
    if (product != null) {
      Integer risk = spec.customer().riskLevel();
      if (risk == null) {
        held = true;
        failed = Gate.SUITABILITY;
        reasons.add("unsuitable: customer risk level not assessed; product " + product.code() + " is risk level "
            + product.riskLevel());
      } else if (risk < product.riskLevel()) {
        held = true;
        failed = Gate.SUITABILITY;
        reasons.add("unsuitable: customer risk level " + risk + " is below product " + product.code()
            + " risk level " + product.riskLevel());
      } else {
        reasons.add("suitable: customer risk level " + risk + " >= product " + product.code() + " risk level "
            + product.riskLevel());
      }
    }
    if (!held) {
      return new Screen(spec, queue, licences, false, reasons, null);
    }
    QueueState review = state.rules.reviewQueue() == null ? null : queues.get(state.rules.reviewQueue());
    String why = String.join("; ", reasons);
    if (review == null) {
      return new Screen(spec, queue, licences, true, reasons, new Decision.Refused(Refusal.GATE,
          "compliance: " + why + "; no review queue is configured (PUT /v1/rules reviewQueue)", null, failed));
    }
    if (review.spec.channel() != null && review.spec.channel() != spec.channel()) {
      return new Screen(spec, queue, licences, true, reasons, new Decision.Refused(Refusal.GATE,
          "compliance: " + why + "; review queue '" + review.spec.id() + "' does not take "
              + spec.channel().wire() + " contacts", null, failed));
    }
    reasons.add("held for review in queue '" + review.spec.id() + "': offered to no agent elsewhere");
    return new Screen(spec.forReview(review.spec.id()), review, licences, true, reasons, null);
  }

  static boolean holdsAll(AgentProfile agent, Set<String> licences, long now) {
    if (licences.isEmpty()) {
      return true; // most contacts need none: skip the iterator an empty sorted set still makes
    }
    for (String l : licences) {
      if (!agent.holdsValid(l, now)) {
        return false;
      }
    }
    return true;
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.ComplianceChecked e) {
      ContactState contact = contacts.get(e.contactId());
      contact.gateLicences = e.licences();
      contact.held = e.held();
      contact.later().heldIn = e.reviewQueue();
      contact.later().routingReasons = e.reasons();
      contact.settle();
      matching.place(contact);
    } else {
      return false;
    }
    return true;
  }
}
