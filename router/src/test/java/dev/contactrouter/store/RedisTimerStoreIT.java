package dev.contactrouter.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract against the shared Redis on 127.0.0.1:6379 (started by {@code .ci/run}), under a
 * key prefix of this run's own that is deleted afterwards; plus what only Redis can show: two
 * pollers share the work without delivering a timer twice, and a domain whose keys vanish is
 * told to re-arm. Nothing here flushes or restarts the shared server.
 */
class RedisTimerStoreIT extends TimerStoreContract {
  static final String URL = System.getProperty("test.redis.url", "redis://127.0.0.1:6379/0");

  private final String prefix = "test-timers-" + Long.toHexString(System.nanoTime());
  private final List<RedisTimerStore> extra = new ArrayList<>();

  static RedisTimerStore.Options options(String prefix) {
    return new RedisTimerStore.Options(prefix, 20, 1000, 30_000);
  }

  @Override
  protected Future<TimerStore> newStore(Vertx vertx) {
    RedisTimerStore s = new RedisTimerStore(vertx, RedisTimerStore.client(vertx, URL), clock, options(prefix));
    return s.ping().map(v -> s);
  }

  @Override
  protected Future<Void> cleanUp() {
    Redis client = RedisTimerStore.client(vertx, URL);
    RedisAPI api = RedisAPI.api(client);
    List<Future<?>> closing = new ArrayList<>();
    extra.forEach(s -> closing.add(s.stop(domain).compose(v -> s.close())));
    return Future.join(closing)
        .transform(ar -> api.del(((RedisTimerStore) store).keys(domain)))
        .eventually(client::close)
        .mapEmpty();
  }

  @Test
  void twoPollersDeliverEachTimerExactlyOnce(VertxTestContext ctx) {
    RedisTimerStore second = new RedisTimerStore(vertx, RedisTimerStore.client(vertx, URL), clock, options(prefix));
    extra.add(second);
    Map<String, Integer> byKey = new HashMap<>();
    int[] perNode = new int[2];
    int n = 2_000;
    long base = clock.getAsLong() + 300;
    onContext(() -> {
          List<Future<Void>> armed = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            armed.add(store.arm(domain, "k" + i, base + i % 500, payload("k" + i)));
          }
          return Future.all(armed).<Void>mapEmpty();
        })
        .compose(v -> onContext(() -> store.start(domain, t -> {
          byKey.merge(t.key(), 1, Integer::sum);
          perNode[0]++;
          deliveries.add(null);
          return Future.succeededFuture();
        })))
        .compose(v -> onContext(() -> second.start(domain, t -> {
          byKey.merge(t.key(), 1, Integer::sum);
          perNode[1]++;
          deliveries.add(null);
          return Future.succeededFuture();
        })))
        .compose(v -> advance(800)) // every timer due at once: both pollers go for them
        .compose(v -> awaitDeliveries(n, 20_000))
        .compose(v -> pause(500))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(byKey).hasSize(n);
          assertThat(byKey.values()).allMatch(c -> c == 1);
          assertThat(perNode[0] + perNode[1]).isEqualTo(n);
          ctx.completeNow();
        })));
  }

  /**
   * A stop waits for the Redis calls the domain made: their answers run on the domain's context,
   * which for a writer on its own worker pool closes with the writer (an answer after that was
   * refused by the closed pool, "Unhandled exception" in DoubleStartIT). Redis holds the write back
   * with CLIENT PAUSE, so the arm is still unanswered when the stop is asked for.
   */
  @Test
  void aStopWaitsForTheCallsInFlight(VertxTestContext ctx) {
    Redis admin = RedisTimerStore.client(vertx, URL);
    Future<Void>[] armed = new Future[1];
    boolean[] armedWhenStopped = new boolean[1];
    onContext(() -> store.start(domain, recording()))
        .compose(v -> RedisAPI.api(admin).client(List.of("PAUSE", "600", "WRITE")))
        .compose(v -> onContext(() -> {
          armed[0] = store.arm(domain, "sla:c1", clock.getAsLong() + 60_000, payload("sla:c1"));
          return store.stop(domain).onComplete(done -> armedWhenStopped[0] = armed[0].isComplete());
        }))
        .compose(v -> armed[0])
        .eventually(admin::close)
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(armedWhenStopped[0]).as("the arm was answered before the stop ended").isTrue();
          ctx.completeNow();
        })));
  }

  @Test
  void aDomainWhoseKeysVanishIsToldToReArm(VertxTestContext ctx) {
    int[] lost = {0};
    RedisTimerStore redis = (RedisTimerStore) store;
    Redis client = RedisTimerStore.client(vertx, URL);
    onContext(() -> store.start(domain, recording(), () -> lost[0]++))
        .compose(v -> arm("sla:c1", clock.getAsLong() + 60_000))
        .compose(v -> RedisAPI.api(client).del(redis.keys(domain))) // as FLUSHALL would, for this domain only
        .compose(v -> pause(500))
        .compose(v -> {
          ctx.verify(() -> assertThat(lost[0]).as("loss reported once").isEqualTo(1));
          // The domain re-arms from its state: the timer is there again and fires.
          return arm("sla:c1", clock.getAsLong() + 100);
        })
        .compose(v -> advance(100))
        .compose(v -> awaitDeliveries(1, 5_000))
        .eventually(client::close)
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(deliveries).extracting(Delivery::key).containsExactly("sla:c1");
          assertThat(lost[0]).isEqualTo(1);
          assertThat(redis.stats().lostDetected()).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  @Test
  void aDeliveryLeftUnacknowledgedIsDeliveredAgainWhenTheDomainStartsAgain(VertxTestContext ctx) {
    io.vertx.core.Promise<Void> never = io.vertx.core.Promise.promise(); // the writer died mid-delivery
    onContext(() -> store.start(domain, t -> {
          deliveries.add(new Delivery(t.key(), t.dueAt(), clock.getAsLong(), t.payload()));
          return never.future();
        }))
        .compose(v -> arm("offer:c9.1", clock.getAsLong() + 100))
        .compose(v -> advance(100))
        .compose(v -> awaitDeliveries(1, 5_000))
        .compose(v -> onContext(() -> store.stop(domain)))
        .compose(v -> start(recording()))
        .compose(v -> awaitDeliveries(2, 5_000))
        .compose(v -> pause(500))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(deliveries).extracting(Delivery::key).containsExactly("offer:c9.1", "offer:c9.1");
          ctx.completeNow();
        })));
  }
}
