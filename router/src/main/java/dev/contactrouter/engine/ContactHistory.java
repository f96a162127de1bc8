package dev.contactrouter.engine;

import dev.contactrouter.core.Recorded;
import dev.contactrouter.store.StoredEvent;
import java.util.List;

/**
 * Every event of one contact as the journal holds it, oldest first.
 *
 * @param decoded the same events decoded, one for one, their sealed personal fields opened with the
 *     customer's key (or read as erased once it was destroyed)
 * @param complete false when the history was cut at {@link JournalQueries#HISTORY_LIMIT} events
 */
public record ContactHistory(
    String contactId, String domain, List<StoredEvent> events, List<Recorded> decoded, boolean complete) {
  public ContactHistory {
    events = List.copyOf(events);
    decoded = List.copyOf(decoded);
    if (decoded.size() != events.size()) {
      throw new IllegalArgumentException("one decoded event for each stored one");
    }
  }
}
