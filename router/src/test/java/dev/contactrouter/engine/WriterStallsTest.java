package dev.contactrouter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.Busy;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link WriterStalls} on a real event loop: a task that keeps the loop busy (computing, never
 * sleeping, for a bounded time) shows as one late tick at least that long, in the domain's timer.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WriterStallsTest {
  private static final long BUSY_MILLIS = 100;

  @Test
  void aBusyLoopIsRecordedAsOneStallAtLeastAsLong(Vertx vertx, VertxTestContext test) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    vertx.runOnContext(v -> {
      WriterStalls stalls = new WriterStalls(vertx, new RouterMetrics(registry, "desk"));
      // Let a few timely ticks pass first, then keep the loop busy.
      vertx.setTimer(5 * WriterStalls.TICK_MILLIS, id -> {
        long busy = Busy.spin(Duration.ofMillis(BUSY_MILLIS));
        // The next tick after the busy stretch records it.
        vertx.setTimer(3 * WriterStalls.TICK_MILLIS, later -> test.verify(() -> {
          Timer timer = registry.get("router.writer.stall").tag("domain", "desk").timer();
          assertThat(busy).isPositive();
          assertThat(timer.count()).isGreaterThan(1);
          assertThat(timer.max(TimeUnit.MILLISECONDS)).as("the busy stretch, less one tick")
              .isGreaterThanOrEqualTo(BUSY_MILLIS - WriterStalls.TICK_MILLIS);
          stalls.close(vertx);
          test.completeNow();
        }));
      });
    });
  }
}
