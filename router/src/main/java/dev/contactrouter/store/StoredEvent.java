package dev.contactrouter.store;

import dev.contactrouter.core.Event;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.store.format.EventFormat;
import java.util.Objects;
import java.util.function.Function;

/**
 * An event as the journal keeps it: the exact event text its hash covers, the link to the event
 * before it, and the columns the audit queries look it up by (derived from the text, and checked
 * against it by {@link JournalVerifier}).
 *
 * @param at epoch milliseconds
 * @param payload the event as JSON text (its {@code type} and fields) in {@link EventFormat}, exactly as hashed
 * @param customerId the customer of a {@code contact_queued} event (the id of its data key when its
 *     personal fields are sealed), else null
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
    return of(domain, seq, recorded, prevHash, null);
  }

  /**
   * The same, its personal fields sealed with {@code key} (null: in clear). A sealed contact's
   * {@code customer_id} column holds the key's id, not the customer's.
   */
  public static StoredEvent of(String domain, long seq, Recorded recorded, String prevHash, CustomerKey key) {
    Objects.requireNonNull(recorded.actor(), "actor");
    Event e = recorded.event();
    EventFormat.Payload encoded = EventFormat.encode(e, key == null ? null : key.sealing(), domain, seq,
        recorded.at());
    String payload = encoded.text();
    return new StoredEvent(domain, seq, recorded.at(), recorded.actor(), EventFormat.type(e), e.contactId(),
        e.agentId(), customerColumnSealedWith(e, encoded.sealedWith()), payload, prevHash,
        HashChain.link(prevHash, domain, seq, recorded.at(), recorded.actor(), payload));
  }

  /** The event decoded from its stored text; sealed personal fields read as erased (no keys given). */
  public Recorded recorded() {
    return new Recorded(at, actor, EventFormat.decode(payload));
  }

  /** The event decoded from its stored text, sealed personal fields opened with the keys given (by id). */
  public Recorded recorded(Function<String, byte[]> keys) {
    return new Recorded(at, actor, EventFormat.decode(payload, keys));
  }

  /** The id of the data key this event's personal fields are sealed with, or null. */
  public String sealedWith() {
    return EventFormat.sealedWith(payload);
  }

  public JournalEntry entry() {
    return new JournalEntry(domain, seq, recorded());
  }

  /** The hash this event's content calls for, after {@code prevHash}. */
  public String expectedHash() {
    return HashChain.link(prevHash, domain, seq, at, actor, payload);
  }

  /**
   * The {@code customer_id} lookup column of an event stored as {@code payload}: the customer of a
   * {@code contact_queued} event, or the id of the data key it is sealed with (revision 12).
   */
  static String customerColumn(Event e, String payload) {
    return e instanceof Event.ContactQueued ? customerColumnSealedWith(e, EventFormat.sealedWith(payload)) : null;
  }

  /** The same, for an event whose payload is sealed with the key {@code sealedWith} (null: in clear). */
  private static String customerColumnSealedWith(Event e, String sealedWith) {
    if (!(e instanceof Event.ContactQueued q)) {
      return null;
    }
    return sealedWith != null ? sealedWith : q.contact().customer().id();
  }
}
