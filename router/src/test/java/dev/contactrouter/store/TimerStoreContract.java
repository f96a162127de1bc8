package dev.contactrouter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.ManualClock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link TimerStore} promises, run against each implementation (in memory, Redis).
 * The store runs on a {@link ManualClock} the test moves, so whether a timer is due is exact: the
 * test holds the clock short of a due time while real time passes, then moves it on. What stays
 * real is the store's own pace (its poll, or its Vert.x timer): a delivery must follow the clock
 * reaching its due time within {@link #TOLERANCE_MILLIS}, and every wait is bounded. Deliveries
 * are recorded on the store's context, with the clock's time.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
abstract class TimerStoreContract {
  /** How late a delivery may be and still count as on time (a poll interval plus scheduling). */
  static final long TOLERANCE_MILLIS = 1_000;
  static final long T0 = Instant.parse("2025-01-06T09:00:00Z").toEpochMilli();

  /** The stores' clock: moved only by the tests. */
  protected final ManualClock clock = new ManualClock(T0);
  protected Vertx vertx;
  protected Context context;
  protected TimerStore store;
  protected String domain;
  protected final List<Delivery> deliveries = new ArrayList<>();

  record Delivery(String key, long dueAt, long at, JsonObject payload) {}

  /** A fresh store for this test on {@link #clock}, with nothing armed for {@link #domain}. */
  protected abstract Future<TimerStore> newStore(Vertx vertx);

  /** Removes what the test left behind (Redis keys). */
  protected Future<Void> cleanUp() {
    return Future.succeededFuture();
  }

  @BeforeEach
  void setUp(Vertx vertx, VertxTestContext ctx) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.domain = "d" + Long.toHexString(System.nanoTime());
    deliveries.clear();
    onContext(() -> newStore(vertx)).onComplete(ctx.succeeding(s -> {
      store = s;
      ctx.completeNow();
    }));
  }

  @AfterEach
  void tearDown(VertxTestContext ctx) {
    // Closed before cleaning up, so no poll in flight can set a marker again afterwards.
    onContext(() -> store.stop(domain).compose(v -> store.close()).compose(v -> cleanUp()))
        .onComplete(ctx.succeedingThenComplete());
  }

  /** Runs a step on the test's context, as a domain writer would call the store from its own. */
  protected <T> Future<T> onContext(Supplier<Future<T>> step) {
    Promise<T> p = Promise.promise();
    context.runOnContext(v -> step.get().onComplete(p));
    return p.future();
  }

  protected Future<Void> start(Function<DueTimer, Future<?>> deliver) {
    return onContext(() -> store.start(domain, deliver));
  }

  protected Function<DueTimer, Future<?>> recording() {
    return t -> {
      deliveries.add(new Delivery(t.key(), t.dueAt(), clock.getAsLong(), t.payload()));
      return Future.succeededFuture();
    };
  }

  /** Moves the clock on by {@code millis}, as a step of a chain. */
  protected Future<Void> advance(long millis) {
    clock.advance(millis);
    return Future.succeededFuture();
  }

  protected static JsonObject payload(String name) {
    return new JsonObject().put("type", "test").put("name", name);
  }

  protected Future<Void> arm(String key, long dueAt) {
    return onContext(() -> store.arm(domain, key, dueAt, payload(key)));
  }

  protected Future<Void> pause(long millis) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(millis, id -> p.complete());
    return p.future();
  }

  /** Waits (bounded, in real time) until {@code n} deliveries were recorded. */
  protected Future<Void> awaitDeliveries(int n, long maxMillis) {
    long until = System.nanoTime() + maxMillis * 1_000_000;
    Promise<Void> done = Promise.promise();
    vertx.setPeriodic(20, id -> context.runOnContext(v -> {
      if (deliveries.size() >= n || System.nanoTime() - until > 0) {
        vertx.cancelTimer(id);
        done.complete();
      }
    }));
    return done.future();
  }

  /** Waits for the first delivery, then {@code quietMillis} more of real time, in which a second would show. */
  protected Future<Void> firstDeliveryThenQuiet(long quietMillis) {
    return awaitDeliveries(1, 5_000).compose(v -> pause(quietMillis));
  }

  @Test
  void aTimerFiresOnceWithinToleranceOfItsDueTime(VertxTestContext ctx) {
    long due = clock.getAsLong() + 300;
    long[] dueReached = {0};
    long[] delivered = {0};
    Function<DueTimer, Future<?>> record = recording();
    start(t -> {
          delivered[0] = System.nanoTime();
          return record.apply(t);
        })
        .compose(v -> arm("offer:c1.1", due))
        .compose(v -> advance(299))
        .compose(v -> pause(700)) // real time passes; the clock stays a millisecond short
        .compose(v -> {
          ctx.verify(() -> assertThat(deliveries).as("not early").isEmpty());
          dueReached[0] = System.nanoTime();
          return advance(1);
        })
        .compose(v -> firstDeliveryThenQuiet(700))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(deliveries).hasSize(1);
          Delivery d = deliveries.get(0);
          assertThat(d.key()).isEqualTo("offer:c1.1");
          assertThat(d.dueAt()).isEqualTo(due);
          assertThat(d.payload()).isEqualTo(payload("offer:c1.1"));
          assertThat(d.at()).as("not early").isGreaterThanOrEqualTo(due);
          assertThat((delivered[0] - dueReached[0]) / 1_000_000).as("late by at most the tolerance, in real time")
              .isLessThanOrEqualTo(TOLERANCE_MILLIS);
          ctx.completeNow();
        })));
  }

  @Test
  void aCancelledTimerNeverFires(VertxTestContext ctx) {
    long due = clock.getAsLong() + 200;
    start(recording())
        .compose(v -> arm("a", due))
        .compose(v -> arm("b", due))
        .compose(v -> onContext(() -> store.cancel(domain, "a")))
        .compose(v -> advance(200))
        .compose(v -> firstDeliveryThenQuiet(600))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(deliveries).extracting(Delivery::key).containsExactly("b");
          ctx.completeNow();
        })));
  }

  @Test
  void armingAKeyAgainMovesIt(VertxTestContext ctx) {
    long now = clock.getAsLong();
    start(recording())
        .compose(v -> arm("wrapup:a1", now + 60_000))
        .compose(v -> arm("wrapup:a1", now + 300))
        .compose(v -> arm("sla:c1", now + 200))
        .compose(v -> arm("sla:c1", now + 60_000)) // moved later: must not fire now
        .compose(v -> advance(300))
        .compose(v -> firstDeliveryThenQuiet(800))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(deliveries).extracting(Delivery::key).containsExactly("wrapup:a1");
          assertThat(deliveries.get(0).dueAt()).isEqualTo(now + 300);
          ctx.completeNow();
        })));
  }

  @Test
  void aFailedDeliveryIsDeliveredAgainAfterAPause(VertxTestContext ctx) {
    Map<String, Integer> attempts = new HashMap<>();
    Function<DueTimer, Future<?>> flaky = t -> {
      int n = attempts.merge(t.key(), 1, Integer::sum);
      deliveries.add(new Delivery(t.key(), t.dueAt(), clock.getAsLong(), t.payload()));
      return n == 1 ? Future.failedFuture("journal down") : Future.succeededFuture();
    };
    start(flaky)
        .compose(v -> arm("offer:c2.1", clock.getAsLong() + 100))
        .compose(v -> advance(100))
        .compose(v -> awaitDeliveries(1, 5_000))
        .compose(v -> pause(700)) // real time passes; the clock does not
        .compose(v -> {
          ctx.verify(() -> assertThat(deliveries).as("not again at once").hasSize(1));
          return advance(1_000); // the stores' retry pause
        })
        .compose(v -> awaitDeliveries(2, 10_000))
        .compose(v -> pause(1_500))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(deliveries).extracting(Delivery::key).containsExactly("offer:c2.1", "offer:c2.1");
          assertThat(deliveries.get(1).at() - deliveries.get(0).at()).as("after a pause").isGreaterThanOrEqualTo(500);
          ctx.completeNow();
        })));
  }

  @Test
  void timersOfAStoppedDomainWaitForItsNextStart(VertxTestContext ctx) {
    long due = clock.getAsLong() + 100;
    start(recording())
        .compose(v -> onContext(() -> store.stop(domain)))
        .compose(v -> arm("offer:c3.1", due))
        .compose(v -> advance(100))
        .compose(v -> pause(600))
        .compose(v -> {
          ctx.verify(() -> assertThat(deliveries).as("nothing while stopped").isEmpty());
          return start(recording());
        })
        .compose(v -> firstDeliveryThenQuiet(500))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(deliveries).extracting(Delivery::key).containsExactly("offer:c3.1");
          ctx.completeNow();
        })));
  }

  /**
   * 100,000 timers armed (in chunks, as a writer's batches arm them) fire each once, in due order,
   * and the event loop keeps turning while they fire (a periodic tick measures the longest gap, in
   * real time). The due times span two seconds of the clock, which the tick moves on by 10 ms.
   */
  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void aHundredThousandTimersFireInOrderWithoutStallingTheEventLoop(VertxTestContext ctx) {
    int n = 100_000;
    long base = clock.getAsLong() + 3_000;
    long[] lastTick = {0};
    long[] worstGap = {0};
    armChunk(n, 0, base)
        .compose(v -> advance(base - 10 - clock.getAsLong())) // all armed: nothing can come due early
        .compose(v -> {
          lastTick[0] = System.nanoTime() / 1_000_000;
          vertx.setPeriodic(10, id -> context.runOnContext(x -> {
            long t = System.nanoTime() / 1_000_000;
            worstGap[0] = Math.max(worstGap[0], t - lastTick[0]);
            lastTick[0] = t;
            clock.advance(10);
            if (deliveries.size() >= n) {
              vertx.cancelTimer(id);
            }
          }));
          return start(recording());
        })
        .compose(v -> awaitDeliveries(n, 90_000))
        .compose(v -> pause(500))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(deliveries).hasSize(n);
          assertThat(deliveries.stream().map(Delivery::key).distinct().count()).isEqualTo(n);
          for (int i = 1; i < n; i++) {
            assertThat(deliveries.get(i).dueAt())
                .as("delivery %d in due order", i)
                .isGreaterThanOrEqualTo(deliveries.get(i - 1).dueAt());
          }
          assertThat(worstGap[0]).as("longest pause of the event loop while firing, ms").isLessThan(1_000);
          ctx.completeNow();
        })));
  }

  /** Arms timers {@code from}… in chunks of 1,000 per event-loop turn, out of due order. */
  private Future<Void> armChunk(int n, int from, long base) {
    if (from >= n) {
      return Future.succeededFuture();
    }
    return onContext(() -> {
      List<Future<Void>> armed = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + 1_000); i++) {
        int j = (int) ((i * 7_919L) % n);
        armed.add(store.arm(domain, "t" + j, base + j / 50, payload("t" + j)));
      }
      return Future.all(armed).<Void>mapEmpty();
    }).compose(v -> armChunk(n, from + 1_000, base));
  }
}
