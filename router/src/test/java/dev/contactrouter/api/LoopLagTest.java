package dev.contactrouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.Busy;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link LoopLag} on a real event loop: a task that keeps the loop busy past the budget makes it
 * refuse at once, and the first timely tick after it takes intake again. The loop is kept busy by
 * computing (never by sleeping), for a bounded time.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoopLagTest {
  private static final long BUDGET_MILLIS = 40;

  @Test
  void aLoopRunningBehindRefusesAndATimelyTickTakesIntakeAgain(Vertx vertx, VertxTestContext test) {
    vertx.runOnContext(v -> {
      LoopLag lag = new LoopLag(vertx, BUDGET_MILLIS);
      LoopLag off = new LoopLag(vertx, 0);
      long busy = Busy.spin(Duration.ofMillis(3 * BUDGET_MILLIS));
      test.verify(() -> {
        assertThat(busy).isPositive();
        assertThat(lag.over()).as("no tick for three budgets").isTrue();
        assertThat(lag.lagMillis()).isGreaterThan(BUDGET_MILLIS);
        assertThat(off.over()).as("a budget of 0 never refuses").isFalse();
      });
      // The late tick records the lag; a later, timely one clears it. Bounded: 500 checks.
      long[] checks = {0};
      vertx.setPeriodic(LoopLag.TICK_MILLIS, id -> {
        if (!lag.over()) {
          vertx.cancelTimer(id);
          lag.close(vertx);
          test.completeNow();
        } else if (++checks[0] > 500) {
          vertx.cancelTimer(id);
          test.failNow("still refusing after 500 ticks on an idle loop");
        }
      });
    });
  }
}
