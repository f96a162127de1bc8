package dev.contactrouter.store;

import dev.contactrouter.core.Event;
import dev.contactrouter.core.Recorded;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events this process appended to each domain's journal most recently, as the writer recorded
 * them, so that a reader in the same process (the report follower) folds them without reading them
 * back from PostgreSQL and decoding their text: in a durable intake run that read-back and decode
 * took 15% of the event loops' samples.
 *
 * <p>Only what an append reported committed goes in, in sequence order; an append that does not
 * continue the last one (another node wrote the domain meanwhile, or an outcome was lost) starts
 * the domain's window afresh, so a window never has a gap. {@link #after} answers only when the
 * window holds the very next event; otherwise the caller reads the journal as before.
 *
 * <p>Events hold personal fields in clear, where the journal holds them sealed: an append with a
 * personal-data erasure empties the domain's window, so nothing erased stays readable here. Readers
 * must use no personal field (the reports use none; decoded from the journal without keys, those
 * fields read as erased).
 *
 * <p>Filled on writers' threads and read on others: each domain's window is guarded by its own lock.
 */
final class RecentAppends {
  /** What a reader in another process, or a test, gets: nothing is kept. */
  static final RecentAppends NONE = new RecentAppends(0);

  /** Events kept per domain: a few seconds of intake at full rate, several of the report follower's batches. */
  static final int PER_DOMAIN = 16_384;

  /** An event of the window: its number in the journal, and the event as the writer recorded it. */
  record Appended(long seq, Recorded recorded) {}

  private final int capacity;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  RecentAppends(int capacity) {
    this.capacity = capacity;
  }

  /** The events of {@code batch}, numbered without gaps, were committed to {@code domain}'s journal. */
  void appended(String domain, List<JournalEntry> batch) {
    if (capacity == 0 || batch.isEmpty()) {
      return;
    }
    Window w = windows.computeIfAbsent(domain, d -> new Window(capacity));
    synchronized (w) {
      if (w.size > 0 && w.lastSeq() + 1 != batch.get(0).seq()) {
        w.clear();
      }
      for (JournalEntry e : batch) {
        if (e.recorded().event() instanceof Event.PersonalDataErased) {
          w.clear();
          return;
        }
        w.add(e.seq(), e.recorded());
      }
    }
  }

  /**
   * At most {@code limit} events of {@code domain} after {@code afterSeq}, in order, when the
   * window holds event {@code afterSeq + 1}; empty when it does not (read the journal instead).
   */
  Optional<List<Appended>> after(String domain, long afterSeq, int limit) {
    Window w = windows.get(domain);
    if (w == null) {
      return Optional.empty();
    }
    synchronized (w) {
      if (w.size == 0 || afterSeq + 1 < w.firstSeq || afterSeq + 1 > w.lastSeq()) {
        return Optional.empty();
      }
      int skip = (int) (afterSeq + 1 - w.firstSeq);
      int n = Math.min(limit, w.size - skip);
      List<Appended> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int at = (w.start + skip + i) % w.recorded.length;
        out.add(new Appended(afterSeq + 1 + i, w.recorded[at]));
      }
      return Optional.of(out);
    }
  }

  /** A ring of the last {@code capacity} events of one domain, numbered from {@code firstSeq}. */
  private static final class Window {
    final Recorded[] recorded;
    int start;
    int size;
    long firstSeq;

    Window(int capacity) {
      recorded = new Recorded[capacity];
    }

    long lastSeq() {
      return firstSeq + size - 1;
    }

    void add(long seq, Recorded r) {
      if (size == 0) {
        firstSeq = seq;
      }
      if (size == recorded.length) {
        recorded[start] = r;
        start = (start + 1) % recorded.length;
        firstSeq++;
      } else {
        recorded[(start + size) % recorded.length] = r;
        size++;
      }
    }

    void clear() {
      Arrays.fill(recorded, null);
      start = 0;
      size = 0;
    }
  }
}
