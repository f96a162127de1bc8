package dev.contactrouter.engine;

import dev.contactrouter.core.Command;
import dev.contactrouter.core.Decision;
import dev.contactrouter.core.DomainSnapshot;
import dev.contactrouter.core.Event;
import dev.contactrouter.core.MatcherKind;
import dev.contactrouter.core.PersonalErasure;
import dev.contactrouter.core.Retention;
import dev.contactrouter.core.Recorded;
import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.core.Timers;
import dev.contactrouter.store.DueTimer;
import dev.contactrouter.store.Journal;
import dev.contactrouter.store.JournalConflict;
import dev.contactrouter.store.JournalEntry;
import dev.contactrouter.store.JournalHead;
import dev.contactrouter.store.StoredSnapshot;
import dev.contactrouter.store.TimerStore;
import dev.contactrouter.store.format.SnapshotFormat;
import dev.contactrouter.store.format.TimerFormat;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one routing domain. It owns the domain's state as plain fields and is the
 * only code that touches it: commands and queries reach it as typed {@link DomainMessage}s on
 * {@link Addresses#domain} ({@link DomainInbox} takes them, {@link DomainReads} answers queries).
 *
 * <p>It keeps two {@link RoutingDomain}s. {@code core} decides: a command is decided at once
 * against it and its events join the next journal batch. One batch is in flight at a time, and
 * everything decided while it is in flight forms the next one (group commit), up to {@link
 * WriterOptions#maxBatchEvents}. {@code committed} is folded only with events the journal has
 * confirmed: reads are answered from it, so no read shows what is not yet durable. Replies,
 * published notices and timer changes wait until the batch holding their events is durable.
 *
 * <p>If an append fails or does not finish within {@link WriterOptions#appendTimeoutMillis}, the
 * speculative {@code core} is dropped and every command not yet durable is answered 503: the
 * domain's state is exactly {@code committed} again, and reads go on from it. Commands are
 * refused with 503 until the journal answers again; then the state is rebuilt from the latest
 * snapshot and the journal (the failed batch may in fact have been committed: only the journal
 * knows), and the domain takes commands again. Every {@link WriterOptions#snapshotEvery} events the
 * committed state is snapshotted ({@link Snapshots}), encoded off the event loop, and stored
 * beside the journal.
 */
public final class DomainVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DomainVerticle.class);
  private static final int REPLAY_PAGE = 10_000;
  private static final long GAUGE_MILLIS = 2_000;
  /** How often waiting contacts are looked at for a change of place in line or estimated wait. */
  private static final long POSITION_MILLIS = 2_000;
  /**
   * The most of the writer's time the looks at waiting contacts may take: after a look, the next
   * waits until nine times its cost has passed (and at least {@link #POSITION_MILLIS}), so with
   * hundreds of thousands waiting the writer looks less often instead of spending a third of its
   * time looking (it did, in a profile at 250,000 waiting).
   */
  private static final int POSITION_IDLE_PER_BUSY = 9;
  private static final int RETRY_AFTER_SECONDS = 2;
  private static final long PROBE_FIRST_MILLIS = 250;
  private static final long PROBE_MAX_MILLIS = 4_000;
  /** How often an erasure waiting for a snapshot in progress looks again. */
  private static final long SNAPSHOT_WAIT_MILLIS = 20;
  /**
   * The longest one task of the writer may run before Vert.x's blocked-thread checker reports it:
   * Vert.x's own limit for an event loop, as the writer is one in all but name.
   */
  private static final long MAX_TASK_MILLIS = 2_000;
  /** The shared worker pool that encodes and decodes snapshots, off every writer's thread. */
  static final String SNAPSHOT_POOL = "router-snapshots";

  private final String domainId;
  private final Journal journal;
  private final TimerStore timers;
  private final LongSupplier clock;
  private final WriterOptions options;
  private final JournalQueries journalQueries;
  private StoreProbes probes;

  /** Decides: the committed state plus every batch in flight or pending. Null while unavailable. */
  private RoutingDomain core;
  /** Only what the journal holds: answers reads, and is the state when an append fails. */
  private RoutingDomain committed;
  /** The journal's head after the last committed batch. */
  private JournalHead head;
  /** The last sequence number handed out (ahead of {@code head} by what is in flight or pending). */
  private long lastSeq;
  private boolean available;
  private boolean flushing;
  private boolean flushScheduled;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  /** The entries of the batch being appended (empty when none is). */
  private List<JournalEntry> inFlight = List.of();
  /** Erasures looking their customer up: each collects the entries committed meanwhile. */
  private final List<List<JournalEntry>> watching = new ArrayList<>();
  private Snapshots snapshots;
  /** The committed state held still while a snapshot copies it. */
  private CommittedHold hold;
  /** Encodes and decodes snapshots ({@link #SNAPSHOT_POOL}). */
  private WorkerExecutor blocking;
  private long recoveryTimer = -1;
  private MessageConsumer<DomainMessage> consumer;
  /** This writer as requests made in this process reach it ({@link LocalWriters}); null until it takes them. */
  private LocalWriters.Writer local;
  private RouterMetrics metrics;
  private long gaugeTimer = -1;
  private long positionTimer = -1;
  /** The writer's time spent on the look under way, and when the next look may begin (System.nanoTime). */
  private long lookCostNanos;
  private long nextLookNanos;
  /** How late the writer's thread runs its tasks (router_writer_stall_seconds). */
  private WriterStalls stalls;
  private final PositionWatch positions = new PositionWatch();
  private long reconcileTimer = -1;
  /** The ownership epoch this writer was started under; -1 when it runs unfenced (tests). */
  private final long epoch;
  /** Told (once) when the journal shows another owner took the domain over. */
  private final Runnable onFenced;
  private boolean fenced;

  /**
   * A decided command waiting for its batch to be durable.
   *
   * @param erased for an erasure, the state right after its event with the customer blanked, which
   *     its append stores as the domain's snapshot; else null
   * @param encoded for an erasure, that state being encoded on a worker from the moment it was
   *     decided; else null
   */
  private record Pending(List<JournalEntry> entries, List<Notices.Notice> notices, Outcome outcome,
      Promise<Outcome> done, DomainSnapshot erased, Future<StoredSnapshot.Unplaced> encoded) {
    boolean erases() {
      return erased != null;
    }
  }

  /** The writer's customers' data keys. */
  private final PersonalKeys keys = new PersonalKeys();

  public DomainVerticle(String domainId, Journal journal, TimerStore timers, LongSupplier clock) {
    this(domainId, journal, timers, clock, WriterOptions.DEFAULTS);
  }

  /**
   * How a node deploys the writer of {@code domainId}: on a standalone node with two cores or
   * more, on a thread of its own (a worker pool of one thread, named after the domain), not on one
   * of the event loops that serve HTTP. Vert.x gives each verticle an event loop in turn, so a
   * writer would share one with an HTTP verticle, and every request on that loop (a refusal under
   * overload included) would wait while the writer folds a batch. On its own thread the writer is
   * still one thread running one task at a time, in order, with its timers and replies delivered
   * to it; it must block no more than an event loop may ({@link #MAX_TASK_MILLIS}, watched by
   * Vert.x's blocked-thread checker), and its slow work (snapshots) goes to {@link #SNAPSHOT_POOL}.
   *
   * <p>Elsewhere it stays on an event loop. With one core there is nothing to run beside it, and
   * every hand-off to and from its thread is a switch of the one core (confined to one core, the
   * engine took 559 contacts/s with its writer on its own thread and 829 on an event loop;
   * benchmarks/overload.md). In a cluster, the clustered event bus looks up who listens by a
   * blocking call to Hazelcast, run on the sender's worker pool: for a writer on its own pool, on
   * the writer's one thread, which then stood still for seconds while Hazelcast suspected a
   * frozen member (FencingIT).
   */
  public static DeploymentOptions deployment(String domainId, boolean clustered) {
    return deployment(domainId, Runtime.getRuntime().availableProcessors(), clustered);
  }

  static DeploymentOptions deployment(String domainId, int cores, boolean clustered) {
    if (cores < 2 || clustered) {
      return new DeploymentOptions();
    }
    return new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
        .setWorkerPoolName("router-writer-" + domainId).setWorkerPoolSize(1)
        .setMaxWorkerExecuteTime(MAX_TASK_MILLIS).setMaxWorkerExecuteTimeUnit(TimeUnit.MILLISECONDS);
  }

  public DomainVerticle(String domainId, Journal journal, TimerStore timers, LongSupplier clock, WriterOptions options) {
    this(domainId, journal, timers, clock, options, -1, () -> { });
  }

  /**
   * A writer that holds the domain's lease at {@code epoch}: it rebuilds only from a journal whose
   * head carries that epoch, and once an append or a rebuild shows the epoch moved on (another
   * node took the domain over) it takes no more commands, writes nothing, and calls {@code
   * onFenced} so its owner can undeploy it.
   */
  public DomainVerticle(String domainId, Journal journal, TimerStore timers, LongSupplier clock, WriterOptions options,
      long epoch, Runnable onFenced) {
    this.epoch = epoch;
    this.onFenced = onFenced;
    this.domainId = domainId;
    this.journal = journal;
    this.timers = timers;
    this.clock = clock;
    this.options = options;
    this.journalQueries = new JournalQueries(domainId, journal);
  }

  @Override
  public Future<?> start() {
    metrics = RouterMetrics.forDomain(domainId);
    if (options.reconcileMillis() > 0) {
      Reconciliation reconciliation = new Reconciliation(domainId, context, () -> committed,
          () -> available && !hold.holding(), clock, options, this::submit, metrics);
      reconcileTimer = vertx.setPeriodic(options.reconcileMillis(), id -> reconciliation.look());
    }
    // Gauges read holders refreshed here, on the writer's thread, never the state itself.
    gaugeTimer = vertx.setPeriodic(GAUGE_MILLIS, id -> {
      metrics.available(available);
      if (committed != null) {
        metrics.observe(committed, clock.getAsLong());
      }
    });
    nextLookNanos = System.nanoTime();
    positionTimer = vertx.setPeriodic(POSITION_MILLIS, id -> announcePositions());
    stalls = new WriterStalls(vertx, metrics);
    probes = new StoreProbes(context, journal, timers);
    // Paced encodes of a large domain take minutes at most: far below this limit, which only
    // keeps Vert.x from reporting them as blocked.
    blocking = vertx.createSharedWorkerExecutor(SNAPSHOT_POOL, 2, 10, TimeUnit.MINUTES);
    snapshots = new Snapshots(domainId, journal, context, blocking, options.snapshotEvery(), options.retention());
    hold = new CommittedHold(domainId, context, () -> committed, this::reads, this::unavailable);
    DomainMessageCodec.install(vertx.eventBus());
    SharedJsonCodec.install(vertx.eventBus());
    return rebuild()
        .compose(v -> timers.start(domainId, this::onTimer, this::onTimersLost))
        .compose(v -> {
          DomainInbox inbox = new DomainInbox(domainId, this::submit, hold::reads, clock,
              new Admission(options.maxPending(), options.maxDelayMillis(), System::nanoTime), metrics,
              new Idempotency(options.idempotencyKeys(), options.idempotencyTtlMillis()));
          consumer = vertx.eventBus().consumer(Addresses.domain(domainId), inbox::onMessage);
          return consumer.completion().onSuccess(taken -> local = LocalWriters.register(vertx, domainId, context, inbox));
        })
        .onSuccess(v -> LOG.info("domain {} ready at seq {} ({} journal)", domainId, head.seq(),
            journal.durable() ? "durable" : "in-memory"));
  }

  /**
   * Stops taking messages, then waits (at most twice the append timeout) until everything already
   * decided is journaled and answered, so a graceful stop or a handover loses nothing it took.
   */
  @Override
  public Future<?> stop() {
    if (snapshots != null) {
      endHold(true);
    }
    if (recoveryTimer >= 0) {
      vertx.cancelTimer(recoveryTimer);
    }
    if (gaugeTimer >= 0) {
      vertx.cancelTimer(gaugeTimer);
    }
    if (positionTimer >= 0) {
      vertx.cancelTimer(positionTimer);
    }
    if (reconcileTimer >= 0) {
      vertx.cancelTimer(reconcileTimer);
    }
    if (stalls != null) {
      stalls.close(vertx);
    }
    if (local != null) {
      local.close(vertx);
    }
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered.recover(err -> Future.succeededFuture())
        .compose(v -> drained())
        .compose(v -> timers.stop(domainId))
        .eventually(() -> {
          if (metrics != null) {
            metrics.close();
          }
          return blocking == null ? Future.succeededFuture() : blocking.close();
        });
  }

  private Future<Void> drained() {
    Promise<Void> done = Promise.promise();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.appendTimeoutMillis() * 2);
    Runnable[] check = new Runnable[1];
    check[0] = () -> {
      if (!flushing && !flushScheduled && pending.isEmpty()) {
        done.tryComplete();
      } else if (System.nanoTime() > deadline) {
        LOG.warn("domain {} stopped with {} command(s) not journaled; they were not acknowledged", domainId,
            pending.size());
        done.tryComplete();
      } else {
        vertx.setTimer(10, id -> check[0].run());
      }
    };
    check[0].run();
    return done.future();
  }

  // ------------------------------------------------------------- messages

  /** Tells the event stream which waiting contacts moved in line (committed state only). */
  private void announcePositions() {
    if (!available || committed == null || positions.busy() || System.nanoTime() - nextLookNanos < 0) {
      return;
    }
    long started = System.nanoTime();
    positions.begin(committed);
    lookCostNanos = System.nanoTime() - started;
    announceNextPositions();
  }

  /** One round of the look under way, then the next on a later turn of the loop (PositionWatch). */
  private void announceNextPositions() {
    if (!available || committed == null) {
      positions.abandon(); // the state is being rebuilt: the next look starts afresh
      return;
    }
    long started = System.nanoTime();
    positions.next(domainId, committed, clock.getAsLong(), PositionWatch.CHUNK)
        .forEach(e -> SharedJsonCodec.publish(vertx.eventBus(), Addresses.events(domainId), e));
    long ended = System.nanoTime();
    lookCostNanos += ended - started;
    if (positions.busy()) {
      NextTurn.run(context, v -> announceNextPositions());
    } else {
      nextLookNanos = ended + lookCostNanos * POSITION_IDLE_PER_BUSY;
    }
  }

  /** What a query arriving now reads: the committed state, the writer's standing, the journal. */
  private DomainReads reads() {
    return new DomainReads(domainId, committed, head.seq(), available, clock.getAsLong(), journalQueries, probes);
  }

  /** Ends a hold at once, giving up the snapshot copying the committed state (see {@link CommittedHold#end}). */
  private void endHold(boolean fold) {
    snapshots.abandon();
    hold.end(fold);
  }

  private Future<?> onTimer(DueTimer timer) {
    metrics.timerFired(clock.getAsLong() - timer.dueAt());
    Command command;
    try {
      command = TimerFormat.decode(timer.payload());
    } catch (RuntimeException e) {
      // Retrying cannot help a payload this build cannot read: acknowledge it, say so loudly.
      LOG.error("domain {}: dropping timer {} with an unreadable command {}", domainId, timer.key(), timer.payload(), e);
      return Future.succeededFuture();
    }
    return submit(command);
  }

  /**
   * The timer store lost this domain's timers (Redis flushed or restarted empty): arm again every
   * timer the committed state needs. Timers of a batch still in flight are armed when it commits.
   */
  private void onTimersLost() {
    rearm().onFailure(err -> LOG.warn("re-arming timers of domain {} is still being retried: {}", domainId, err.getMessage()));
  }

  /** Arms every timer the committed state needs; past-due ones fire at once. */
  private Future<Void> rearm() {
    if (committed == null) {
      return Future.succeededFuture(); // nothing built yet: the rebuild arms them
    }
    long now = clock.getAsLong();
    List<Future<Void>> armed = new ArrayList<>();
    for (Timers.Timer t : committed.liveTimers()) {
      armed.add(timers.arm(domainId, t.key(), Math.max(t.dueAt(), now), TimerFormat.encode(t.command())));
    }
    return Future.all(armed).mapEmpty();
  }

  /**
   * Decides a command and completes once its outcome may be told: at once for a refusal, after
   * the journal append for one that was carried out (even one with no events waits behind earlier
   * ones, so no reply reveals state that is not yet durable).
   */
  Future<Outcome> submit(Command command) {
    if (command instanceof Command.ErasePersonalData c && c.keyIds().isEmpty()) {
      return erase(c);
    }
    return decide(command);
  }

  /**
   * An erasure names every data key of the customer: those the key store holds and the one this
   * writer seals with now (perhaps not yet durable); the core refuses it when there is none. Once
   * decided, the deciding state is blanked in place ({@link PersonalErasure}: the values a replay
   * reads once the keys are gone), and the append of its event destroys the keys and the domain's
   * snapshots and stores the blanked state as the new one, in one transaction. No replay: it works
   * the same when the journal's first months are archived.
   */
  private Future<Outcome> erase(Command.ErasePersonalData c) {
    // Batches committed while the journal is asked: their arrivals may or may not be in its answer.
    List<JournalEntry> committedMeanwhile = new ArrayList<>();
    watching.add(committedMeanwhile);
    return journal.keysOf(domainId, c.customerId())
        .compose(stored -> {
          Set<String> ids = new LinkedHashSet<>(stored);
          Set<String> looked = new LinkedHashSet<>(stored);
          looked.add(c.customerId());
          return journal.arrivalsBy(domainId, looked).map(found -> {
            // From here on this thread: the key sealing the customer's data right now, and the
            // arrivals sealed with it that are not durable yet (the query could not see them).
            Optional<String> current = keys.current(c.customerId());
            current.ifPresent(ids::add);
            keys.forget(c.customerId());
            Map<String, String> arrivals = new LinkedHashMap<>(found);
            List<JournalEntry> recent = new ArrayList<>(committedMeanwhile);
            recent.addAll(notYetDurable());
            current.ifPresent(key -> recent.forEach(e -> {
              if (e.key() != null && e.key().id().equals(key) && e.recorded().event() instanceof Event.ContactQueued q) {
                arrivals.putIfAbsent(q.contactId(), key);
              }
            }));
            String earliest = arrivals.values().stream().filter(ids::contains).findFirst()
                .orElse(ids.isEmpty() ? "" : ids.iterator().next());
            String latest = current.orElse(arrivals.values().stream().filter(ids::contains)
                .reduce((first, second) -> second).orElse(earliest));
            return new PersonalErasure.Keys(c.customerId(), arrivals, earliest, latest);
          }).map(erasure -> new Erasing(
              new Command.ErasePersonalData(c.actor(), c.customerId(), List.copyOf(ids), c.reason()), erasure));
        })
        .onComplete(ar -> watching.removeIf(w -> w == committedMeanwhile))
        .recover(err -> Future.failedFuture(new DomainUnavailable("key store unavailable", RETRY_AFTER_SECONDS)))
        .compose(e -> decide(e.command(), e.keys()));
  }

  /** The entries decided and not yet durable: the batch in flight, then those pending. */
  private List<JournalEntry> notYetDurable() {
    List<JournalEntry> out = new ArrayList<>(inFlight);
    pending.forEach(p -> out.addAll(p.entries()));
    return out;
  }

  /** An erasure's command with every key of the customer, and which key sealed what. */
  private record Erasing(Command.ErasePersonalData command, PersonalErasure.Keys keys) {}

  private Future<Outcome> decide(Command command) {
    return decide(command, null);
  }

  /** @param erasure for an erasure, which key sealed what of the customer's; else null */
  private Future<Outcome> decide(Command command, PersonalErasure.Keys erasure) {
    if (!available) {
      return Future.failedFuture(new DomainUnavailable(
          "domain " + domainId + " is not taking commands until its journal is reachable", RETRY_AFTER_SECONDS));
    }
    long now = clock.getAsLong();
    Decision decision;
    try {
      long started = System.nanoTime();
      decision = core.handle(command, now);
      metrics.decided(System.nanoTime() - started);
    } catch (RuntimeException e) {
      // A bug: the deciding state may be half-changed. Fall back to what is durable and rebuild.
      LOG.error("domain {} failed on {}; rebuilding from the journal", domainId, command, e);
      unavailable();
      return Future.failedFuture(new DomainUnavailable("internal error", RETRY_AFTER_SECONDS));
    }
    if (decision instanceof Decision.Refused r) {
      return Future.succeededFuture(new Outcome.Refused(r.reason(), r.detail(), r.field(), r.gate()));
    }
    Decision.Applied applied = (Decision.Applied) decision;
    Promise<Outcome> done = Promise.promise();
    List<JournalEntry> entries = new ArrayList<>(applied.events().size());
    long firstSeq = lastSeq + 1;
    for (Recorded r : applied.events()) {
      entries.add(new JournalEntry(domainId, ++lastSeq, r, keys.keyFor(r.event(), core, now)));
    }
    List<Notices.Notice> notices = Notices.of(domainId, firstSeq, applied, core, now);
    DomainSnapshot erased = null;
    if (erasure != null) {
      // The customer's values leave the deciding state now; the committed one takes the same
      // blanked state once the erasure is durable, and the append stores it as the snapshot.
      erased = PersonalErasure.blank(core.snapshot(), erasure);
      core = RoutingDomain.restore(erased, MatcherKind.INDEXED, options.retention());
    }
    pending.add(new Pending(entries, notices, new Outcome.Applied(applied.reply(), now), done, erased,
        erased == null ? null : encoded(erased)));
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
    if (snapshots.busy() && pending.stream().anyMatch(Pending::erases)) {
      // A snapshot being stored may hold what the erasure destroys: let it land first, so the
      // erasure's append deletes it.
      if (!flushScheduled) {
        flushScheduled = true;
        vertx.setTimer(SNAPSHOT_WAIT_MILLIS, id -> {
          flushScheduled = false;
          flush();
        });
      }
      return;
    }
    List<Pending> batch = new ArrayList<>();
    List<JournalEntry> entries = new ArrayList<>();
    while (!pending.isEmpty()) {
      Pending next = pending.peekFirst();
      if (!batch.isEmpty() && entries.size() + next.entries().size() > options.maxBatchEvents()) {
        break;
      }
      batch.add(pending.pollFirst());
      entries.addAll(next.entries());
      if (next.erases()) {
        break; // its blanked state is the state after this batch: nothing may follow it in the batch
      }
    }
    Pending last = batch.get(batch.size() - 1);
    DomainSnapshot erased = last.erased();
    Future<StoredSnapshot.Unplaced> snapshot = erased == null ? Future.succeededFuture() : last.encoded();
    if (entries.isEmpty()) {
      batch.forEach(p -> p.done().complete(p.outcome()));
      flush();
      return;
    }
    flushing = true;
    inFlight = entries;
    long appendStarted = System.nanoTime();
    snapshot.compose(encoded -> appendWithinTimeout(entries, encoded)).onComplete(ar -> {
      flushing = false;
      inFlight = List.of();
      if (ar.failed()) {
        if (ar.cause() instanceof JournalConflict) {
          // The stored head is not ours: another owner took the domain over (the rebuild will tell).
          LOG.warn("journal refused an append of domain {}: {}; checking who owns the domain", domainId,
              ar.cause().getMessage());
        } else {
          LOG.error("journal append failed for domain {}; refusing commands until the journal is back", domainId,
              ar.cause());
        }
        batch.forEach(p -> p.done().fail(new DomainUnavailable("journal unavailable", RETRY_AFTER_SECONDS)));
        unavailable();
        return;
      }
      try {
        if (erased != null) {
          // The batch ends with the erasure: the state after it is the blanked one it stored.
          // (No snapshot is copied meanwhile: an erasure waits for the one in progress.)
          endHold(false);
          committed = RoutingDomain.restore(erased, MatcherKind.INDEXED, options.retention());
        } else {
          hold.committed(entries);
        }
      } catch (RuntimeException e) {
        LOG.error("domain {} could not fold committed events; rebuilding from the journal", domainId, e);
        batch.forEach(p -> p.done().fail(new DomainUnavailable("internal error", RETRY_AFTER_SECONDS)));
        unavailable();
        return;
      }
      head = ar.result();
      watching.forEach(w -> w.addAll(entries));
      metrics.committed(entries, System.nanoTime() - appendStarted);
      // Notices go out before the replies, so a client that hears back and acts again finds
      // every node already told (a revoked key refused, a pushed offer on its socket).
      for (Pending p : batch) {
        p.notices().forEach(n -> SharedJsonCodec.publish(vertx.eventBus(), n.address(), n.body()));
        p.entries().forEach(e -> applyTimers(e.recorded()));
      }
      if (erased != null) {
        snapshots.rebuilt(head.seq(), erased);
      }
      batch.forEach(p -> p.done().complete(p.outcome()));
      snapshots.takeIfDue(head, committed, hold::begin, hold::release);
      flush();
    });
  }

  /**
   * An erasure's blanked state encoded for the journal, on a worker (it grows with the domain), and
   * handed back on this verticle's event loop.
   */
  private Future<StoredSnapshot.Unplaced> encoded(DomainSnapshot erased) {
    Promise<StoredSnapshot.Unplaced> out = Promise.promise();
    blocking.executeBlocking(() -> new StoredSnapshot.Unplaced(SnapshotFormat.VERSION,
            SnapshotFormat.parts(erased, () -> { })))
        .onComplete(ar -> context.runOnContext(v -> out.handle(ar)));
    return out.future();
  }

  /**
   * The append's outcome, always handled on this verticle's event loop; failed once {@link
   * WriterOptions#appendTimeoutMillis} passes without one (a late outcome is then ignored: only the
   * journal knows whether that batch was kept, and the rebuild asks it).
   */
  private Future<JournalHead> appendWithinTimeout(List<JournalEntry> entries, StoredSnapshot.Unplaced snapshot) {
    return TimeLimit.within(context, options.appendTimeoutMillis(), () -> new TimeoutException(
        "journal append took longer than " + options.appendTimeoutMillis() + " ms"), () -> { },
        () -> journal.append(head, entries, snapshot));
  }

  private void applyTimers(Recorded r) {
    for (Timers.Change change : Timers.changes(r.event())) {
      Future<Void> f;
      if (change instanceof Timers.Arm arm) {
        Timers.Timer t = arm.timer();
        metrics.timerArmed();
        f = timers.arm(domainId, t.key(), t.dueAt(), TimerFormat.encode(t.command()));
      } else {
        f = timers.cancel(domainId, ((Timers.Cancel) change).key());
      }
      // A lost arm is repaired when timers are re-armed from state on recovery.
      f.onFailure(err -> LOG.warn("timer change failed in domain {}: {}", domainId, err.getMessage()));
    }
  }

  // ------------------------------------------------------------- failure and recovery

  /**
   * Stops taking commands: the speculative state is dropped (reads go on from the committed one),
   * everything not yet durable is answered 503, and the journal is probed until it answers.
   */
  private void unavailable() {
    // Reads go on from the committed state: it must hold everything committed.
    endHold(true);
    if (available) {
      LOG.warn("domain {} refuses commands until its journal is back; reads are answered from the committed state"
          + " (seq {})", domainId, head.seq());
    }
    stopTaking("journal unavailable");
    scheduleRecovery(PROBE_FIRST_MILLIS);
  }

  /** Takes no more commands: drops the speculative state and answers everything not yet durable 503. */
  private void stopTaking(String why) {
    available = false;
    core = null;
    lastSeq = head.seq();
    List<Pending> waiting = new ArrayList<>(pending);
    pending.clear();
    waiting.forEach(p -> p.done().fail(new DomainUnavailable(why, RETRY_AFTER_SECONDS)));
  }

  /** Another node owns the domain now: write nothing more, and tell whoever deployed this writer. */
  private void fenced(String why) {
    if (fenced) {
      return;
    }
    fenced = true;
    available = false;
    core = null;
    LOG.warn("domain {}: {}; this node writes nothing more to it", domainId, why);
    onFenced.run();
  }

  /** The journal's epoch is not the one this writer holds: the domain was taken over. */
  static final class Fenced extends RuntimeException {
    Fenced(String domain, long held, long stored) {
      super("ownership of domain " + domain + " moved on from epoch " + held + " to " + stored, null, false, false);
    }
  }

  private void scheduleRecovery(long delay) {
    if (recoveryTimer >= 0 || fenced) {
      return;
    }
    recoveryTimer = vertx.setTimer(delay, id -> {
      recoveryTimer = -1;
      if (flushing) {
        scheduleRecovery(delay); // the batch in flight settles (or times out) first
        return;
      }
      rebuild()
          .onSuccess(v -> LOG.info("domain {} takes commands again", domainId))
          .onFailure(err -> {
            if (err instanceof Fenced) {
              fenced(err.getMessage());
              return;
            }
            LOG.warn("domain {} still cannot rebuild from its journal: {}", domainId, err.getMessage());
            scheduleRecovery(Math.min(delay * 2, PROBE_MAX_MILLIS));
          });
    });
  }

  /**
   * Rebuilds the state from the latest snapshot and the events after it, re-arms its timers, then
   * takes commands again. Reads are answered from the previous committed state meanwhile.
   */
  private Future<Void> rebuild() {
    available = false;
    return journal.open(domainId).compose(stored -> {
          if (epoch >= 0 && stored.epoch() != epoch) {
            return Future.failedFuture(new Fenced(domainId, epoch, stored.epoch()));
          }
          return Future.succeededFuture(stored);
        })
        .compose(stored -> snapshots.startingPoint(stored)
        .compose(start -> replay(start.domain(), start.seq()).compose(seq -> {
          if (seq != stored.seq()) {
            return Future.failedFuture(new IllegalStateException(
                "journal moved while replaying (head " + stored.seq() + ", replayed to " + seq + ")"));
          }
          install(start.domain(), stored, start.seq());
          LOG.info("domain {} rebuilt to seq {}: {} plus {} journal events", domainId, stored.seq(),
              start.seq() == 0 ? "an empty domain" : "the snapshot at seq " + start.seq(), stored.seq() - start.seq());
          // A timer store that cannot write now keeps the changes and retries them: no reason to
          // keep the domain down.
          return rearm().recover(err -> {
            LOG.warn("timers of domain {} not all re-armed yet (retrying): {}", domainId, err.getMessage());
            return Future.succeededFuture();
          });
        })))
        .onSuccess(v -> available = true);
  }

  private void install(RoutingDomain rebuilt, JournalHead stored, long snapshotAt) {
    endHold(false); // the journal holds what was held back, and the rebuilt state has it
    core = rebuilt;
    DomainSnapshot state = rebuilt.snapshot();
    committed = RoutingDomain.restore(state, MatcherKind.INDEXED, options.retention());
    snapshots.rebuilt(snapshotAt, state);
    head = stored;
    lastSeq = stored.seq();
  }

  private Future<Long> replay(RoutingDomain target, long afterSeq) {
    return journal.read(domainId, afterSeq, REPLAY_PAGE).compose(page -> {
      if (!page.isEmpty() && page.get(0).seq() != afterSeq + 1) {
        // Archived events (PgArchive) are never replayed: only a snapshot after them can start recovery.
        return Future.failedFuture(new IllegalStateException("domain " + domainId + ": replay after seq " + afterSeq
            + " finds event " + page.get(0).seq() + " first; the events between were archived, and recovery needs"
            + " a snapshot at or after them"));
      }
      long seq = afterSeq;
      for (JournalEntry e : page) {
        target.apply(e.recorded());
        seq = e.seq();
      }
      return page.size() < REPLAY_PAGE ? Future.succeededFuture(seq) : replay(target, seq);
    });
  }
}
