package dev.contactrouter.store;

import dev.contactrouter.RouterApp;
import dev.contactrouter.config.RouterConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Durable intake throughput and latency against PostgreSQL: {@code POST /v1/contacts} over HTTP
 * to an engine journaling to a database of its own on the local server, with group commit (the
 * default) and, in the same run, with one journal insert per request ({@code journalBatchMax=1}).
 *
 * <p>For each mode: a warm-up; the peak, closed-loop with {@code concurrency} clients each sending
 * its next request when the last is answered; then a fixed offered load at half that peak,
 * open-loop (requests are sent on schedule whether or not earlier ones were answered, and each
 * latency runs from its scheduled time, so a stall is not hidden by coordinated omission),
 * recorded with HdrHistogram. Contacts go to a queue no agent serves, so each request is exactly
 * one event: one request, one journal insert in the baseline.
 *
 * <p>Run: {@code mvn -B -q -pl router -am test-compile exec:java} (README, Performance).
 * System properties: {@code bench.seconds} (per measured phase, default 10), {@code
 * bench.concurrency} (default 64), {@code bench.rate} (a fixed offered load instead of half the
 * peak), {@code bench.journal=memory} (the in-memory journal instead of PostgreSQL, for
 * comparison), {@code bench.snapshotEvery} (default 10000, as the engine's default; 0 for none). The engine, its HTTP clients and this load generator share
 * the machine's cores.
 */
public record JournalThroughput(Vertx vertx, int seconds, int concurrency) {
  private static final String TELEPHONY = "bench-telephony-key-01";
  private static final String ADMIN = "bench-admin-key-0001";

  /** What one mode measured. */
  record Result(String mode, double peakPerSecond, double offeredPerSecond, double achievedPerSecond,
      Histogram latency, long errors, String load) {}

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("bench.seconds", 10);
    int concurrency = Integer.getInteger("bench.concurrency", 64);
    Vertx vertx = Vertx.vertx();
    try (TestDatabase database = TestDatabase.create(vertx, "bench")) {
      JournalThroughput bench = new JournalThroughput(vertx, seconds, concurrency);
      // Both code paths are compiled before either is measured, so neither is measured colder.
      bench.warmUp(database, "group commit", 2000);
      bench.warmUp(database, "one insert per request", 1);
      Result group = bench.measure(database, "group commit", 2000);
      Result single = bench.measure(database, "one insert per request", 1);
      print(seconds, concurrency, group, single);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private void warmUp(TestDatabase database, String mode, int batchMax) throws Exception {
    RouterApp app = RouterApp.start(vertx, RouterConfig.from(config(database, batchMax))).await(60, TimeUnit.SECONDS);
    WebClient http = client(app);
    try {
      configureQueue(http);
      System.err.printf(Locale.ROOT, "%s: warming up%n", mode);
      closedLoop(vertx.getOrCreateContext(), http, Math.max(3, seconds / 2));
    } finally {
      http.close();
      app.stop().await(30, TimeUnit.SECONDS);
    }
  }

  private JsonObject config(TestDatabase database, int batchMax) {
    return new JsonObject()
        .put("ROUTER_HTTP_PORT", 0)
        .put("ROUTER_HTTP_HOST", "127.0.0.1")
        .put("ROUTER_API_KEYS", TELEPHONY + "=telephony," + ADMIN + "=admin")
        .put("ROUTER_PG_URL", "memory".equals(System.getProperty("bench.journal")) ? "" : database.url())
        .put("ROUTER_DOMAIN", batchMax == 1 ? "bench-single" : "bench-group")
        .put("ROUTER_JOURNAL_BATCH_MAX", batchMax)
        .put("ROUTER_REQUEST_TIMEOUT_MS", 30_000)
        .put("ROUTER_SNAPSHOT_EVERY", Integer.getInteger("bench.snapshotEvery", 10_000));
  }

  private WebClient client(RouterApp app) {
    return WebClient.create(vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(concurrency * 4));
  }

  private static void configureQueue(WebClient http) throws Exception {
    http.put("/v1/queues/intake").putHeader("Authorization", "Bearer " + ADMIN)
        .sendJsonObject(new JsonObject().put("name", "Intake").put("channel", "voice")
            .put("skills", new JsonObject().put("nobody-has-this", 1)))
        .await(30, TimeUnit.SECONDS);
  }

  /** Measures one mode on an engine that recovers the domain its warm-up left. */
  private Result measure(TestDatabase database, String mode, int batchMax) throws Exception {
    RouterApp app = RouterApp.start(vertx, RouterConfig.from(config(database, batchMax))).await(60, TimeUnit.SECONDS);
    Context context = vertx.getOrCreateContext();
    WebClient http = client(app);
    try {
      String loadBefore = loadAverage();
      System.err.printf(Locale.ROOT, "%s: peak, %d clients, %d s%n", mode, concurrency, seconds);
      double peak = closedLoop(context, http, seconds);
      double offered = Double.parseDouble(System.getProperty("bench.rate", String.valueOf(Math.max(1, peak / 2))));
      System.err.printf(Locale.ROOT, "%s: %.0f/s offered (half the peak), %d s%n", mode, offered, seconds);
      Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
      long[] counts = openLoop(context, http, offered, latency);
      return new Result(mode, peak, offered, counts[0] / (double) seconds, latency, counts[1],
          loadBefore + " -> " + loadAverage());
    } finally {
      http.close();
      app.stop().await(30, TimeUnit.SECONDS);
    }
  }

  /** Closed loop: {@code concurrency} clients, each sending again when answered; acknowledged per second. */
  private double closedLoop(Context context, WebClient http, int durationSeconds) throws Exception {
    Promise<Long> done = Promise.promise();
    context.runOnContext(v -> {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
      long[] acked = {0};
      int[] running = {concurrency};
      for (int i = 0; i < concurrency; i++) {
        client(http, end, acked, running, done);
      }
    });
    long acked = done.future().await(durationSeconds + 60L, TimeUnit.SECONDS);
    return acked / (double) durationSeconds;
  }

  private void client(WebClient http, long end, long[] acked, int[] running, Promise<Long> done) {
    if (System.nanoTime() >= end) {
      if (--running[0] == 0) {
        done.complete(acked[0]);
      }
      return;
    }
    create(http).onComplete(ar -> {
      if (ar.succeeded() && ar.result()) {
        acked[0]++;
      }
      client(http, end, acked, running, done);
    });
  }

  /**
   * Open loop at a fixed rate: every millisecond, sends the requests whose scheduled time has come;
   * records each latency from its scheduled time. Returns {acknowledged, errors}.
   */
  private long[] openLoop(Context context, WebClient http, double perSecond, Histogram latency) throws Exception {
    Promise<long[]> done = Promise.promise();
    long total = Math.round(perSecond * seconds);
    context.runOnContext(v -> {
      long start = System.nanoTime();
      double intervalNanos = 1e9 / perSecond;
      long[] sent = {0};
      long[] counts = {0, 0, 0};
      vertx.setPeriodic(1, id -> {
        long now = System.nanoTime();
        while (sent[0] < total && start + (long) (sent[0] * intervalNanos) <= now) {
          long scheduled = start + (long) (sent[0] * intervalNanos);
          sent[0]++;
          create(http).onComplete(ar -> {
            latency.recordValue(Math.max(1, (System.nanoTime() - scheduled) / 1000));
            counts[ar.succeeded() && ar.result() ? 0 : 1]++;
            if (++counts[2] == total) {
              done.complete(new long[] {counts[0], counts[1]});
            }
          });
        }
        if (sent[0] >= total) {
          vertx.cancelTimer(id);
        }
      });
    });
    return done.future().await(seconds + 120L, TimeUnit.SECONDS);
  }

  private Future<Boolean> create(WebClient http) {
    return http.request(HttpMethod.POST, "/v1/contacts")
        .putHeader("Authorization", "Bearer " + TELEPHONY)
        .sendJsonObject(new JsonObject().put("channel", "voice").put("queue", "intake")
            .put("customer", new JsonObject().put("id", "bench").put("tier", "standard")))
        .map(r -> r.statusCode() == 201);
  }

  private static void print(int seconds, int concurrency, Result group, Result single) throws Exception {
    System.out.println();
    System.out.println("Durable intake, POST /v1/contacts -> 201 after the journal commit (PostgreSQL)");
    System.out.printf(Locale.ROOT, "machine: %d cores, %s; %s %s; %s%n",
        Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), "measured phases " + seconds + " s, " + concurrency + " clients at peak");
    System.out.println();
    System.out.println("| mode | peak contacts/s | offered at half peak | achieved | p50 ms | p99 ms | p99.9 ms | max ms"
        + " | errors | 1-min load average (before -> after) |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for (Result r : new Result[] {group, single}) {
      System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f/s | %.0f/s | %.2f | %.2f | %.2f | %.2f | %d | %s |%n",
          r.mode(), r.peakPerSecond(), r.offeredPerSecond(), r.achievedPerSecond(),
          ms(r.latency(), 50), ms(r.latency(), 99), ms(r.latency(), 99.9), r.latency().getMaxValue() / 1000.0,
          r.errors(), r.load());
    }
    double ratio = group.peakPerSecond() / Math.max(1, single.peakPerSecond());
    System.out.println();
    System.out.printf(Locale.ROOT, "group commit / one insert per request: %.1fx (target >= 2x): %s%n", ratio,
        ratio >= 2 ? "met" : "NOT met");
    System.out.printf(Locale.ROOT, "group commit p99 at half peak: %.2f ms (target < 10 ms): %s%n",
        ms(group.latency(), 99), ms(group.latency(), 99) < 10 ? "met" : "NOT met");
  }

  /** The 1-minute load average: other work on the machine skews every figure here. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }

  private static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1000.0;
  }

  private static String cpuModel() throws Exception {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.exists(cpuinfo)) {
      return System.getProperty("os.arch");
    }
    return Files.readAllLines(cpuinfo).stream()
        .filter(l -> l.startsWith("model name"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .findFirst().orElse(System.getProperty("os.arch"));
  }
}
