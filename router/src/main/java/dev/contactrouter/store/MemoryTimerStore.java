package dev.contactrouter.store;

import dev.contactrouter.collect.SpreadHashMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The embedded default: timers in a sorted set in memory, fired by one Vert.x timer set for the
 * earliest due entry. Used from the owning verticle's event loop only.
 */
public final class MemoryTimerStore implements TimerStore {
  static final long RETRY_MILLIS = 1000;

  private final Vertx vertx;
  private final LongSupplier clock;
  private final Map<String, Domain> domains = new HashMap<>();

  private static final class Domain {
    final Map<String, DueTimer> byKey = new SpreadHashMap<>();
    final TreeSet<DueTimer> byDue =
        new TreeSet<>(Comparator.comparingLong(DueTimer::dueAt).thenComparing(DueTimer::key));
    Function<DueTimer, Future<?>> deliver;
    long vertxTimer = -1;
    long wakeAt = Long.MAX_VALUE;
  }

  public MemoryTimerStore(Vertx vertx, LongSupplier clock) {
    this.vertx = vertx;
    this.clock = clock;
  }

  @Override
  public Future<Void> arm(String domain, String key, long dueAt, JsonObject payload) {
    Domain d = domains.computeIfAbsent(domain, k -> new Domain());
    DueTimer previous = d.byKey.put(key, new DueTimer(domain, key, dueAt, payload));
    if (previous != null) {
      d.byDue.remove(previous);
    }
    d.byDue.add(d.byKey.get(key));
    schedule(d);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> cancel(String domain, String key) {
    Domain d = domains.get(domain);
    if (d != null) {
      DueTimer previous = d.byKey.remove(key);
      if (previous != null) {
        d.byDue.remove(previous);
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> start(String domain, Function<DueTimer, Future<?>> deliver) {
    Domain d = domains.computeIfAbsent(domain, k -> new Domain());
    d.deliver = deliver;
    schedule(d);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop(String domain) {
    Domain d = domains.get(domain);
    if (d != null) {
      d.deliver = null;
      if (d.vertxTimer >= 0) {
        vertx.cancelTimer(d.vertxTimer);
        d.vertxTimer = -1;
        d.wakeAt = Long.MAX_VALUE;
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public boolean durable() {
    return false;
  }

  /** Number of armed timers of a domain. */
  public int armed(String domain) {
    Domain d = domains.get(domain);
    return d == null ? 0 : d.byKey.size();
  }

  private void schedule(Domain d) {
    if (d.deliver == null || d.byDue.isEmpty()) {
      return;
    }
    long due = d.byDue.first().dueAt();
    if (d.vertxTimer >= 0 && d.wakeAt <= due) {
      return; // already waking up in time
    }
    if (d.vertxTimer >= 0) {
      vertx.cancelTimer(d.vertxTimer);
    }
    d.wakeAt = due;
    d.vertxTimer = vertx.setTimer(Math.max(1, due - clock.getAsLong()), id -> fire(d));
  }

  private void fire(Domain d) {
    d.vertxTimer = -1;
    d.wakeAt = Long.MAX_VALUE;
    long now = clock.getAsLong();
    List<DueTimer> due = new ArrayList<>();
    while (!d.byDue.isEmpty() && d.byDue.first().dueAt() <= now) {
      DueTimer t = d.byDue.pollFirst();
      d.byKey.remove(t.key());
      due.add(t);
    }
    for (DueTimer t : due) {
      if (d.deliver == null) {
        arm(t.domain(), t.key(), t.dueAt(), t.payload());
        continue;
      }
      d.deliver.apply(t).onFailure(err -> {
        // Not taken (the journal may be down): try again shortly, unless re-armed meanwhile.
        if (!d.byKey.containsKey(t.key())) {
          arm(t.domain(), t.key(), clock.getAsLong() + RETRY_MILLIS, t.payload());
        }
      });
    }
    schedule(d);
  }
}
