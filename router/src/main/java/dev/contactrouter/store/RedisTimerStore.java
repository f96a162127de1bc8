package dev.contactrouter.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timers in Redis sorted sets, scored by due time, claimed atomically by Lua scripts.
 *
 * <p>Keys of a domain {@code d} under prefix {@code p} (the hash tag keeps them in one cluster
 * slot, so the scripts may touch them together):
 *
 * <ul>
 *   <li>{@code p:{d}:due} — sorted set: timer key → due time (epoch millis)
 *   <li>{@code p:{d}:timers} — hash: timer key → {@code {"dueAt":…,"payload":{…}}}, the command
 *   <li>{@code p:{d}:claimed} — sorted set: timer key → lease expiry of a delivery in flight
 *   <li>{@code p:{d}:alive} — marker; its absence means Redis lost the domain's timers
 * </ul>
 *
 * <p>Protocol. <b>Arm</b> and <b>cancel</b> are queued per domain and written in order, one
 * script call at a time, the latest change per key winning (timer group commit: a batch of
 * changes is one round trip, and a cancel can never overtake the arm it follows). <b>Claim</b>
 * (each poll) atomically moves up to a batch of due keys, and deliveries whose lease expired
 * unacknowledged, into {@code claimed} with a new lease and returns them, so of several pollers
 * exactly one gets each due timer. <b>Ack</b> after the domain took the command deletes the timer
 * only if its value is still the one delivered (a timer re-armed meanwhile stays armed); a failed
 * delivery is released back to {@code due} a little later. Delivery is therefore at least once
 * (a node that dies between delivery and ack has its claims delivered again after the lease, or
 * at once when the domain starts again), and every command checks it is still current, so a
 * repeated firing changes nothing.
 *
 * <p><b>Loss.</b> Redis is a timer store, not the source of truth. {@code start} sets the marker;
 * a claim that finds it gone (FLUSHALL, a restart without persistence) sets it again and tells
 * the domain, which re-arms every live timer from its own state. Writes that fail (Redis down)
 * stay queued and are retried until they succeed.
 *
 * <p>All of a domain's work runs on the context that first used the domain (its writer's event
 * loop); Redis replies are handed back to it. Nothing blocks: every step is a future.
 */
