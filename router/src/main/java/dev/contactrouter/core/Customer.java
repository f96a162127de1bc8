package dev.contactrouter.core;

/**
 * Who the contact is from.
 *
 * @param tier e.g. {@code standard}, {@code vip}, {@code hnw}
 * @param riskLevel the customer's assessed risk tolerance, 1 (lowest) to 5
 */
public record Customer(String id, String name, String tier, Integer riskLevel) {
  public static final Customer ANONYMOUS = new Customer(null, null, null, null);
}
