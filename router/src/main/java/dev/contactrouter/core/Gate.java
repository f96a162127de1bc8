package dev.contactrouter.core;

/**
 * The compliance gates every path that puts a contact in front of an agent must pass (an offer, an
 * assignment, a transfer to a named agent, a relationship manager's reserved time). None relaxes:
 * not with an SLA escalation, an overflow, or a supervisor's shortcut. A command that would breach
 * one is refused with {@link Refusal#GATE} naming it.
 */
public enum Gate {
  /** Every licence the contact needs, held valid by the agent at that moment. */
  LICENCE("licence"),
  /** A product contact whose customer's risk level is below the product's waits in review, nowhere else. */
  SUITABILITY("suitability"),
  /** A contact held for review is routable only in its review queue, to agents meeting that queue's own requirement. */
  REVIEW_HOLD("review-hold"),
  /** The contact's site (its own, else its queue's) is the agent's site. */
  SITE("site");

  private final String wire;

  Gate(String wire) {
    this.wire = wire;
  }

  /** Its name in the API and in problem documents. */
  public String wire() {
    return wire;
  }
}