public final class RedisTimerStore implements TimerStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisTimerStore.class);
  static final long RETRY_MILLIS = 1000;
  /** How long a domain's stop waits for the Redis calls it made to be answered. */
  static final long STOP_WAIT_MILLIS = 2000;
  /** Most changes written in one script call. */
  static final int MAX_WRITE = 2000;
  /** A delivery later than this past its due time is logged. */
  static final long LATE_MILLIS = 1000;

  static final String WRITE = """
      local i = 1
      while i <= #ARGV do
        local k = ARGV[i + 1]
        if ARGV[i] == 'a' then
          redis.call('ZADD', KEYS[1], ARGV[i + 2], k)
          redis.call('HSET', KEYS[2], k, ARGV[i + 3])
        else
          redis.call('ZREM', KEYS[1], k)
          redis.call('HDEL', KEYS[2], k)
        end
        redis.call('ZREM', KEYS[3], k)
        i = i + 4
      end
      return 1
      """;

  static final String CLAIM = """
      if redis.call('EXISTS', KEYS[4]) == 0 then
        redis.call('SET', KEYS[4], ARGV[4])
        return {'lost'}
      end
      local out = {'ok'}
      local function claim(k)
        local v = redis.call('HGET', KEYS[2], k)
        if v then
          redis.call('ZADD', KEYS[3], ARGV[3], k)
          out[#out + 1] = k
          out[#out + 1] = v
        end
        return v
      end
      local stale = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
      for _, k in ipairs(stale) do
        if not claim(k) then
          redis.call('ZREM', KEYS[3], k)
        end
      end
      local room = tonumber(ARGV[2]) - #stale
      if room > 0 then
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, room)
        for _, k in ipairs(due) do
          redis.call('ZREM', KEYS[1], k)
          claim(k)
        end
      end
      return out
      """;

  /** ARGV: key, value, and the time to retry at ('' = done: forget it). */
  static final String SETTLE = """
      local i = 1
      while i <= #ARGV do
        local k = ARGV[i]
        if redis.call('HGET', KEYS[2], k) == ARGV[i + 1] then
          if ARGV[i + 2] == '' then
            redis.call('HDEL', KEYS[2], k)
            redis.call('ZREM', KEYS[1], k)
          else
            redis.call('ZADD', KEYS[1], ARGV[i + 2], k)
          end
          redis.call('ZREM', KEYS[3], k)
        end
        i = i + 3
      end
      return 1
      """;

  /** On start: the marker, and the previous owner's deliveries in flight go back to due at once. */
  static final String RECLAIM = """
      redis.call('SET', KEYS[4], ARGV[2], 'NX')
      local claimed = redis.call('ZRANGE', KEYS[3], 0, -1)
      for _, k in ipairs(claimed) do
        redis.call('ZREM', KEYS[3], k)
        if redis.call('HEXISTS', KEYS[2], k) == 1 then
          redis.call('ZADD', KEYS[1], ARGV[1], k)
        end
      end
      return #claimed
      """;

  /** Tuning read from the configuration. */
  public record Options(String keyPrefix, long pollMillis, int batchSize, long leaseMillis) {}

  /** What the store has delivered, for logs now and metrics later. */
  public record Stats(long delivered, long late, long maxLatenessMillis, long lostDetected, long writeFailures) {}

  private final Vertx vertx;
  private final Redis client;
  private final RedisAPI redis;
  private final LongSupplier clock;
  private final Options options;
  private final String instance = UUID.randomUUID().toString();
  private final Map<String, Domain> domains = new HashMap<>();
  private final Map<String, String> shas = new HashMap<>();
  private long delivered;
  private long late;
  private long maxLateness;
  private long lostDetected;
  private long writeFailures;
  private boolean closed;

  private record Change(boolean arm, long dueAt, String value) {}

  private static final class Domain {
    final String name;
    final List<String> keys;
    /** Where the domain's work runs: its writer's context (taken again at each start). */
    Context context;
    final LinkedHashMap<String, Change> pending = new LinkedHashMap<>();
    List<Promise<Void>> waiting = new ArrayList<>();
    boolean writing;
    /** The timer that retries a failed write, or -1: cancelled by a stop with the poll's. */
    long retryTimer = -1;
    /** Between a stop and the next start: failed writes stay pending, retried by that start. */
    boolean stopping;
    Function<DueTimer, Future<?>> deliver;
    Runnable lost;
    long pollTimer = -1;
    boolean polling;
    boolean pollFailing;
    long lastLateLog;
    /**
     * Redis calls made from {@link #context} and not answered yet. Their answers are delivered on
     * that context, so a stop waits for them: a writer's context on its own worker pool is closed
     * with the writer, and an answer that came after would be refused by the pool.
     */
    int inFlight;
    /** Completed once no call is in flight, while a stop waits for that. */
    Promise<Void> quiet;

    Domain(String name, List<String> keys, Context context) {
      this.name = name;
      this.keys = keys;
      this.context = context;
    }
  }

  public RedisTimerStore(Vertx vertx, Redis client, LongSupplier clock, Options options) {
    this.vertx = vertx;
    this.client = client;
    this.redis = RedisAPI.api(client);
    this.clock = clock;
    this.options = options;
  }

  /** A pooled client for {@code url} (redis://host:port/db). */
  public static Redis client(Vertx vertx, String url) {
    return Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(url)
        .setMaxPoolSize(4)
        .setMaxPoolWaiting(1024)
        .setMaxWaitingHandlers(16_384));
  }

  /** Answers once Redis does: a way to fail fast on a wrong URL at start. */
  public Future<Void> ping() {
    return redis.ping(List.of()).mapEmpty();
  }

  @Override
  public Future<Void> check() {
    return ping();
  }

  public Stats stats() {
    return new Stats(delivered, late, maxLateness, lostDetected, writeFailures);
  }

  /** The Redis keys of a domain: due, timers, claimed, alive. */
  public List<String> keys(String domain) {
    String base = options.keyPrefix() + ":{" + domain + "}:";
    return List.of(base + "due", base + "timers", base + "claimed", base + "alive");
  }

  // ------------------------------------------------------------------ changes

  @Override
  public Future<Void> arm(String domain, String key, long dueAt, JsonObject payload) {
    return change(domain(domain), key, new Change(true, dueAt, entry(dueAt, payload)));
  }

  /**
   * The value kept under a timer's key in {@code p:{d}:timers}: {@code {"dueAt":…,"payload":{…}}},
   * the payload in {@link dev.contactrouter.store.format.TimerFormat}. Timers armed by one build
   * fire in the next, so this layout changes only as the stored formats do.
   */
  public static String entry(long dueAt, JsonObject payload) {
    return new JsonObject().put("dueAt", dueAt).put("payload", payload).encode();
  }

  /** The timer a value under {@code key} holds (see {@link #entry}). */
  public static DueTimer timer(String domain, String key, String entry) {
    JsonObject stored = new JsonObject(entry);
    return new DueTimer(domain, key, stored.getLong("dueAt"), stored.getJsonObject("payload"));
  }

  @Override
  public Future<Void> cancel(String domain, String key) {
    return change(domain(domain), key, new Change(false, 0, ""));
  }

  private Future<Void> change(Domain d, String key, Change change) {
    Promise<Void> done = Promise.promise();
    Runnable queue = () -> {
      d.pending.remove(key); // re-inserted last: a later change of a key is written after earlier ones
      d.pending.put(key, change);
      d.waiting.add(done);
      write(d);
    };
    if (Vertx.currentContext() == d.context) {
      queue.run();
    } else {
      d.context.runOnContext(v -> queue.run());
    }
    return done.future();
  }

  private void write(Domain d) {
    if (d.writing || d.pending.isEmpty()) {
      return;
    }
    Map<String, Change> batch = new LinkedHashMap<>();
    var it = d.pending.entrySet().iterator();
    while (it.hasNext() && batch.size() < MAX_WRITE) {
      var e = it.next();
      batch.put(e.getKey(), e.getValue());
      it.remove();
    }
    List<Promise<Void>> waiting = d.pending.isEmpty() ? d.waiting : List.of();
    if (d.pending.isEmpty()) {
      d.waiting = new ArrayList<>();
    }
    List<String> args = new ArrayList<>(batch.size() * 4);
    batch.forEach((key, c) -> {
      args.add(c.arm() ? "a" : "c");
      args.add(key);
      args.add(c.arm() ? Long.toString(c.dueAt()) : "");
      args.add(c.value());
    });
    d.writing = true;
    script(d, WRITE, d.keys.subList(0, 3), args).onComplete(ar -> {
      d.writing = false;
      if (ar.succeeded()) {
        waiting.forEach(Promise::tryComplete);
        write(d);
        return;
      }
      writeFailures++;
      if (closed) {
        waiting.forEach(p -> p.tryFail(ar.cause())); // the next owner re-arms from its state
        return;
      }
      LOG.warn("timer writes for domain {} failed ({} changes kept, retrying): {}", d.name, batch.size(),
          ar.cause().getMessage());
      batch.forEach(d.pending::putIfAbsent); // a newer change of the same key wins
      waiting.forEach(p -> p.tryFail(ar.cause()));
      if (d.retryTimer < 0 && !d.stopping) {
        d.retryTimer = vertx.setTimer(RETRY_MILLIS, id -> d.context.runOnContext(v -> {
          d.retryTimer = -1;
          if (!closed) {
            write(d);
          }
        }));
      }
    });
  }

  // ------------------------------------------------------------------ delivery

  @Override
  public Future<Void> start(String domain, Function<DueTimer, Future<?>> deliver) {
    return start(domain, deliver, () -> { });
  }

  @Override
  public Future<Void> start(String domain, Function<DueTimer, Future<?>> deliver, Runnable lost) {
    Domain d = domain(domain);
    Context current = Vertx.currentContext();
    if (current != null) {
      d.context = current; // a writer deployed again runs on a new context
    }
    Promise<Void> started = Promise.promise();
    d.context.runOnContext(v -> {
      d.deliver = deliver;
      d.lost = lost;
      d.stopping = false;
      write(d); // what a stop left pending
      script(d, RECLAIM, d.keys, List.of(Long.toString(clock.getAsLong()), instance)).onComplete(ar -> {
        if (ar.failed()) {
          started.fail(ar.cause());
          return;
        }
        int reclaimed = ar.result().toInteger();
        if (reclaimed > 0) {
          LOG.info("domain {}: {} timer deliveries left unacknowledged by the previous owner go out again", domain, reclaimed);
        }
        d.polling = true;
        poll(d);
        started.complete();
      });
    });
    return started.future();
  }

  @Override
  public Future<Void> stop(String domain) {
    Domain d = domains.get(domain);
    if (d == null) {
      return Future.succeededFuture();
    }
    Promise<Void> stopped = Promise.promise();
    d.context.runOnContext(v -> {
      d.polling = false;
      d.deliver = null;
      d.stopping = true;
      if (d.pollTimer >= 0) {
        vertx.cancelTimer(d.pollTimer);
        d.pollTimer = -1;
      }
      if (d.retryTimer >= 0) {
        // Its context may close with the writer; the changes stay pending for the next start.
        vertx.cancelTimer(d.retryTimer);
        d.retryTimer = -1;
      }
      if (d.inFlight == 0) {
        stopped.complete();
        return;
      }
      // Bounded: a call Redis never answers is failed by the client's own timeout, or given up here.
      Promise<Void> quiet = Promise.promise();
      d.quiet = quiet;
      long giveUp = vertx.setTimer(STOP_WAIT_MILLIS, id -> d.context.runOnContext(w -> {
        if (!quiet.future().isComplete()) {
          LOG.warn("domain {} stopped with {} Redis call(s) still unanswered", domain, d.inFlight);
          quiet.tryComplete();
        }
      }));
      quiet.future().onComplete(done -> {
        vertx.cancelTimer(giveUp);
        stopped.complete();
      });
    });
    return stopped.future();
  }

  @Override
  public boolean durable() {
    return true;
  }

  /** Stops polling and retrying; changes not yet written are dropped (a domain re-arms from its state on start). */
  @Override
  public Future<Void> close() {
    closed = true;
    domains.values().forEach(d -> d.polling = false);
    return client.close();
  }

  private void schedulePoll(Domain d, long delay) {
    if (!d.polling) {
      return;
    }
    if (delay <= 0) {
      d.context.runOnContext(v -> poll(d));
    } else {
      d.pollTimer = vertx.setTimer(delay, id -> d.context.runOnContext(v -> {
        d.pollTimer = -1;
        poll(d);
      }));
    }
  }

  private void poll(Domain d) {
    if (!d.polling || d.deliver == null || closed) {
      return;
    }
    long now = clock.getAsLong();
    List<String> args = List.of(Long.toString(now), Integer.toString(options.batchSize()),
        Long.toString(now + options.leaseMillis()), instance);
    script(d, CLAIM, d.keys, args).onComplete(ar -> {
      if (ar.failed()) {
        if (!d.pollFailing) {
          LOG.warn("polling timers of domain {} failed, retrying: {}", d.name, ar.cause().getMessage());
        }
        d.pollFailing = true;
        schedulePoll(d, Math.max(options.pollMillis(), RETRY_MILLIS));
        return;
      }
      if (d.pollFailing) {
        LOG.info("polling timers of domain {} works again", d.name);
        d.pollFailing = false;
      }
      Response out = ar.result();
      if ("lost".equals(out.get(0).toString())) {
        lostDetected++;
        LOG.warn("Redis lost the timers of domain {} (flushed or restarted empty); re-arming them from the domain's state", d.name);
        if (d.lost != null) {
          d.lost.run();
        }
        schedulePoll(d, 0);
        return;
      }
      deliver(d, out, now);
    });
  }

  private void deliver(Domain d, Response out, long claimedAt) {
    int n = (out.size() - 1) / 2;
    List<Future<?>> deliveries = new ArrayList<>(n);
    List<String> keys = new ArrayList<>(n);
    List<String> values = new ArrayList<>(n);
    long worst = 0;
    for (int i = 1; i + 1 < out.size(); i += 2) {
      String key = out.get(i).toString();
      String value = out.get(i + 1).toString();
      DueTimer timer = timer(d.name, key, value);
      long lateness = claimedAt - timer.dueAt();
      worst = Math.max(worst, lateness);
      if (lateness > LATE_MILLIS) {
        late++;
      }
      keys.add(key);
      values.add(value);
      Future<?> f;
      try {
        f = d.deliver == null ? Future.failedFuture("stopped") : d.deliver.apply(timer);
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      deliveries.add(f);
    }
    delivered += n;
    maxLateness = Math.max(maxLateness, worst);
    if (worst > LATE_MILLIS && claimedAt - d.lastLateLog > 5_000) {
      d.lastLateLog = claimedAt;
      LOG.warn("domain {}: timers delivered up to {} ms after their due time (backlog or outage; {} late so far)",
          d.name, worst, late);
    }
    if (n == 0) {
      schedulePoll(d, options.pollMillis());
      return;
    }
    Future.join(deliveries).onComplete(all -> d.context.runOnContext(v -> {
      List<String> args = new ArrayList<>(n * 3);
      String retryAt = Long.toString(clock.getAsLong() + RETRY_MILLIS);
      for (int i = 0; i < n; i++) {
        args.add(keys.get(i));
        args.add(values.get(i));
        args.add(deliveries.get(i).succeeded() ? "" : retryAt);
      }
      // An ack that fails leaves the claim to expire: the timer is delivered again, harmlessly.
      script(d, SETTLE, d.keys.subList(0, 3), args).onComplete(settled -> {
        if (settled.failed()) {
          LOG.warn("acknowledging timers of domain {} failed: {}", d.name, settled.cause().getMessage());
        }
        schedulePoll(d, n >= options.batchSize() ? 0 : options.pollMillis());
      });
    }));
  }

  // ------------------------------------------------------------------ plumbing

  private Domain domain(String name) {
    return domains.computeIfAbsent(name, n -> {
      Context ctx = Vertx.currentContext();
      return new Domain(n, keys(n), ctx != null ? ctx : vertx.getOrCreateContext());
    });
  }

  /** Runs a script by its digest, loading it on NOSCRIPT; the answer comes back on the domain's context. */
  private Future<Response> script(Domain d, String script, List<String> keys, List<String> args) {
    String sha = shas.computeIfAbsent(script, RedisTimerStore::sha1);
    List<String> call = new ArrayList<>(2 + keys.size() + args.size());
    call.add(sha);
    call.add(Integer.toString(keys.size()));
    call.addAll(keys);
    call.addAll(args);
    Promise<Response> answer = Promise.promise();
    d.inFlight++;
    redis.evalsha(call).recover(err -> {
      if (err.getMessage() != null && err.getMessage().startsWith("NOSCRIPT")) {
        List<String> withText = new ArrayList<>(call);
        withText.set(0, script);
        return redis.eval(withText);
      }
      return Future.failedFuture(err);
    }).onComplete(ar -> d.context.runOnContext(v -> {
      d.inFlight--;
      answer.handle(ar); // may make the next call (a write batch, a settle) before the stop ends
      if (d.inFlight == 0 && d.quiet != null) {
        Promise<Void> quiet = d.quiet;
        d.quiet = null;
        quiet.tryComplete();
      }
    }));
    return answer.future();
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
