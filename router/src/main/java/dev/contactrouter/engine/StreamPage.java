package dev.contactrouter.engine;

import dev.contactrouter.core.EventSubject;
import dev.contactrouter.store.JournalEntry;
import java.util.List;

/**
 * Committed events for a stream that resumes, each with the contact it names as it stood right
 * after it (what the live stream adds to it).
 *
 * @param more whether events after the last one may follow: ask again after it
 */
public record StreamPage(List<Streamed> events, boolean more) {
  public StreamPage {
    events = List.copyOf(events);
  }

  /** @param subject the contact the event names, or null */
  public record Streamed(JournalEntry entry, EventSubject subject) {}
}
