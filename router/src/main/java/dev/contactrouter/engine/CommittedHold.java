package dev.contactrouter.engine;

import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.store.JournalEntry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A writer's committed state held still while a snapshot copies it in rounds ({@link Snapshots}):
 * entries committed meanwhile wait here, in order, and are folded in (a round per turn of the
 * writer's context) once the copy is done; reads arriving meanwhile wait for that too, so a read
 * never misses what was acknowledged before it. Used on the writer's thread only.
 */
final class CommittedHold {
  private static final Logger LOG = LoggerFactory.getLogger(CommittedHold.class);

  private final String domainId;
  private final Context context;
  private final Supplier<RoutingDomain> committed;
  private final Supplier<DomainReads> reads;
  private final Runnable foldFailed;
  /** The entries held back, or null when nothing is held. */
  private ArrayDeque<JournalEntry> held;
  private final List<Promise<DomainReads>> waiting = new ArrayList<>();

  /**
   * @param committed the writer's committed state (it is replaced on a rebuild, so asked each time)
   * @param reads what a read sees of it now
   * @param foldFailed run when a held entry cannot be folded in (the writer rebuilds from the journal)
   */
  CommittedHold(String domainId, Context context, Supplier<RoutingDomain> committed, Supplier<DomainReads> reads,
      Runnable foldFailed) {
    this.domainId = domainId;
    this.context = context;
    this.committed = committed;
    this.reads = reads;
    this.foldFailed = foldFailed;
  }

  /** Whether the committed state is held still (it then lags the journal). */
  boolean holding() {
    return held != null;
  }

  /** A snapshot starts copying the committed state: hold back what is committed from now on. */
  void begin() {
    held = new ArrayDeque<>();
  }

  /** Entries the journal confirmed: folded into the committed state now, or held back while it is held. */
  void committed(List<JournalEntry> entries) {
    if (held != null) {
      held.addAll(entries);
    } else {
      RoutingDomain state = committed.get();
      entries.forEach(e -> state.apply(e.recorded()));
    }
  }

  /** {@code reads}, once the committed state has every committed entry folded in. */
  Future<DomainReads> reads() {
    if (held == null) {
      return Future.succeededFuture(reads.get());
    }
    Promise<DomainReads> read = Promise.promise();
    waiting.add(read);
    return read.future();
  }

  /** The copy is done: fold in what was held back, a round per turn, then answer the waiting reads. */
  void release() {
    if (held == null) {
      return;
    }
    try {
      RoutingDomain state = committed.get();
      for (int i = 0; i < Snapshots.ROUND && !held.isEmpty(); i++) {
        state.apply(held.pollFirst().recorded());
      }
    } catch (RuntimeException e) {
      LOG.error("domain {} could not fold committed events; rebuilding from the journal", domainId, e);
      held = null;
      answerReads();
      foldFailed.run();
      return;
    }
    if (!held.isEmpty()) {
      NextTurn.run(context, v -> release());
      return;
    }
    held = null;
    answerReads();
  }

  /**
   * Ends the hold at once: what was held back is folded in now (when {@code fold}; not when the
   * committed state is about to be replaced), and the waiting reads are answered.
   */
  void end(boolean fold) {
    if (held == null) {
      return;
    }
    ArrayDeque<JournalEntry> entries = held;
    held = null;
    if (fold) {
      try {
        RoutingDomain state = committed.get();
        entries.forEach(e -> state.apply(e.recorded()));
      } catch (RuntimeException e) {
        // Only on the way down (an outage or a stop), which rebuilds from the journal anyway.
        LOG.error("domain {} could not fold committed events", domainId, e);
      }
    }
    answerReads();
  }

  private void answerReads() {
    if (waiting.isEmpty()) {
      return;
    }
    List<Promise<DomainReads>> answered = new ArrayList<>(waiting);
    waiting.clear();
    answered.forEach(p -> p.complete(reads.get()));
  }
}
