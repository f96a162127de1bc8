package dev.contactrouter.telephony;

import dev.contactrouter.telephony.Action.CreateContact;
import dev.contactrouter.telephony.Action.Report;
import dev.contactrouter.telephony.Action.ToSwitch;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge: Kamailio's calls on one side ({@link SwitchLink}, evapi), the engine's public API on
 * the other ({@link Engine}, {@link EventStream}), and the {@link CallBook} deciding in between.
 * Everything runs on this verticle's event loop; every I/O step is asynchronous.
 *
 * <p>Start-up and recovery: connected to the switch, the bridge asks it for its calls (sync) and
 * takes them up; then it opens the event stream from the last event id the switch kept for it,
 * so offers made while it was away are replayed. Every {@code reconcileEvery} it tells the engine
 * which calls the switch has; the engine closes contacts whose calls are gone, and the bridge
 * releases calls the engine no longer knows.
 */
public final class BridgeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeVerticle.class);

  private final BridgeConfig config;
  private CallBook book;
  private Engine engine;
  private SwitchLink link;
  private EventStream events;
  private HttpServer status;
  /** The switch's calls are in the book since the last (re)connection to it. */
  private boolean synced;
  private String markedEventId;
  private boolean reconciling;
  private final Map<String, Future<Void>> reportChains = new HashMap<>();
  /** The entries of a sync in progress. */
  private final Map<String, String> syncEntries = new LinkedHashMap<>();
  private final Set<String> unreportedHangups = new LinkedHashSet<>();
  private long reconciliations;

  public BridgeVerticle(BridgeConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    book = new CallBook(config);
    engine = new Engine(vertx, config);
    link = new SwitchLink(vertx, config.evapiHost(), config.evapiPort(), this::onSwitch, this::onSwitchConnected);
    vertx.setPeriodic(config.reconcileEvery().toMillis(), id -> reconcile());
    vertx.setPeriodic(1_000, id -> mark());
    link.start().onFailure(e -> LOG.warn("the switch is not reachable yet; the bridge keeps trying"));
    LOG.info("telephony bridge started: {}", config);
    return config.statusPort() == 0 ? Future.succeededFuture() : startStatus();
  }

  @Override
  public Future<?> stop() {
    if (events != null) {
      events.close();
    }
    engine.close();
    return Future.all(link.close(), status == null ? Future.succeededFuture() : status.close());
  }

  // ---- the switch

  private void onSwitchConnected() {
    synced = false;
    syncEntries.clear();
    link.send(new JsonObject().put("cmd", "sync"));
  }

  private void onSwitch(JsonObject m) {
    String event = m.getString("event", "");
    String callId = m.getString("callId");
    long now = System.currentTimeMillis();
    switch (event) {
      case "invite" -> run(book.invite(callId, m.getString("caller"), m.getString("dialled"), m.getString("queueHeader")));
      case "ringing" -> run(book.ringing(callId, m.getString("offerId", "")));
      case "answered" -> run(book.answered(callId, m.getString("offerId", "")));
      case "agent-failed" -> run(book.agentFailed(callId, m.getString("offerId", ""), m.getInteger("code", 500),
          m.getString("cause", "failed"), now));
      case "connected" -> run(book.connected(callId));
      case "ended" -> run(book.ended(callId, m.getString("by")));
      case "sync-entry" -> syncEntries.put(m.getString("key", ""), m.getString("value", ""));
      case "sync" -> onSync(m, now);
      case "waiting" -> {
        // the caller hears 182 Queued: nothing to decide
      }
      default -> LOG.debug("switch event {} ignored", event);
    }
  }

  private void onSync(JsonObject m, long now) {
    List<SwitchCall> calls = switchCalls(syncEntries);
    syncEntries.clear();
    LOG.info("switch holds {} call(s); the bridge knew {}", calls.size(), book.size());
    run(book.synced(calls, now));
    synced = true;
    if (events == null) {
      events = new EventStream(vertx, config, m.getString("lastEventId"), this::onEngineEvent, this::reconcile);
      markedEventId = m.getString("lastEventId");
      events.start();
    } else {
      reconcile();
    }
  }

  /** Kamailio's htable "calls" (keys {@code <Call-ID>|<field>}), as sync-entry messages, grouped by call. */
  static List<SwitchCall> switchCalls(Map<String, String> entries) {
    Map<String, Map<String, String>> byCall = new LinkedHashMap<>();
    entries.forEach((name, value) -> {
      int bar = name.lastIndexOf('|');
      if (bar > 0) {
        byCall.computeIfAbsent(name.substring(0, bar), k -> new HashMap<>()).put(name.substring(bar + 1), value);
      }
    });
    List<SwitchCall> calls = new ArrayList<>();
    byCall.forEach((id, fields) -> {
      if (fields.containsKey("state")) {
        calls.add(new SwitchCall(id, fields));
      }
    });
    return calls;
  }

  // ---- the engine's events

  private void onEngineEvent(JsonObject e) {
    String callId = e.getString("callId");
    if (callId == null) {
      return;
    }
    String type = e.getString("type", "");
    switch (type) {
      case "offer_made" -> {
        JsonObject device = e.getJsonObject("device");
        Offer offer = new Offer(e.getString("offerId"), e.getString("agentId"),
            device == null ? null : device.getString("sip"), epochMillis(e.getString("expiresAt")));
        run(book.offerMade(callId, offer, System.currentTimeMillis()));
      }
      case "offer_revoked", "offer_timed_out", "offer_rejected" -> run(book.offerEnded(callId, e.getString("offerId", "")));
      case "contact_abandoned", "contact_completed" -> run(book.contactEnded(callId));
      default -> LOG.debug("call {}: {}", callId, type);
    }
  }

  private static long epochMillis(String iso) {
    try {
      return iso == null ? 0 : Instant.parse(iso).toEpochMilli();
    } catch (DateTimeParseException e) {
      return 0;
    }
  }

  // ---- carrying out the book's decisions

  private void run(List<Action> actions) {
    for (Action action : actions) {
      if (action instanceof ToSwitch command) {
        JsonObject json = new JsonObject().put("cmd", command.cmd()).put("callId", command.callId());
        command.fields().forEach(json::put);
        link.send(json);
      } else if (action instanceof CreateContact create) {
        createContact(create);
      } else if (action instanceof Report report) {
        chain(report.callId(), () -> report(report));
      }
    }
  }

  private void createContact(CreateContact c) {
    retrying(() -> engine.createContact(c.callId(), c.queue(), c.caller(), c.dialled()), Duration.ofSeconds(10))
        .onSuccess(reply -> {
          if (reply.ok()) {
            run(book.contactCreated(c.callId()));
          } else if (reply.status() == 400 || reply.status() == 404 || reply.status() == 422) {
            LOG.info("call {}: the engine refused a contact for queue {}: {}", c.callId(), c.queue(), reply.detail());
            run(book.contactRefused(c.callId(), 404, reasonPhrase("No such hotline: " + reply.detail())));
          } else if (reply.status() == 409) {
            LOG.info("call {}: queue {} does not take it: {}", c.callId(), c.queue(), reply.detail());
            run(book.contactRefused(c.callId(), 480, reasonPhrase(reply.detail())));
          } else {
            LOG.error("call {}: the engine answered {} to a new contact: {}", c.callId(), reply.status(), reply.detail());
            run(book.contactRefused(c.callId(), 503, "Routing engine unavailable"));
          }
        })
        .onFailure(e -> {
          LOG.error("call {}: no contact, the engine is unreachable ({})", c.callId(), e.getMessage());
          run(book.contactRefused(c.callId(), 503, "Routing engine unavailable"));
        });
  }

  private Future<Void> report(Report r) {
    Duration budget = switch (r.kind()) {
      case RINGING -> Duration.ofSeconds(5);
      case ANSWERED -> Duration.ofSeconds(8);
      case NOT_ANSWERED -> Duration.ofSeconds(30);
      case HANGUP -> Duration.ofSeconds(30);
    };
    return retrying(() -> engine.report(r), budget)
        .map(reply -> {
          switch (r.kind()) {
            case ANSWERED -> {
              if (reply.ok()) {
                run(book.answerAccepted(r.callId(), r.offerId()));
              } else {
                LOG.info("call {}: the engine did not accept the answer to offer {} ({} {}): the phone is hung up",
                    r.callId(), r.offerId(), reply.status(), reply.detail());
                run(book.answerRefused(r.callId(), r.offerId()));
              }
            }
            case HANGUP -> {
              if (reply.ok() || reply.status() == 404) {
                unreportedHangups.remove(r.callId());
                run(book.hangupReported(r.callId()));
              } else {
                LOG.warn("call {}: hang-up report answered {} {}", r.callId(), reply.status(), reply.detail());
                hangupPending(r, reply.transientFailure());
              }
            }
            default -> {
              if (!reply.ok()) {
                LOG.info("call {}: {} report answered {} {}", r.callId(), r.kind().path, reply.status(), reply.detail());
              }
            }
          }
          return (Void) null;
        })
        .recover(e -> {
          LOG.warn("call {}: {} report not delivered ({})", r.callId(), r.kind().path, e.getMessage());
          if (r.kind() == Report.Kind.ANSWERED) {
            // not confirmed, so not connected: the phone is hung up, the engine times the offer out
            run(book.answerRefused(r.callId(), r.offerId()));
          } else if (r.kind() == Report.Kind.HANGUP) {
            hangupPending(r, true);
          }
          return Future.succeededFuture();
        });
  }

  private void hangupPending(Report r, boolean retryLater) {
    if (retryLater) {
      unreportedHangups.add(r.callId());
    } else {
      // the engine will not take it (4xx): it closes the contact by reconciliation instead
      unreportedHangups.remove(r.callId());
      run(book.hangupReported(r.callId()));
    }
  }

  /** Reports of one call go out one after the other, in the order the switch saw them. */
  private void chain(String callId, Supplier<Future<Void>> step) {
    Future<Void> previous = reportChains.getOrDefault(callId, Future.succeededFuture());
    Future<Void> next = previous.eventually(step::get);
    reportChains.put(callId, next);
    next.onComplete(ar -> reportChains.remove(callId, next));
  }

  /** Asks again while the engine is unreachable or overloaded, doubling the pause up to 2 s. */
  private Future<Engine.Reply> retrying(Supplier<Future<Engine.Reply>> op, Duration budget) {
    long deadline = System.currentTimeMillis() + budget.toMillis();
    Promise<Engine.Reply> result = Promise.promise();
    attempt(op, deadline, 200, result);
    return result.future();
  }

  private void attempt(Supplier<Future<Engine.Reply>> op, long deadline, long pause, Promise<Engine.Reply> result) {
    op.get().onComplete(ar -> {
      boolean again = ar.failed() || ar.result().transientFailure();
      if (!again || System.currentTimeMillis() + pause > deadline) {
        result.handle(ar);
        return;
      }
      vertx.setTimer(pause, id -> attempt(op, deadline, Math.min(2_000, pause * 2), result));
    });
  }

  // ---- reconciliation

  private void reconcile() {
    if (!synced || !link.connected() || reconciling) {
      return;
    }
    for (String callId : List.copyOf(unreportedHangups)) {
      if (book.call(callId) != null && !reportChains.containsKey(callId)) {
        chain(callId, () -> report(Report.hangup(callId, book.call(callId).endedBy)));
      }
    }
    reconciling = true;
    List<String> alive = book.alive();
    engine.reconcile(alive)
        .onSuccess(r -> {
          reconciliations++;
          if (!r.ended().isEmpty()) {
            LOG.warn("the engine closed {} contact(s) whose calls the switch no longer has: {}", r.ended().size(), r.ended());
          }
          // a call that ended meanwhile is not released twice: the book checks each
          run(book.reconciled(r.unknown()));
        })
        .onFailure(e -> LOG.warn("reconciliation failed: {}", e.getMessage()))
        .onComplete(ar -> reconciling = false);
  }

  private void mark() {
    if (events == null || !link.connected()) {
      return;
    }
    String id = events.lastEventId();
    if (id != null && !id.equals(markedEventId)) {
      link.send(new JsonObject().put("cmd", "mark").put("lastEventId", id));
      markedEventId = id;
    }
  }

  // ---- status

  private Future<HttpServer> startStatus() {
    return vertx.createHttpServer()
        .requestHandler(req -> req.response().putHeader("Content-Type", "application/json").end(statusJson().encode()))
        .listen(config.statusPort(), "127.0.0.1")
        .onSuccess(s -> status = s);
  }

  private JsonObject statusJson() {
    return new JsonObject()
        .put("switch", link.connected() && synced)
        .put("events", events != null && events.connected())
        .put("calls", book.size())
        .put("lastEventId", events == null ? null : events.lastEventId())
        .put("reconciliations", reconciliations)
        .put("droppedCommands", link.dropped());
  }

  /** A SIP reason phrase: one line of printable text. */
  static String reasonPhrase(String text) {
    String clean = text == null ? "" : text.replaceAll("[\\p{Cntrl}\"]", " ").trim();
    return clean.isEmpty() ? "Unavailable" : clean.length() > 100 ? clean.substring(0, 100) : clean;
  }
}
