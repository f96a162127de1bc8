package dev.contactrouter.store;

import dev.contactrouter.core.Event;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.store.format.EventFormat;
import java.util.Objects;

/**
 * An event as the journal keeps it: the exact event text its hash covers, the link to the event
 * before it, and the columns the audit queries look it up by (derived from the text, and checked
 * against it by {@link JournalVerifier}).
 *
 * @param at epoch milliseconds
 * @param payload the event as JSON text (its {@code type} and fields) in {@link EventFormat}, exactly as hashed
 * @param customerId the customer of a {@code contact_queued} event, else null
 */
public record StoredEvent(
    String domain,
    long seq,
    long at,
    String actor,
    String type,
    String contactId,
    String agentId,
    String customerId,
    String payload,
    String prevHash,
    String hash) {

  /** The stored form of event {@code seq} of a domain, chained to the hash before it. */
  public static StoredEvent of(String domain, long seq, Recorded recorded, String prevHash) {
    Objects.requireNonNull(recorded.actor(), "actor");
    Event e = recorded.event();
    String payload = EventFormat.encode(e);
    return new StoredEvent(domain, seq, recorded.at(), recorded.actor(), EventFormat.type(e), e.contactId(),
        e.agentId(), customerOf(e), payload, prevHash,
        HashChain.link(prevHash, domain, seq, recorded.at(), recorded.actor(), payload));
  }

  /** The event decoded from its stored text. */
  public Recorded recorded() {
    return new Recorded(at, actor, EventFormat.decode(payload));
  }

  public JournalEntry entry() {
    return new JournalEntry(domain, seq, recorded());
  }

  /** The hash this event's content calls for, after {@code prevHash}. */
  public String expectedHash() {
    return HashChain.link(prevHash, domain, seq, at, actor, payload);
  }

  static String customerOf(Event e) {
    return e instanceof Event.ContactQueued q ? q.contact().customer().id() : null;
  }
}
