package dev.contactrouter.store;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded default: entries kept in memory, lost with the process. Owned by one domain
 * writer, like the state it records; not for sharing between threads.
 */
public final class MemoryJournal implements Journal {
  private final Map<String, List<JournalEntry>> domains = new HashMap<>();

  @Override
  public Future<Void> append(String domain, List<JournalEntry> batch) {
    List<JournalEntry> entries = domains.computeIfAbsent(domain, d -> new ArrayList<>());
    long expected = entries.size() + 1L;
    for (JournalEntry e : batch) {
      if (e.seq() != expected++ || !e.domain().equals(domain)) {
        return Future.failedFuture(new IllegalStateException(
            "journal for " + domain + " expected seq " + (expected - 1) + " but got " + e.seq()));
      }
    }
    entries.addAll(batch);
    return Future.succeededFuture();
  }

  @Override
  public Future<List<JournalEntry>> read(String domain, long afterSeq, int limit) {
    List<JournalEntry> entries = domains.getOrDefault(domain, List.of());
    int from = (int) Math.min(Math.max(afterSeq, 0), entries.size());
    int to = (int) Math.min((long) from + limit, entries.size());
    return Future.succeededFuture(List.copyOf(entries.subList(from, to)));
  }

  @Override
  public boolean durable() {
    return false;
  }
}
