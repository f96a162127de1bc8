package dev.contactrouter.store;

import dev.contactrouter.core.Recorded;

/**
 * One event of a domain's journal, numbered from 1 without gaps.
 *
 * @param key the customer's data key its personal fields are sealed with when stored, or null to
 *     store them in clear (anonymous contacts, tests, and every event without personal fields)
 */
public record JournalEntry(String domain, long seq, Recorded recorded, CustomerKey key) {

  public JournalEntry(String domain, long seq, Recorded recorded) {
    this(domain, seq, recorded, null);
  }
}
