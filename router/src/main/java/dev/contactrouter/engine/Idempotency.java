package dev.contactrouter.engine;

import dev.contactrouter.core.Refusal;
import io.vertx.core.Future;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remembers the outcome of commands sent with an {@code Idempotency-Key}, per actor, so a retry
 * gets the first outcome instead of acting twice, and concurrent retries share one execution.
 * A refusal is an outcome too; a command that could not run at all (503) is forgotten so that
 * it can be retried. Held by the domain writer (one thread), bounded in size and age: a key is
 * forgotten {@code ttlMillis} after its first use, or earlier, oldest first, once more than {@code
 * maxEntries} are held (ROUTER_IDEMPOTENCY_TTL_SECONDS and ROUTER_IDEMPOTENCY_KEYS).
 *
 * <p>Contact creation does not rely on this: its key is recorded with the contact in the journal,
 * so it survives restarts. Other commands' keys live as long as the writer's process.
 */
final class Idempotency {
  static final int MAX_ENTRIES = 100_000;
  static final long TTL_MILLIS = 24 * 3600 * 1000L;

  private record Entry(String fingerprint, Future<Outcome> outcome, long at) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final int maxEntries;
  private final long ttlMillis;

  Idempotency() {
    this(MAX_ENTRIES, TTL_MILLIS);
  }

  Idempotency(int maxEntries, long ttlMillis) {
    if (maxEntries < 1 || ttlMillis < 1) {
      throw new IllegalArgumentException("idempotency bounds must be positive: " + maxEntries + ", " + ttlMillis);
    }
    this.maxEntries = maxEntries;
    this.ttlMillis = ttlMillis;
  }

  Future<Outcome> run(String actor, String key, String fingerprint, long now, Supplier<Future<Outcome>> action) {
    expire(now);
    String id = actor + '\u0000' + key;
    Entry known = entries.get(id);
    if (known != null) {
      if (!known.fingerprint().equals(fingerprint)) {
        return Future.succeededFuture(new Outcome.Refused(
            Refusal.CONFLICT, "Idempotency-Key was already used for a different request", "Idempotency-Key"));
      }
      return known.outcome();
    }
    Future<Outcome> outcome = action.get();
    Entry entry = new Entry(fingerprint, outcome, now);
    entries.put(id, entry);
    outcome.onFailure(err -> entries.remove(id, entry));
    expire(now); // the cap holds after the put too, not only before the next one
    return outcome;
  }

  int size() {
    return entries.size();
  }

  private void expire(long now) {
    Iterator<Entry> it = entries.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (entries.size() <= maxEntries && now - e.at() < ttlMillis) {
        return; // insertion order: everything after is younger
      }
      it.remove();
    }
  }
}
