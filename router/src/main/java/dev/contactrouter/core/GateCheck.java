package dev.contactrouter.core;

import java.util.Map;
import java.util.Set;

/**
 * The one gate check: whether an agent may have a contact put in front of it, by the contact's
 * {@link Gate}s as they stand in its current queue. Derived in one place ({@link #of}) whenever the
 * contact is placed, and asked by the matcher for every pair it considers, by a transfer to a named
 * agent, by a relationship manager's reservation and by an accept; the contact's requirement is
 * built from the same derivation, so nothing that relaxes a requirement reaches a gate.
 *
 * @param unsuitable about a product its customer's risk level does not suit (or is not assessed)
 * @param heldIn the review queue a held contact is routable in, or null when not held
 * @param queue the queue it waits in now
 * @param reviewSkills for a held contact, the review queue's skills (and its own) at their full levels
 * @param licences every licence it needs: its gates fixed on arrival and its queue's; for a held
 *     contact, the review queue's
 * @param site the site it must be served from (its own, else its queue's), or null
 */
record GateCheck(
    boolean unsuitable, String heldIn, String queue, Map<String, Integer> reviewSkills, Set<String> licences,
    String site) {

  /** A violation: the gate, and why in words. */
  record Violation(Gate gate, String detail) {}

  /** The contact's gates in queue {@code q} (the queue it waits in, or is about to). */
  static GateCheck of(ContactState contact, QueueSpec q) {
    Product product = contact.spec.product();
    Integer risk = contact.spec.customer().riskLevel();
    boolean unsuitable = product != null && (risk == null || risk < product.riskLevel());
    String site = contact.spec.site() != null ? contact.spec.site() : q.site();
    if (contact.held) {
      return new GateCheck(unsuitable, contact.later.heldIn, q.id(),
          Skills.strongest(q.skills(), contact.spec.skills()), q.licences(), site);
    }
    Set<String> licences = Requirement.union(q.licences(),
        Requirement.union(contact.gateLicences, contact.spec.requiredLicences()));
    return new GateCheck(unsuitable, null, q.id(), Map.of(), licences, site);
  }

  /** Whether the agent passes every gate at {@code now}: the matcher's question, answered without allocating. */
  boolean admits(AgentProfile agent, long now) {
    if (heldIn == null ? unsuitable : !heldIn.equals(queue)) {
      return false;
    }
    for (Map.Entry<String, Integer> need : reviewSkills.entrySet()) {
      if (agent.level(need.getKey()) < need.getValue()) {
        return false;
      }
    }
    return ComplianceGates.holdsAll(agent, licences, now) && (site == null || site.equals(agent.site()));
  }

  /** The first gate the agent fails at {@code now}, or null if it passes them all. */
  Violation violation(AgentProfile agent, long now) {
    if (heldIn == null && unsuitable) {
      return new Violation(Gate.SUITABILITY, "the customer's risk level does not suit the product, and the contact"
          + " is not held for review");
    }
    if (heldIn != null && !heldIn.equals(queue)) {
      return new Violation(Gate.REVIEW_HOLD, "the contact is held for review: routable only in review queue '"
          + heldIn + "'");
    }
    for (Map.Entry<String, Integer> need : reviewSkills.entrySet()) {
      if (agent.level(need.getKey()) < need.getValue()) {
        return new Violation(Gate.REVIEW_HOLD, "the contact is held for review in queue '" + heldIn + "', which asks "
            + need.getKey() + ">=" + need.getValue() + "; agent " + agent.id() + " has " + agent.level(need.getKey()));
      }
    }
    for (String licence : licences) {
      if (!agent.holdsValid(licence, now)) {
        return new Violation(Gate.LICENCE, "agent " + agent.id() + " holds no valid " + licence
            + " licence, which the contact needs (never relaxed)");
      }
    }
    if (site != null && !site.equals(agent.site())) {
      return new Violation(Gate.SITE, "the contact is served from site " + site + "; agent " + agent.id() + " is at "
          + (agent.site() == null ? "no site" : "site " + agent.site()));
    }
    return null;
  }

  /** The refusal of a command that would put the contact in front of an agent failing a gate. */
  static Decision refusal(Violation v, String field) {
    return new Decision.Refused(Refusal.GATE, v.gate().wire() + " gate: " + v.detail(), field, v.gate());
  }
}
