package dev.contactrouter.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * One client event loop sending {@code POST} requests on a fixed schedule: request {@code k} is
 * due at {@code start + k / rate}, whatever happened to the requests before it, and its latency is
 * measured from that intended time, not from when it actually went out. A server that stalls
 * therefore shows in the latency of every request it delayed (no coordinated omission).
 *
 * <p>At most {@code maxInFlight} requests are outstanding; past that the lane falls behind the
 * schedule. Offered below capacity, the figures are the latency at that load. Offered above it,
 * the acknowledged rate is the target's capacity and the latency is how far behind the schedule
 * the target has fallen (it grows with the run, by design), and the requests due but never sent
 * are counted, not hidden.
 *
 * <p>The measured window is a span of wall-clock time after a warm-up: responses that arrive in it
 * are counted and their latency (from intended send time) recorded.
 */
final class IntakeLane extends VerticleBase {

  /**
   * @param authorization the Authorization header value, or null
   * @param startNanos {@link System#nanoTime} of the first request
   * @param collectIds keep the id of every contact answered 201 (to read them back afterwards)
   */
  record Plan(
      String host,
      int port,
      String path,
      String authorization,
      Buffer body,
      double ratePerSecond,
      long startNanos,
      long warmupNanos,
      long measureNanos,
      int maxInFlight,
      int connections,
      long drainNanos,
      boolean collectIds) {}

  /**
   * What one lane saw in its measured window; {@code acknowledgedIds} holds every contact answered
   * 201 during the whole run (warm-up and drain too), so they can be read back afterwards.
   */
  static final class Result {
    long sent;
    long acknowledged;
    long failed;
    /** 503s: refused (shed, or the domain unavailable); counted in {@link #failed} too. */
    long refused;
    long notSent;
    String firstFailure;
    /** Every answer, from intended send time. */
    final Latency latency = new Latency();
    /** 2xx answers only, from intended send time. */
    final Latency acknowledgedLatency = new Latency();
    /** 503 answers only, from when the request actually went out: the time to refuse. */
    final Latency refusalLatency = new Latency();
    final java.util.List<String> acknowledgedIds = new java.util.ArrayList<>();
    /** Of {@link #acknowledgedIds}, how many were read back afterwards, and which were not (when checked). */
    long readBack = -1;
    java.util.List<String> lost = java.util.List.of();

    void add(Result other) {
      sent += other.sent;
      acknowledged += other.acknowledged;
      failed += other.failed;
      refused += other.refused;
      notSent += other.notSent;
      if (firstFailure == null) {
        firstFailure = other.firstFailure;
      }
      latency.add(other.latency);
      acknowledgedLatency.add(other.acknowledgedLatency);
      refusalLatency.add(other.refusalLatency);
      acknowledgedIds.addAll(other.acknowledgedIds);
    }
  }

  private final Plan plan;
  private final Promise<Result> finished = Promise.promise();
  private final Result result = new Result();
  private WebClient client;
  private long pacer = -1;
  private long index;
  private int inFlight;
  private long periodNanos;
  private long measureFrom;
  private long measureUntil;

  IntakeLane(Plan plan) {
    this.plan = plan;
  }

  /** Completes once the schedule has ended and outstanding requests are answered (or the drain ran out). */
  Future<Result> finished() {
    return finished.future();
  }

  @Override
  public Future<?> start() {
    client = WebClient.create(vertx,
        new WebClientOptions().setDefaultHost(plan.host()).setDefaultPort(plan.port()).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(plan.connections()));
    periodNanos = (long) (1e9 / plan.ratePerSecond());
    measureFrom = plan.startNanos() + plan.warmupNanos();
    measureUntil = measureFrom + plan.measureNanos();
    pacer = vertx.setPeriodic(1, id -> tick());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (pacer >= 0) {
      vertx.cancelTimer(pacer);
    }
    client.close();
    return Future.succeededFuture();
  }

  private void tick() {
    long now = System.nanoTime();
    long intended = plan.startNanos() + index * periodNanos;
    while (intended <= now && intended < measureUntil && inFlight < plan.maxInFlight()) {
      send(intended, now);
      index++;
      intended = plan.startNanos() + index * periodNanos;
    }
    if (now >= measureUntil) {
      vertx.cancelTimer(pacer);
      pacer = -1;
      // Due within the schedule but never sent: the lane was at its in-flight limit.
      long due = (measureUntil - plan.startNanos() + periodNanos - 1) / periodNanos;
      result.notSent = Math.max(0, due - index);
      drain(now + plan.drainNanos());
    }
  }

  private void drain(long deadline) {
    if (inFlight == 0 || System.nanoTime() >= deadline) {
      finished.tryComplete(result);
      return;
    }
    vertx.setTimer(10, id -> drain(deadline));
  }

  private void send(long intended, long now) {
    inFlight++;
    if (now >= measureFrom) {
      result.sent++;
    }
    HttpRequest<Buffer> request = client.post(plan.path()).putHeader("Content-Type", "application/json");
    if (plan.authorization() != null) {
      request.putHeader("Authorization", plan.authorization());
    }
    long sentAt = System.nanoTime();
    request.sendBuffer(plan.body()).onComplete(ar -> {
      inFlight--;
      long done = System.nanoTime();
      if (plan.collectIds() && ar.succeeded() && ar.result().statusCode() == 201) {
        String id = idOf(ar.result().bodyAsString());
        if (id != null) {
          result.acknowledgedIds.add(id);
        }
      }
      if (done < measureFrom || done >= measureUntil) {
        return;
      }
      result.latency.recordNanos(done - intended);
      if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
        result.acknowledged++;
        result.acknowledgedLatency.recordNanos(done - intended);
      } else {
        result.failed++;
        if (ar.succeeded() && ar.result().statusCode() == 503) {
          result.refused++;
          result.refusalLatency.recordNanos(done - sentAt);
        }
        if (result.firstFailure == null) {
          result.firstFailure = ar.succeeded()
              ? ar.result().statusCode() + " " + ar.result().bodyAsString()
              : String.valueOf(ar.cause());
        }
      }
    });
  }

  /** The {@code id} of a 201's JSON body (the engine's contact), or null (the bare endpoint's has none). */
  private static String idOf(String body) {
    try {
      return new io.vertx.core.json.JsonObject(body).getString("id");
    } catch (RuntimeException e) {
      return null;
    }
  }
}
