package dev.contactrouter.engine;

import dev.contactrouter.codec.CommandJson;
import dev.contactrouter.codec.EventJson;
import dev.contactrouter.codec.SpecJson;
import dev.contactrouter.codec.ViewJson;
import dev.contactrouter.core.AgentView;
import dev.contactrouter.core.Command;
import dev.contactrouter.core.ContactView;
import dev.contactrouter.core.Decision;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.core.Timers;
import dev.contactrouter.store.DueTimer;
import dev.contactrouter.store.Journal;
import dev.contactrouter.store.JournalEntry;
import dev.contactrouter.store.TimerStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one routing domain. It owns the domain's {@link RoutingDomain} as a plain
 * field and is the only code that touches it: commands and queries reach it as event-bus
 * messages on {@link Addresses#domain}.
 *
 * <p>A command is decided at once against the in-memory state; its events join the next journal
 * batch. One batch is in flight at a time, and everything decided while it is in flight forms the
 * next one (group commit). Replies, published notices and timer changes wait until the batch
 * holding their events is durable. If an append fails, every command not yet durable is answered
 * 503 and the state is rebuilt from the journal before new commands are taken.
 */
public final class DomainVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DomainVerticle.class);
  private static final int REPLAY_PAGE = 10_000;
  private static final int RETRY_AFTER_SECONDS = 2;

  private final String domainId;
  private final Journal journal;
  private final TimerStore timers;
  private final LongSupplier clock;

  private RoutingDomain core = new RoutingDomain();
  private long lastSeq;
  private boolean available;
  private boolean flushing;
  private boolean flushScheduled;
  private final List<Pending> pending = new ArrayList<>();
  private MessageConsumer<JsonObject> consumer;
  private final Idempotency idempotency = new Idempotency();

  /** A decided command waiting for its batch to be durable. */
  private record Pending(List<JournalEntry> entries, List<Notices.Notice> notices, JsonObject reply, Promise<JsonObject> done) {}

  public DomainVerticle(String domainId, Journal journal, TimerStore timers, LongSupplier clock) {
    this.domainId = domainId;
    this.journal = journal;
    this.timers = timers;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return recover()
        .compose(v -> timers.start(domainId, this::onTimer, this::onTimersLost))
        .compose(v -> {
          consumer = vertx.eventBus().consumer(Addresses.domain(domainId), this::onMessage);
          return consumer.completion();
        })
        .onSuccess(v -> LOG.info("domain {} ready at seq {} ({} journal)", domainId, lastSeq,
            journal.durable() ? "durable" : "in-memory"));
  }

  @Override
  public Future<?> stop() {
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered.compose(v -> timers.stop(domainId));
  }

  // ------------------------------------------------------------- messages

  private void onMessage(Message<JsonObject> message) {
    JsonObject body = message.body();
    JsonObject command = body.getJsonObject("command");
    if (command != null) {
      Command decoded;
      try {
        decoded = CommandJson.decode(command);
      } catch (RuntimeException e) {
        message.fail(400, "malformed command: " + e.getMessage());
        return;
      }
      JsonObject idem = body.getJsonObject("idempotency");
      Future<JsonObject> outcome = idem == null
          ? submit(decoded)
          : idempotency.run(decoded.actor(), idem.getString("key"), idem.getString("fingerprint"),
              clock.getAsLong(), () -> submit(decoded));
      outcome.onComplete(ar -> {
        if (ar.succeeded()) {
          message.reply(ar.result());
        } else {
          message.fail(503, ar.cause().getMessage());
        }
      });
      return;
    }
    Future<JsonObject> answer;
    try {
      answer = query(body);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else {
        LOG.error("query failed in domain {}: {}", domainId, body.getString("query"), ar.cause());
        message.fail(500, "query failed");
      }
    });
  }

  private Future<?> onTimer(DueTimer timer) {
    Command command;
    try {
      command = CommandJson.decode(timer.payload());
    } catch (RuntimeException e) {
      // Retrying cannot help a payload this build cannot read: acknowledge it, say so loudly.
      LOG.error("domain {}: dropping timer {} with an unreadable command {}", domainId, timer.key(), timer.payload(), e);
      return Future.succeededFuture();
    }
    return submit(command);
  }

  /**
   * The timer store lost this domain's timers (Redis flushed or restarted empty): arm again every
   * timer the state needs. Done even while recovering: a timer armed from a state about to be
   * replaced only fires a stale, harmless command, and the recovery re-arms as well.
   */
  private void onTimersLost() {
    rearm().onFailure(err -> LOG.warn("re-arming timers of domain {} is still being retried: {}", domainId, err.getMessage()));
  }

  /** Arms every timer the current state needs; past-due ones fire at once. */
  private Future<Void> rearm() {
    long now = clock.getAsLong();
    List<Future<Void>> armed = new ArrayList<>();
    for (Timers.Timer t : core.liveTimers()) {
      armed.add(timers.arm(domainId, t.key(), Math.max(t.dueAt(), now), CommandJson.encode(t.command())));
    }
    return Future.all(armed).mapEmpty();
  }

  /**
   * Decides a command and completes once its outcome may be told: at once for a refusal or a
   * command that changed nothing, after the journal append for one that did.
   */
  Future<JsonObject> submit(Command command) {
    if (!available) {
      return Future.failedFuture(new DomainUnavailable("domain " + domainId + " is recovering", RETRY_AFTER_SECONDS));
    }
    long now = clock.getAsLong();
    Decision decision;
    try {
      decision = core.handle(command, now);
    } catch (RuntimeException e) {
      // A bug: the state may be half-changed. Rebuild it from what is durable.
      LOG.error("domain {} failed on {}; rebuilding from the journal", domainId, command, e);
      failPendingAndRecover(e);
      return Future.failedFuture(new DomainUnavailable("internal error", RETRY_AFTER_SECONDS));
    }
    if (decision instanceof Decision.Refused r) {
      JsonObject refused = new JsonObject().put("refused", r.reason().name()).put("detail", r.detail());
      if (r.field() != null) {
        refused.put("field", r.field());
      }
      return Future.succeededFuture(refused);
    }
    Decision.Applied applied = (Decision.Applied) decision;
    JsonObject reply = new JsonObject().put("reply", ViewJson.reply(applied.reply(), now));
    Promise<JsonObject> done = Promise.promise();
    List<JournalEntry> entries = new ArrayList<>(applied.events().size());
    long firstSeq = lastSeq + 1;
    for (Recorded r : applied.events()) {
      entries.add(new JournalEntry(domainId, ++lastSeq, r));
    }
    List<Notices.Notice> notices = Notices.of(domainId, firstSeq, applied.events(), core, now);
    // Even a command with no events waits behind earlier ones, so no reply reveals state that is
    // not yet durable.
    pending.add(new Pending(entries, notices, reply, done));
    scheduleFlush();
    return done.future();
  }

  private void scheduleFlush() {
    if (flushScheduled || flushing) {
      return;
    }
    flushScheduled = true;
    // Let the messages already queued on this event loop join the batch.
    context.runOnContext(v -> {
      flushScheduled = false;
      flush();
    });
  }

  private void flush() {
    if (flushing || pending.isEmpty()) {
      return;
    }
    List<Pending> batch = new ArrayList<>(pending);
    pending.clear();
    List<JournalEntry> entries = new ArrayList<>();
    batch.forEach(p -> entries.addAll(p.entries()));
    if (entries.isEmpty()) {
      batch.forEach(p -> p.done().complete(p.reply()));
      return;
    }
    flushing = true;
    journal.append(domainId, entries).onComplete(ar -> {
      flushing = false;
      if (ar.succeeded()) {
        // Notices go out before the replies, so a client that hears back and acts again finds
        // every node already told (a revoked key refused, a pushed offer on its socket).
        for (Pending p : batch) {
          p.notices().forEach(n -> vertx.eventBus().publish(n.address(), n.body()));
          p.entries().forEach(e -> applyTimers(e.recorded()));
        }
        batch.forEach(p -> p.done().complete(p.reply()));
        flush();
      } else {
        LOG.error("journal append failed for domain {}; refusing work until rebuilt", domainId, ar.cause());
        batch.forEach(p -> p.done().fail(new DomainUnavailable("journal unavailable", RETRY_AFTER_SECONDS)));
        failPendingAndRecover(ar.cause());
      }
    });
  }

  private void applyTimers(Recorded r) {
    for (Timers.Change change : Timers.changes(r.event())) {
      Future<Void> f;
      if (change instanceof Timers.Arm arm) {
        Timers.Timer t = arm.timer();
        f = timers.arm(domainId, t.key(), t.dueAt(), CommandJson.encode(t.command()));
      } else {
        f = timers.cancel(domainId, ((Timers.Cancel) change).key());
      }
      // A lost arm is repaired when timers are re-armed from state on recovery.
      f.onFailure(err -> LOG.warn("timer change failed in domain {}: {}", domainId, err.getMessage()));
    }
  }

  // ------------------------------------------------------------- recovery

  private void failPendingAndRecover(Throwable cause) {
    List<Pending> waiting = new ArrayList<>(pending);
    pending.clear();
    waiting.forEach(p -> p.done().fail(new DomainUnavailable("journal unavailable", RETRY_AFTER_SECONDS)));
    available = false;
    recover().onFailure(err -> scheduleRecovery());
  }

  private void scheduleRecovery() {
    vertx.setTimer(RETRY_AFTER_SECONDS * 1000L, id -> recover().onFailure(err -> {
      LOG.warn("domain {} still cannot read its journal: {}", domainId, err.getMessage());
      scheduleRecovery();
    }));
  }

  /** Rebuilds the state from the journal, re-arms its timers, then takes commands again. */
  private Future<Void> recover() {
    available = false;
    RoutingDomain rebuilt = new RoutingDomain();
    return replay(rebuilt, 0).compose(seq -> {
      core = rebuilt;
      lastSeq = seq;
      // A timer store that cannot write now keeps the changes and retries them: no reason to
      // keep the domain down.
      return rearm().recover(err -> {
        LOG.warn("timers of domain {} not all re-armed yet (retrying): {}", domainId, err.getMessage());
        return Future.succeededFuture();
      });
    }).onSuccess(v -> available = true);
  }

  private Future<Long> replay(RoutingDomain target, long afterSeq) {
    return journal.read(domainId, afterSeq, REPLAY_PAGE).compose(page -> {
      long seq = afterSeq;
      for (JournalEntry e : page) {
        target.apply(e.recorded());
        seq = e.seq();
      }
      return page.size() < REPLAY_PAGE ? Future.succeededFuture(seq) : replay(target, seq);
    });
  }

  // ------------------------------------------------------------- queries

  private Future<JsonObject> query(JsonObject q) {
    if ("journal".equals(q.getString("query"))) {
      return journalPage(q.getLong("after", 0L), q.getInteger("limit", 1000));
    }
    return Future.succeededFuture(currentState(q));
  }

  /** Committed events after a sequence number, for streams that resume after a reconnect. */
  private Future<JsonObject> journalPage(long after, int limit) {
    return journal.read(domainId, after, Math.min(Math.max(limit, 1), REPLAY_PAGE)).map(entries -> {
      JsonArray out = new JsonArray();
      for (JournalEntry e : entries) {
        out.add(EventJson.encode(e.recorded()).put("domain", domainId).put("seq", e.seq()));
      }
      return new JsonObject().put("found", out);
    });
  }

  private JsonObject currentState(JsonObject q) {
    long now = clock.getAsLong();
    String id = q.getString("id");
    if (ServiceQueries.answers(q.getString("query", ""))) {
      return ServiceQueries.answer(core, q, now);
    }
    switch (q.getString("query", "")) {
      case "contact":
        return found(core.contact(id, now).map(c -> ViewJson.contact(c, now)).orElse(null));
      case "agent":
        return found(core.agent(id).map(ViewJson::agent).orElse(null));
      case "agents": {
        JsonArray all = new JsonArray();
        core.agents().forEach(a -> all.add(ViewJson.agent(a)));
        return new JsonObject().put("found", all);
      }
      case "queue":
        return found(core.queue(id).map(SpecJson::queue).orElse(null));
      case "queues": {
        JsonArray all = new JsonArray();
        core.queues().forEach(qs -> all.add(SpecJson.queue(qs)));
        return new JsonObject().put("found", all);
      }
      case "calendar":
        return found(core.calendar(id).map(SpecJson::calendar).orElse(null));
      case "calendars": {
        JsonArray all = new JsonArray();
        core.calendars().forEach(c -> all.add(SpecJson.calendar(c)));
        return new JsonObject().put("found", all);
      }
      case "category":
        return found(core.category(id).map(SpecJson::category).orElse(null));
      case "categories": {
        JsonArray all = new JsonArray();
        core.categories().forEach(c -> all.add(SpecJson.category(c)));
        return new JsonObject().put("found", all);
      }
      case "queueContacts":
        return found(core.queueContacts(id, now).map(list -> {
          JsonArray all = new JsonArray();
          list.forEach(c -> all.add(ViewJson.contact(c, now)));
          return all;
        }).orElse(null));
      case "customerContacts": {
        JsonArray all = new JsonArray();
        core.customerContacts(id, now).forEach(c -> all.add(ViewJson.contact(c, now)));
        return new JsonObject().put("found", all);
      }
      case "apiKeys":
        return new JsonObject().put("found", Notices.apiKeys(core));
      case "queueStats":
        return found(core.queueStats(id, now).map(ViewJson::queueStats).orElse(null));
      case "agentSession":
        return found(core.agent(id).map(a -> session(a, now)).orElse(null));
      case "status":
        return new JsonObject().put("found", new JsonObject()
            .put("domain", domainId)
            .put("available", available)
            .put("seq", lastSeq)
            .put("waiting", core.waitingCount())
            .put("durable", journal.durable()));
      default:
        throw new IllegalArgumentException("unknown query " + q.getString("query"));
    }
  }

  /** What an agent's console needs on (re)connecting: its state, pending offers, assigned contacts. */
  private JsonObject session(AgentView agent, long now) {
    JsonArray offers = new JsonArray();
    for (int i = 0; i < agent.offers().size(); i++) {
      ContactView.Offer o = agent.offers().get(i);
      core.contact(agent.offerContacts().get(i), now).ifPresent(c -> offers.add(new JsonObject()
          .put("type", "offer")
          .put("offerId", o.offerId())
          .put("contact", ViewJson.contact(c, now))
          .put("expiresAt", SpecJson.instant(o.expiresAt()))));
    }
    JsonArray assigned = new JsonArray();
    for (String contactId : agent.contacts()) {
      core.contact(contactId, now).ifPresent(c -> assigned.add(new JsonObject()
          .put("type", "assigned")
          .put("contact", ViewJson.contact(c, now))));
    }
    return new JsonObject().put("agent", ViewJson.agent(agent)).put("offers", offers).put("assigned", assigned);
  }

  private static JsonObject found(Object value) {
    return value == null ? new JsonObject() : new JsonObject().put("found", value);
  }
}
