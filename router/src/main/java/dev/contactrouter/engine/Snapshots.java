package dev.contactrouter.engine;

import dev.contactrouter.core.DomainSnapshot;
import dev.contactrouter.core.MatcherKind;
import dev.contactrouter.core.Retention;
import dev.contactrouter.core.RoutingDomain;
import dev.contactrouter.core.SnapshotInRounds;
import dev.contactrouter.store.Journal;
import dev.contactrouter.store.JournalHead;
import dev.contactrouter.store.StoredSnapshot;
import dev.contactrouter.store.format.SnapshotFormat;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A domain writer's snapshots of its committed state: stored beside the journal every so often,
 * and found again as the starting point of a rebuild. Used on the writer's thread; encoding and
 * decoding, the slow parts, run on {@code blocking}, never on the writer's thread.
 */
final class Snapshots {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

  /** Where a rebuild starts: a restored snapshot (or an empty domain) and the last event it holds. */
  record Start(RoutingDomain domain, long seq) {}

  /**
   * The share of one core a routine snapshot's encoding may take: it rests between rounds of
   * contacts so that, on a host with few cores, the HTTP loops and the writer keep the rest.
   * Encoding a domain of 50,000 contacts costs about half a second of CPU; paced, it takes about
   * four times as long and never holds a core for more than a round at a time.
   */
  static final double SHARE = 0.25;
  /** Contacts copied per turn of the writer's context: about a third of a millisecond's work. */
  static final int ROUND = 1_000;

  private final String domainId;
  private final Journal journal;
  private final WorkerExecutor blocking;
  private final Context context;
  private final long every;
  private final Retention retention;
  private long snapshotSeq;
  /** Contacts and agents in the last snapshot: its cost, which the events between snapshots must repay. */
  private long snapshotSize;
  private boolean snapshotting;
  /** The snapshot being copied in rounds, the head it is taken at, and what to run when it is copied; null when none. */
  private SnapshotInRounds taking;
  private JournalHead takingAt;
  private Runnable release;

  /**
   * @param every events between snapshots; 0 takes none
   * @param retention what the rebuilt domain keeps of finished work
   */
  Snapshots(String domainId, Journal journal, Context context, WorkerExecutor blocking, long every,
      Retention retention) {
    this.context = context;
    this.retention = retention;
    this.domainId = domainId;
    this.journal = journal;
    this.blocking = blocking;
    this.every = every;
  }

  /** Whether a snapshot is being encoded or stored right now. */
  boolean busy() {
    return snapshotting;
  }

  /** The state was rebuilt from the snapshot at {@code seq} (0: none) and is now {@code state}. */
  void rebuilt(long seq, DomainSnapshot state) {
    snapshotSeq = seq;
    snapshotSize = state.contacts().size() + state.agents().size();
  }

  /**
   * Stores a snapshot of the committed state once enough events followed the last one: at least
   * {@code every}, and at least as many as the last snapshot held contacts and agents, so the cost
   * of a snapshot (which grows with the state) stays a small share of the work, while a restart
   * still replays no more than about one snapshot's worth of events.
   *
   * <p>The state is copied on the writer's thread, {@value #ROUND} contacts per turn of its
   * context ({@link SnapshotInRounds}), so no turn grows with the state: {@code hold} is run
   * first, and from then until {@code release} runs the writer must leave {@code committed} as
   * it is (it holds back what it commits meanwhile). Sorting, encoding (paced to {@link #SHARE}
   * of a core) and storing the copy run on a worker while the writer carries on.
   */
  void takeIfDue(JournalHead head, RoutingDomain committed, Runnable hold, Runnable release) {
    long since = head.seq() - snapshotSeq;
    if (snapshotting || every == 0 || since < every || since < snapshotSize) {
      return;
    }
    snapshotting = true;
    hold.run();
    taking = committed.snapshotInRounds();
    takingAt = head;
    this.release = release;
    NextTurn.run(context, v -> round());
  }

  /** Whether the committed state is being copied in rounds (and must hold still). */
  boolean copying() {
    return taking != null;
  }

  /**
   * Gives up a snapshot still being copied (the committed state is about to be replaced or must
   * move on at once); its {@code release} is not run. Nothing is stored, and the next one is due
   * after another interval.
   */
  void abandon() {
    if (taking == null) {
      return;
    }
    taking = null;
    release = null;
    snapshotting = false;
    snapshotSeq = takingAt.seq();
    LOG.debug("domain {} abandoned its snapshot at seq {}", domainId, takingAt.seq());
  }

  private void round() {
    if (taking == null) {
      return; // abandoned
    }
    if (!taking.next(ROUND)) {
      NextTurn.run(context, v -> round());
      return;
    }
    SnapshotInRounds.Unsorted state = taking.finish();
    JournalHead at = takingAt;
    Runnable released = release;
    taking = null;
    release = null;
    snapshotSize = state.size();
    released.run();
    blocking.executeBlocking(() -> StoredSnapshot.of(domainId, at.seq(), SnapshotFormat.VERSION, at.hash(),
            SnapshotFormat.parts(state.sorted(), new Pacing(SHARE, System::nanoTime, Pacing::sleep))))
        .compose(journal::saveSnapshot)
        .onComplete(ar -> {
          snapshotting = false;
          // Also after a failure: the next try waits for another interval rather than every batch.
          snapshotSeq = at.seq();
          if (ar.succeeded()) {
            LOG.debug("domain {} snapshot stored at seq {}", domainId, at.seq());
          } else {
            LOG.warn("domain {} could not store its snapshot at seq {}: {}", domainId, at.seq(),
                ar.cause().getMessage());
          }
        });
  }

  /**
   * The newest stored snapshot, if it is intact (its digest matches) and belongs to this journal
   * (the event it follows has the hash it names); else an empty domain, to replay from the start.
   */
  Future<Start> startingPoint(JournalHead stored) {
    Start fresh = new Start(new RoutingDomain(MatcherKind.INDEXED, retention), 0);
    return journal.latestSnapshot(domainId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(fresh);
      }
      StoredSnapshot s = found.get();
      if (s.seq() > stored.seq() || !s.intact()) {
        LOG.error("domain {}: snapshot at seq {} does not match its digest or the journal; replaying from the start",
            domainId, s.seq());
        return Future.succeededFuture(fresh);
      }
      return journal.stored(domainId, s.seq() - 1, 1).compose(events -> {
        if (events.isEmpty() || !events.get(0).hash().equals(s.chainHash())) {
          LOG.error("domain {}: snapshot at seq {} belongs to another history; replaying from the start",
              domainId, s.seq());
          return Future.succeededFuture(fresh);
        }
        return blocking.executeBlocking(() -> RoutingDomain.restore(
                SnapshotFormat.decode(s.parts()), MatcherKind.INDEXED, retention))
            .map(domain -> new Start(domain, s.seq()))
            .recover(err -> {
              LOG.error("domain {}: snapshot at seq {} cannot be restored; replaying from the start", domainId,
                  s.seq(), err);
              return Future.succeededFuture(fresh);
            });
      });
    });
  }
}
