package dev.contactrouter.engine;

import dev.contactrouter.core.Reconciler;
import dev.contactrouter.core.Retention;

/**
 * How the writer journals, and what it keeps in memory.
 *
 * @param maxBatchEvents the most events in one append (a single command's events are never
 *     split); 1 appends each command on its own, without group commit
 * @param appendTimeoutMillis an append not finished by then counts as failed
 * @param snapshotEvery events between snapshots; 0 takes none
 * @param maxPending commands taken and not yet answered past which new intake is refused at
 *     once (work in progress: four times that); 0 refuses nothing (see {@link Admission})
 * @param maxDelayMillis how long the oldest command taken may wait for the journal, once that has
 *     lasted a while, before new intake is refused; 0 turns it off (see {@link Admission})
 * @param retention the finished work the domain keeps in memory for reads
 * @param idempotencyKeys the most {@code Idempotency-Key}s of agent and supervisor calls remembered
 * @param idempotencyTtlMillis how long such a key is remembered
 */
public record WriterOptions(
    int maxBatchEvents,
    long appendTimeoutMillis,
    long snapshotEvery,
    long reconcileMillis,
    long reconcileGraceMillis,
    long staleAssignmentMillis,
    int maxPending,
    long maxDelayMillis,
    Retention retention,
    int idempotencyKeys,
    long idempotencyTtlMillis) {
  /** The default backlog bound (ROUTER_OVERLOAD_PENDING_MAX); benchmarks/overload.md says how it was chosen. */
  public static final int DEFAULT_MAX_PENDING = 256;
  /** The default delay budget (ROUTER_OVERLOAD_DELAY_MS); benchmarks/overload.md says how it was chosen. */
  public static final long DEFAULT_MAX_DELAY_MILLIS = 500;
  public static final WriterOptions DEFAULTS = new WriterOptions(2_000, 3_000, 10_000);

  /**
   * @param reconcileMillis how often to look for stuck work (0: never); see {@link Reconciler}
   * @param reconcileGraceMillis how late a timer may be before the reconciler repairs it
   * @param staleAssignmentMillis a real-time assignment older than this is closed (0: never)
   */
  public WriterOptions {
    if (maxBatchEvents < 1 || appendTimeoutMillis < 1 || snapshotEvery < 0 || reconcileMillis < 0
        || reconcileGraceMillis < 0 || staleAssignmentMillis < 0 || maxPending < 0 || maxDelayMillis < 0
        || retention == null || idempotencyKeys < 1 || idempotencyTtlMillis < 1) {
      throw new IllegalArgumentException("bad writer options " + maxBatchEvents + ", " + appendTimeoutMillis
          + ", " + snapshotEvery + ", " + reconcileMillis + ", " + reconcileGraceMillis + ", " + staleAssignmentMillis
          + ", " + maxPending + ", " + maxDelayMillis + ", " + retention + ", " + idempotencyKeys + ", "
          + idempotencyTtlMillis);
    }
  }

  public WriterOptions(int maxBatchEvents, long appendTimeoutMillis, long snapshotEvery, long reconcileMillis,
      long reconcileGraceMillis, long staleAssignmentMillis, int maxPending, long maxDelayMillis) {
    this(maxBatchEvents, appendTimeoutMillis, snapshotEvery, reconcileMillis, reconcileGraceMillis,
        staleAssignmentMillis, maxPending, maxDelayMillis, Retention.DEFAULTS, Idempotency.MAX_ENTRIES,
        Idempotency.TTL_MILLIS);
  }

  public WriterOptions(int maxBatchEvents, long appendTimeoutMillis, long snapshotEvery) {
    this(maxBatchEvents, appendTimeoutMillis, snapshotEvery, 30_000, 10_000, 12 * 3_600_000L);
  }

  public WriterOptions(int maxBatchEvents, long appendTimeoutMillis, long snapshotEvery, long reconcileMillis,
      long reconcileGraceMillis, long staleAssignmentMillis) {
    this(maxBatchEvents, appendTimeoutMillis, snapshotEvery, reconcileMillis, reconcileGraceMillis,
        staleAssignmentMillis, DEFAULT_MAX_PENDING, DEFAULT_MAX_DELAY_MILLIS);
  }

  /** These options with {@code retention} and these idempotency bounds. */
  public WriterOptions withMemory(Retention retention, int idempotencyKeys, long idempotencyTtlMillis) {
    return new WriterOptions(maxBatchEvents, appendTimeoutMillis, snapshotEvery, reconcileMillis, reconcileGraceMillis,
        staleAssignmentMillis, maxPending, maxDelayMillis, retention, idempotencyKeys, idempotencyTtlMillis);
  }
}
