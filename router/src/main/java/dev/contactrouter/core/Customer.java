package dev.contactrouter.core;

/**
 * Who the contact is from.
 *
 * @param tier e.g. {@code standard}, {@code vip}, {@code hnw}
 * @param riskLevel the customer's assessed risk tolerance, 1 (lowest) to 5 (C1–C5 in the
 *     suitability rules), or null when not assessed
 * @param relationshipManager the agent id of the customer's relationship manager (high-net-worth
 *     customers have one), or null
 */
public record Customer(String id, String name, String tier, Integer riskLevel, String relationshipManager) {
  public static final Customer ANONYMOUS = new Customer(null, null, null, null, null);

  /** A customer without a relationship manager. */
  public Customer(String id, String name, String tier, Integer riskLevel) {
    this(id, name, tier, riskLevel, null);
  }
}
