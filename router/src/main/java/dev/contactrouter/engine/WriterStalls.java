package dev.contactrouter.engine;

import io.vertx.core.Vertx;

/**
 * How long a domain's writer keeps its thread from other work: a timer due every {@value
 * #TICK_MILLIS} ms on the writer's own context records how late it fires, into {@code
 * router_writer_stall_seconds{domain}} (a histogram with its maximum). A late firing is time the
 * thread spent on something else in one piece (a long decision, folding a large batch, encoding a
 * snapshot) or time the thread did not get a core at all; either way commands and reads of the
 * domain waited that long. Benchmarks read its maximum and percentiles from {@code /metrics}.
 */
final class WriterStalls {
  static final long TICK_MILLIS = 10;

  private final long timer;
  private long lastTick = System.nanoTime();

  /** Starts the probe on the calling context (the writer's), recording into {@code metrics}. */
  WriterStalls(Vertx vertx, RouterMetrics metrics) {
    this.timer = vertx.setPeriodic(TICK_MILLIS, id -> {
      long now = System.nanoTime();
      metrics.stalled(Math.max(0, now - lastTick - TICK_MILLIS * 1_000_000L));
      lastTick = now;
    });
  }

  void close(Vertx vertx) {
    vertx.cancelTimer(timer);
  }
}
