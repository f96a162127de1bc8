package dev.contactrouter.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long a domain's writer keeps its event loop from other work: a timer due every {@value
 * #TICK_MILLIS} ms on the writer's own context records how late it fires, into {@code
 * router_writer_stall_seconds{domain}} (a histogram with its maximum). A late firing is time the
 * loop spent on something else in one piece (a long decision, folding a large batch, encoding a
 * snapshot) or time the thread did not get a core at all; either way commands and reads of the
 * domain waited that long. Benchmarks read its maximum and percentiles from {@code /metrics}.
 */
final class WriterStalls {
  static final long TICK_MILLIS = 10;

  private final Timer stalls;
  private final long timer;
  private long lastTick = System.nanoTime();

  /** Starts the probe on the calling context (the writer's). */
  WriterStalls(Vertx vertx, MeterRegistry registry, String domain) {
    this.stalls = Timer.builder("router.writer.stall")
        .description("How late a timer due every " + TICK_MILLIS + " ms fired on the domain writer's event loop")
        .tag("domain", domain).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
    this.timer = vertx.setPeriodic(TICK_MILLIS, id -> {
      long now = System.nanoTime();
      stalls.record(Math.max(0, now - lastTick - TICK_MILLIS * 1_000_000L), TimeUnit.NANOSECONDS);
      lastTick = now;
    });
  }

  void close(Vertx vertx) {
    vertx.cancelTimer(timer);
  }
}
