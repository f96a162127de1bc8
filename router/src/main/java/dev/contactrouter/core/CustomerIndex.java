package dev.contactrouter.core;

import dev.contactrouter.collect.SpreadHashMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Customer id → ids of that customer's contacts held in memory, oldest first. Most customers have
 * one contact in memory: its id is held alone, and a set is made at the second, so a centre of
 * distinct callers holds one map entry per contact rather than a set each.
 */
final class CustomerIndex {
  /** Two or more contacts of one customer, oldest first. */
  private static final class Ids extends LinkedHashSet<String> {}

  /** A contact's id (a String), or {@link Ids}. */
  private final Map<String, Object> byCustomer = new SpreadHashMap<>();

  void add(String customer, String contactId) {
    Object held = byCustomer.get(customer);
    if (held == null) {
      byCustomer.put(customer, contactId);
    } else if (held instanceof Ids ids) {
      ids.add(contactId);
    } else if (!held.equals(contactId)) {
      Ids ids = new Ids();
      ids.add((String) held);
      ids.add(contactId);
      byCustomer.put(customer, ids);
    }
  }

  void remove(String customer, String contactId) {
    Object held = byCustomer.get(customer);
    if (held instanceof Ids ids) {
      ids.remove(contactId);
      if (ids.isEmpty()) {
        byCustomer.remove(customer);
      }
    } else if (contactId.equals(held)) {
      byCustomer.remove(customer);
    }
  }

  /** The customer's contacts held in memory, oldest first; empty when none. */
  List<String> contactsOf(String customer) {
    Object held = byCustomer.get(customer);
    if (held == null) {
      return List.of();
    }
    return held instanceof Ids ids ? new ArrayList<>(ids) : List.of((String) held);
  }
}
