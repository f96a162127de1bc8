package dev.contactrouter.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A share of a simulated contact centre, run on one client event loop: the callers of some queues
 * and the agents who serve them, all talking to the engine exactly as real clients do (a telephony
 * key for contacts and hang-ups, each agent's own key and WebSocket for offers and answers).
 *
 * <ul>
 *   <li>Callers arrive as a Poisson process per queue, on a schedule fixed in advance: each
 *       contact's intended arrival time is drawn before the run, and every latency and wait is
 *       measured from it (no coordinated omission).
 *   <li>An agent accepts each offer after a think time, handles the contact for an exponentially
 *       distributed time, completes it, sits out the queue's wrap-up and is offered the next.
 *   <li>A caller not answered within an exponentially distributed patience hangs up (abandon).
 * </ul>
 *
 * <p>Times measured: offer latency (intended arrival to the offer reaching the agent's socket, for
 * contacts the engine could offer at once), wait (intended arrival to the offer that was then
 * accepted, for answered contacts), and each agent's time per contact (offer to ready again).
 */
final class CentreLane extends VerticleBase {

  record Plan(
      String host,
      int port,
      LoadKeys keys,
      List<Integer> queues,
      List<Integer> agents,
      LoadOptions options,
      int lane,
      String runId,
      int maxContacts) {}

  /** What one lane saw; lanes are merged with {@link #add}. */
  static final class Result {
    long created;
    long acknowledged;
    long failed;
    long offeredAtOnce;
    long queuedAtArrival;
    long answered;
    long abandoned;
    long completed;
    long acceptRefused;
    long missedOffers;
    long unsettled;
    long sales;
    long complaintsOpened;
    long caseSteps;
    long casesClosed;
    long returnVisits;
    String firstFailure;
    final Latency offerLatency = new Latency();
    final Latency ackLatency = new Latency();
    final Latency waits = new Latency();
    final Latency serviceTimes = new Latency();
    final Latency sendLag = new Latency();

    void add(Result o) {
      created += o.created;
      acknowledged += o.acknowledged;
      failed += o.failed;
      offeredAtOnce += o.offeredAtOnce;
      queuedAtArrival += o.queuedAtArrival;
      answered += o.answered;
      abandoned += o.abandoned;
      completed += o.completed;
      acceptRefused += o.acceptRefused;
      missedOffers += o.missedOffers;
      unsettled += o.unsettled;
      sales += o.sales;
      complaintsOpened += o.complaintsOpened;
      caseSteps += o.caseSteps;
      casesClosed += o.casesClosed;
      returnVisits += o.returnVisits;
      if (firstFailure == null) {
        firstFailure = o.firstFailure;
      }
      offerLatency.add(o.offerLatency);
      ackLatency.add(o.ackLatency);
      waits.add(o.waits);
      serviceTimes.add(o.serviceTimes);
      sendLag.add(o.sendLag);
    }
  }

  /** One caller's contact, as the simulation knows it. */
  private static final class Call {
    final String externalId;
    final long intended;
    /** Arrived in the measured window (after the warm-up): only these are counted. */
    final boolean measured;
    String contactId;
    boolean immediate;
    long firstOfferAt;
    boolean answered;
    boolean settled;
    boolean hangUpPending;
    long patienceTimer = -1;

    Call(String externalId, long intended, boolean measured) {
      this.externalId = externalId;
      this.intended = intended;
      this.measured = measured;
    }
  }

  private static final class Agent {
    final String id;
    final String authorization;
    WebSocket socket;
    /** When the contact it last completed was offered, while waiting for wrap-up to end; else -1. */
    long inWrapUpSince = -1;

    Agent(String id, String key) {
      this.id = id;
      this.authorization = "Bearer " + key;
    }
  }

  private final Plan plan;
  private final LoadOptions o;
  private final String telephony;
  private final Result result = new Result();
  private final Promise<Result> finished = Promise.promise();
  private final Map<String, Call> calls = new HashMap<>();
  private final Map<String, Agent> agents = new HashMap<>();
  private final SplittableRandom random;
  private WebClient http;
  private WebSocketClient sockets;
  private long[] nextArrival;
  private long start;
  private long measureFrom;
  private long end;
  private long arrivals;
  private long pacer = -1;
  private long open;

  CentreLane(Plan plan) {
    this.plan = plan;
    this.o = plan.options();
    this.telephony = "Bearer " + plan.keys().telephony();
    this.random = new SplittableRandom(o.seed() * 31 + plan.lane());
  }

  Future<Result> finished() {
    return finished.future();
  }

  /** Connects every agent's socket and makes it available; the run itself starts with {@link #begin}. */
  @Override
  public Future<?> start() {
    http = WebClient.create(vertx,
        new WebClientOptions().setDefaultHost(plan.host()).setDefaultPort(plan.port()).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(o.connections()));
    sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(plan.agents().size() + 16)
        .setMaxMessageSize(256 * 1024));
    List<Supplier<Future<?>>> logins = new ArrayList<>();
    for (int i : plan.agents()) {
      String id = LoadKeys.agentId(i);
      Agent a = new Agent(id, plan.keys().agents().get(id));
      agents.put(id, a);
      logins.add(() -> login(a));
    }
    return Bounded.all(logins, 32);
  }

  @Override
  public Future<?> stop() {
    if (pacer >= 0) {
      vertx.cancelTimer(pacer);
    }
    agents.values().forEach(a -> {
      if (a.socket != null) {
        a.socket.close();
      }
    });
    http.close();
    return sockets.close();
  }

  /**
   * Runs arrivals from {@code startNanos} to {@code endNanos}, counting those from {@code
   * measureFromNanos} on, then drains. Callable from any thread.
   */
  void begin(long startNanos, long measureFromNanos, long endNanos) {
    context.runOnContext(v -> {
      start = startNanos;
      measureFrom = measureFromNanos;
      end = endNanos;
      nextArrival = new long[plan.queues().size()];
      for (int q = 0; q < nextArrival.length; q++) {
        nextArrival[q] = start + gapNanos();
      }
      pacer = vertx.setPeriodic(1, id -> tick());
    });
  }

  // ------------------------------------------------------------ callers

  private void tick() {
    long now = System.nanoTime();
    boolean more = false;
    for (int q = 0; q < nextArrival.length; q++) {
      while (nextArrival[q] <= now && nextArrival[q] < end && arrivals < plan.maxContacts()) {
        arrive(plan.queues().get(q), nextArrival[q]);
        nextArrival[q] += gapNanos();
      }
      more |= nextArrival[q] < end && arrivals < plan.maxContacts();
    }
    if (!more) {
      vertx.cancelTimer(pacer);
      pacer = -1;
      drain(now + o.drainSeconds() * 1_000_000_000L);
    }
  }

  /** Exponential gap between two arrivals of one queue. */
  private long gapNanos() {
    double perQueue = o.rate() / o.queues();
    return (long) (exponential(1.0 / perQueue) * 1e9);
  }

  private void arrive(int queue, long intended) {
    arrivals++;
    open++;
    String externalId = plan.runId() + "-" + plan.lane() + "-" + arrivals;
    Call call = new Call(externalId, intended, intended >= measureFrom);
    if (call.measured) {
      result.created++;
    }
    calls.put(externalId, call);
    long patience = (long) (exponential(o.patienceMillis()) * 1_000_000L);
    call.patienceTimer = vertx.setTimer(Math.max(1, (intended + patience - System.nanoTime()) / 1_000_000L),
        id -> patienceRanOut(call));
    JsonObject body = new JsonObject()
        .put("channel", "voice")
        .put("queue", "lg-q" + queue)
        .put("externalId", externalId)
        .put("customer", new JsonObject().put("id", "caller-" + arrivals).put("tier", "standard"));
    if (call.measured) {
      result.sendLag.recordNanos(System.nanoTime() - intended);
    }
    request(HttpMethod.POST, "/v1/contacts", telephony).sendJsonObject(body).onComplete(ar -> {
      long now = System.nanoTime();
      if (ar.failed() || ar.result().statusCode() != 201) {
        failure("POST /v1/contacts", ar.failed() ? null : ar.result(), ar.cause());
        settle(call);
        return;
      }
      JsonObject created = ar.result().bodyAsJsonObject();
      call.contactId = created.getString("id");
      call.immediate = "offered".equals(created.getString("status"));
      if (call.measured) {
        result.acknowledged++;
        result.ackLatency.recordNanos(now - intended);
        if (call.immediate) {
          result.offeredAtOnce++;
          if (call.firstOfferAt != 0) {
            result.offerLatency.recordNanos(call.firstOfferAt - intended);
          }
        } else {
          result.queuedAtArrival++;
        }
      }
      if (call.hangUpPending) {
        hangUp(call);
      }
    });
  }

  private void patienceRanOut(Call call) {
    call.patienceTimer = -1;
    if (call.answered || call.settled) {
      return;
    }
    if (call.contactId == null) {
      call.hangUpPending = true; // not even acknowledged yet: hang up once it is
    } else {
      hangUp(call);
    }
  }

  private void hangUp(Call call) {
    call.hangUpPending = false;
    request(HttpMethod.POST, "/v1/contacts/" + call.contactId + "/abandon", telephony).send().onComplete(ar -> {
      if (ar.succeeded() && ar.result().statusCode() == 200) {
        if (call.measured) {
          result.abandoned++;
        }
        settle(call);
      } else if (ar.failed() || ar.result().statusCode() != 409) {
        failure("abandon", ar.failed() ? null : ar.result(), ar.cause());
      } // 409: answered meanwhile, the agent completes it
    });
  }

  private void settle(Call call) {
    if (!call.settled) {
      call.settled = true;
      open--;
      calls.remove(call.externalId);
      if (call.patienceTimer >= 0) {
        vertx.cancelTimer(call.patienceTimer);
        call.patienceTimer = -1;
      }
    }
  }

  private void drain(long deadline) {
    if (open == 0 || System.nanoTime() >= deadline) {
      result.unsettled = open;
      List<Supplier<Future<?>>> logouts = new ArrayList<>();
      agents.values().forEach(a -> logouts.add(() -> status(a, "offline").recover(err -> Future.succeededFuture())));
      Bounded.all(logouts, 32).onComplete(ar -> finished.tryComplete(result));
      return;
    }
    vertx.setTimer(20, id -> drain(deadline));
  }

  // ------------------------------------------------------------ agents

  private Future<Void> login(Agent a) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(plan.host()).setPort(plan.port())
        .setURI("/v1/agents/" + a.id + "/ws")
        .addHeader("Authorization", a.authorization);
    return sockets.connect(options).compose(ws -> {
      a.socket = ws;
      ws.textMessageHandler(text -> onAgentMessage(a, new JsonObject(text)));
      return status(a, "available");
    });
  }

  private Future<Void> status(Agent a, String status) {
    return request(HttpMethod.PUT, "/v1/agents/" + a.id + "/status", a.authorization)
        .sendJsonObject(new JsonObject().put("status", status))
        .compose(r -> r.statusCode() == 200
            ? Future.<Void>succeededFuture()
            : Future.failedFuture("PUT status " + status + " for " + a.id + " -> " + r.statusCode() + " " + r.bodyAsString()));
  }

  private void onAgentMessage(Agent a, JsonObject msg) {
    switch (msg.getString("type", "")) {
      case "offer" -> onOffer(a, msg);
      case "state" -> onState(a, msg.getJsonObject("agent", new JsonObject()));
      default -> { } // assigned, offer_revoked, contact_removed: nothing to do
    }
  }

  private void onOffer(Agent a, JsonObject msg) {
    long offeredAt = System.nanoTime();
    String offerId = msg.getString("offerId");
    JsonObject contact = msg.getJsonObject("contact", new JsonObject());
    Call call = calls.get(contact.getString("externalId", ""));
    if (call != null && call.firstOfferAt == 0) {
      call.firstOfferAt = offeredAt;
      if (call.immediate && call.measured) {
        result.offerLatency.recordNanos(offeredAt - call.intended);
      }
    }
    if (o.thinkMillis() == 0) {
      accept(a, offerId, contact, call, offeredAt);
    } else {
      vertx.setTimer(o.thinkMillis(), id -> accept(a, offerId, contact, call, offeredAt));
    }
  }

  private void accept(Agent a, String offerId, JsonObject contact, Call call, long offeredAt) {
    String contactId = contact.getString("id");
    String caseId = ServiceMix.caseOf(contact);
    String path = "/v1/offers/" + offerId + "/accept";
    request(HttpMethod.POST, path, a.authorization, offerId + "-accept").send().onComplete(ar -> {
      if (ar.succeeded() && ar.result().statusCode() == 200) {
        if (call != null) {
          call.answered = true;
          if (call.measured) {
            result.answered++;
            result.waits.recordNanos(offeredAt - call.intended);
          }
          if (call.patienceTimer >= 0) {
            vertx.cancelTimer(call.patienceTimer);
            call.patienceTimer = -1;
          }
        }
        long handle = Math.max(1, Math.round(exponential(o.handleMillis())));
        if (caseId != null) {
          vertx.setTimer(handle, id -> caseStep(a, caseId, ServiceMix.stepFor(ServiceMix.stageOf(contact))));
        } else if (call != null && random.nextDouble() < o.mix().complaintShare()) {
          vertx.setTimer(handle, id -> openComplaint(a, contactId).onComplete(v -> complete(a, contactId, call, offeredAt)));
        } else {
          vertx.setTimer(handle, id -> complete(a, contactId, call, offeredAt));
        }
      } else if (ar.succeeded() && ar.result().statusCode() == 409) {
        if (call != null && call.measured) {
          result.acceptRefused++; // the caller hung up while it rang
        }
      } else {
        failure("accept", ar.failed() ? null : ar.result(), ar.cause());
      }
    });
  }

  private void complete(Agent a, String contactId, Call call, long offeredAt) {
    boolean sale = call != null && random.nextDouble() < o.mix().saleShare();
    request(HttpMethod.POST, "/v1/contacts/" + contactId + "/complete", a.authorization, contactId + "-complete")
        .sendJsonObject(new JsonObject().put("disposition", sale ? ServiceMix.SALE : "done"))
        .onComplete(ar -> {
          if (ar.succeeded() && ar.result().statusCode() == 200) {
            result.sales += sale ? 1 : 0;
            result.returnVisits += call == null ? 1 : 0; // the lane's only other contacts

            if (call != null && call.measured) {
              result.completed++;
            }
            if (o.wrapUpSeconds() == 0) {
              if (offeredAt >= measureFrom) {
                result.serviceTimes.recordNanos(System.nanoTime() - offeredAt);
              }
            } else {
              a.inWrapUpSince = offeredAt;
            }
          } else {
            failure("complete", ar.failed() ? null : ar.result(), ar.cause());
          }
          if (call != null) {
            settle(call);
          }
        });
  }

  // ------------------------------------------------------------ complaint cases

  /** The agent opens a complaint case from the call it holds; a failure is counted, the call goes on. */
  private Future<Void> openComplaint(Agent a, String contactId) {
    return request(HttpMethod.POST, "/v1/complaints", a.authorization, contactId + "-complaint")
        .sendJsonObject(new JsonObject().put("contactId", contactId).put("summary", "soak complaint"))
        .transform(ar -> {
          if (ar.succeeded() && ar.result().statusCode() == 201) {
            result.complaintsOpened++;
          } else {
            failure("open complaint", ar.failed() ? null : ar.result(), ar.cause());
          }
          return Future.succeededFuture();
        });
  }

  /** The agent holding a case's work item takes the case's next step (after feedback, it closes it too). */
  private void caseStep(Agent a, String caseId, String step) {
    request(HttpMethod.POST, "/v1/complaints/" + caseId + "/" + step, a.authorization, caseId + "-" + step)
        .sendJsonObject(ServiceMix.stepBody(step))
        .onComplete(ar -> {
          if (ar.failed() || ar.result().statusCode() != 200) {
            failure("complaint " + step, ar.failed() ? null : ar.result(), ar.cause());
            return;
          }
          result.caseSteps++;
          if (step.equals("close")) {
            result.casesClosed++;
          } else if (step.equals("feedback")) {
            caseStep(a, caseId, "close");
          }
        });
  }

  private void onState(Agent a, JsonObject agent) {
    String status = agent.getString("status", "");
    if (a.inWrapUpSince >= 0 && status.equals("available")) {
      if (a.inWrapUpSince >= measureFrom) {
        result.serviceTimes.recordNanos(System.nanoTime() - a.inWrapUpSince);
      }
      a.inWrapUpSince = -1;
    }
    if (status.equals("not_ready") && "missed-offer".equals(agent.getString("reason"))) {
      result.missedOffers++; // the think time outlasted the offer: come back
      status(a, "available").onFailure(err -> failure("available again", null, err));
    }
  }

  // ------------------------------------------------------------ helpers

  private HttpRequest<Buffer> request(HttpMethod method, String path, String authorization) {
    return http.request(method, path).putHeader("Authorization", authorization);
  }

  /** An agent's call, with {@code idempotencyKey} as its Idempotency-Key when the mix asks for keys. */
  private HttpRequest<Buffer> request(HttpMethod method, String path, String authorization, String idempotencyKey) {
    HttpRequest<Buffer> r = request(method, path, authorization);
    return o.mix().idempotencyKeys() ? r.putHeader("Idempotency-Key", idempotencyKey) : r;
  }

  private void failure(String what, HttpResponse<Buffer> response, Throwable cause) {
    result.failed++;
    if (result.firstFailure == null) {
      result.firstFailure = what + ": " + (response != null
          ? response.statusCode() + " " + response.bodyAsString()
          : String.valueOf(cause));
    }
  }

  private double exponential(double mean) {
    return -mean * Math.log(1 - random.nextDouble());
  }
}
