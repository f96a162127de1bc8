package dev.contactrouter.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * Where a domain's timers wait for their time: offer timeouts, wrap-up ends, SLA thresholds.
 * Delivery is at least once; each payload is a command that checks it is still current, so a
 * repeated or stale delivery changes nothing.
 */
public interface TimerStore {

  /**
   * Arms a timer, or moves it if the key is already armed. Changes of one domain take effect in
   * the order they were made. A failed future means the change is not written yet; the store
   * keeps it and tries again.
   */
  Future<Void> arm(String domain, String key, long dueAt, JsonObject payload);

  Future<Void> cancel(String domain, String key);

  /**
   * Starts delivering the domain's due timers. A delivery whose future fails is delivered again
   * after a short pause.
   */
  Future<Void> start(String domain, Function<DueTimer, Future<?>> deliver);

  /**
   * As {@link #start(String, Function)}, and calls {@code lost} (on the caller's context) when the
   * store finds it has lost the domain's timers (Redis flushed, or restarted with no
   * persistence): the domain then re-arms every live timer from its own state. A store that
   * cannot lose timers without losing the process never calls it.
   */
  default Future<Void> start(String domain, Function<DueTimer, Future<?>> deliver, Runnable lost) {
    return start(domain, deliver);
  }

  /** Stops delivering the domain's timers; they stay armed for whoever starts it next. */
  Future<Void> stop(String domain);

  /** Whether timers survive the process: false for the embedded in-memory store. */
  boolean durable();

  /** Releases connections; the store is not used afterwards. */
  /** Succeeds if the store can be reached right now (for readiness probes). */
  default Future<Void> check() {
    return Future.succeededFuture();
  }

  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
