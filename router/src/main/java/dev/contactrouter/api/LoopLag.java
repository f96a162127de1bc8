package dev.contactrouter.api;

import io.vertx.core.Vertx;

/**
 * How far behind its own event loop this HTTP verticle runs: a timer due every {@value #TICK_MILLIS}
 * ms notes how late it fired, and a request arriving long after the last firing knows the loop is
 * behind right now. While either exceeds the budget, requests wait in this loop's queue longer than
 * the budget allows, and new intake is refused at once (503 {@code overloaded}) so the queue drains
 * and what is taken is answered within it; the first timely firing takes intake again. The loop's
 * own figure, measured on its own thread: no shared state.
 */
final class LoopLag {
  static final long TICK_MILLIS = 10;

  private final long budgetNanos;
  private long lastTick = System.nanoTime();
  private long lagNanos;
  private long timer = -1;

  /** @param budgetMillis how late the loop may run before intake is refused; 0 never refuses */
  LoopLag(Vertx vertx, long budgetMillis) {
    this.budgetNanos = budgetMillis * 1_000_000L;
    if (budgetMillis > 0) {
      timer = vertx.setPeriodic(TICK_MILLIS, id -> {
        long now = System.nanoTime();
        lagNanos = Math.max(0, now - lastTick - TICK_MILLIS * 1_000_000L);
        lastTick = now;
      });
    }
  }

  /** Whether this loop runs more than the budget behind: at the last tick, or now (no tick for that long). */
  boolean over() {
    if (budgetNanos == 0) {
      return false;
    }
    long sinceTick = System.nanoTime() - lastTick - TICK_MILLIS * 1_000_000L;
    return lagNanos > budgetNanos || sinceTick > budgetNanos;
  }

  /** How far behind, in milliseconds, for the refusal's detail. */
  long lagMillis() {
    long sinceTick = System.nanoTime() - lastTick - TICK_MILLIS * 1_000_000L;
    return Math.max(lagNanos, sinceTick) / 1_000_000L;
  }

  void close(Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  long budgetMillis() {
    return budgetNanos / 1_000_000L;
  }
}
