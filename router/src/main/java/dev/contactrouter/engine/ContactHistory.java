package dev.contactrouter.engine;

import dev.contactrouter.store.StoredEvent;
import java.util.List;

/**
 * Every event of one contact as the journal holds it, oldest first.
 *
 * @param complete false when the history was cut at {@link JournalQueries#HISTORY_LIMIT} events
 */
public record ContactHistory(String contactId, String domain, List<StoredEvent> events, boolean complete) {
  public ContactHistory {
    events = List.copyOf(events);
  }
}
