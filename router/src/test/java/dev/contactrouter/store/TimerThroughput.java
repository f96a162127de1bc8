package dev.contactrouter.store;

import static dev.contactrouter.testing.Await.await;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Timer arm and fire throughput of {@link RedisTimerStore} against a real Redis, printed beside
 * {@code redis-benchmark -t zadd} on the same server in the same run. Run from the repository root:
 *
 * <pre>
 * mvn -B -q install -DskipTests && mvn -B -q -pl router exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.contactrouter.store.TimerThroughput -Dexec.args="redis://127.0.0.1:6379/0 100000 5"
 * </pre>
 *
 * <p>Arm: N timers armed from one domain writer's event loop (as its batches arm them: 1,000 per
 * turn), until every write is acknowledged by Redis. Fire: the same N, all due, claimed, delivered
 * to a writer that takes each at once, and acknowledged. Keys go under a prefix of the run's own
 * and are deleted afterwards. Timings on a shared 2-core machine are noisy: run it a few times.
 */
public final class TimerThroughput {
  /** A bound on each step of a round, far above what 100,000 timers take. */
  private static final Duration WAIT = Duration.ofSeconds(300);

  private TimerThroughput() {}

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "redis://127.0.0.1:6379/0";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    System.out.printf(Locale.ROOT, "machine: %d cores, %s; %s %s; Redis %s%n",
        Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), url);
    Vertx vertx = Vertx.vertx();
    try {
      for (int round = 1; round <= rounds; round++) {
        double[] rates = round(vertx, url, n);
        System.out.printf(Locale.ROOT, "round %d: arm %,.0f timers/s, fire %,.0f timers/s (%,d timers)%n",
            round, rates[0], rates[1], n);
      }
      System.out.println("redis-benchmark -t zadd -n " + n + " -q (50 clients, no pipelining): " + zaddBenchmark(url, n, 1));
      System.out.println("redis-benchmark -t zadd -n " + n + " -P 16 -q (50 clients, pipelined): " + zaddBenchmark(url, n, 16));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static double[] round(Vertx vertx, String url, int n) throws Exception {
    String prefix = "bench-timers-" + Long.toHexString(System.nanoTime());
    String domain = "bench";
    RedisTimerStore store = new RedisTimerStore(vertx, RedisTimerStore.client(vertx, url), System::currentTimeMillis,
        new RedisTimerStore.Options(prefix, 10, 1000, 30_000));
    Context ctx = vertx.getOrCreateContext();
    try {
      long due = System.currentTimeMillis() - 1; // all due as soon as delivery starts
      long t0 = System.nanoTime();
      await(onContext(ctx, () -> armChunk(store, domain, n, 0, due)), WAIT);
      long armNanos = System.nanoTime() - t0;

      int[] delivered = {0};
      Promise<Void> all = Promise.promise();
      long t1 = System.nanoTime();
      await(onContext(ctx, () -> store.start(domain, t -> {
        if (++delivered[0] == n) {
          all.tryComplete();
        }
        return Future.succeededFuture();
      })), WAIT);
      await(all.future(), WAIT);
      long fireNanos = System.nanoTime() - t1;
      return new double[] {n / (armNanos / 1e9), n / (fireNanos / 1e9)};
    } finally {
      await(onContext(ctx, () -> store.stop(domain)), WAIT);
      RedisAPI api = RedisAPI.api(RedisTimerStore.client(vertx, url));
      await(api.del(store.keys(domain)), WAIT);
      api.close();
      await(store.close(), WAIT);
    }
  }

  private static Future<Void> armChunk(RedisTimerStore store, String domain, int n, int from, long due) {
    if (from >= n) {
      return Future.succeededFuture();
    }
    List<Future<Void>> armed = new ArrayList<>(1000);
    for (int i = from; i < Math.min(n, from + 1000); i++) {
      armed.add(store.arm(domain, "sla:c" + i, due + i % 1000,
          new JsonObject().put("type", "reach_sla_point").put("actor", "timer").put("contactId", "c" + i).put("point", 0)));
    }
    return Future.all(armed).compose(v -> armChunk(store, domain, n, from + 1000, due));
  }

  private static <T> Future<T> onContext(Context ctx, java.util.function.Supplier<Future<T>> step) {
    Promise<T> p = Promise.promise();
    ctx.runOnContext(v -> step.get().onComplete(p));
    return p.future();
  }

  private static String zaddBenchmark(String url, int n, int pipeline) throws IOException, InterruptedException {
    java.net.URI uri = java.net.URI.create(url);
    Process p = new ProcessBuilder("redis-benchmark", "-h", uri.getHost(), "-p", Integer.toString(uri.getPort()),
        "-t", "zadd", "-n", Integer.toString(n), "-P", Integer.toString(pipeline), "-q")
        .redirectErrorStream(true).start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out";
    }
    String out = new String(p.getInputStream().readAllBytes());
    // Quiet mode rewrites its progress line with carriage returns: keep the final figure.
    String[] parts = out.split("[\r\n]");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (parts[i].contains("requests per second")) {
        return parts[i].strip();
      }
    }
    return out.strip();
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException e) {
      // not Linux: leave it out
    }
    return "unknown CPU";
  }
}
