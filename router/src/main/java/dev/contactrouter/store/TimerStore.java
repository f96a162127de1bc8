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

  /** Arms a timer, or moves it if the key is already armed. */
  Future<Void> arm(String domain, String key, long dueAt, JsonObject payload);

  Future<Void> cancel(String domain, String key);

  /**
   * Starts delivering the domain's due timers. A delivery whose future fails is delivered again
   * after a short pause.
   */
  Future<Void> start(String domain, Function<DueTimer, Future<?>> deliver);

  /** Stops delivering the domain's timers; they stay armed for whoever starts it next. */
  Future<Void> stop(String domain);

  /** Whether timers survive the process: false for the embedded in-memory store. */
  boolean durable();
}
