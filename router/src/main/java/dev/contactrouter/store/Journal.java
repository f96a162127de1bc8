package dev.contactrouter.store;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A routing domain's event journal: its audit trail and its recovery log. Events are chained by
 * hash per domain ({@link HashChain}); only the domain's writer appends, one batch at a time, and
 * the future of an append succeeds only once the batch is durable. The writer acknowledges
 * nothing before that.
 *
 * <p>Implementations: {@link MemoryJournal} (the embedded default; not durable) and {@link
 * PgJournal} (PostgreSQL). Both pass the same contract suite.
 */
public interface Journal extends KeyStore {

  /**
   * The data keys these stored events are sealed with, as a lookup from key id to secret (null for
   * a destroyed key): what {@link StoredEvent#recorded(Function)} opens them with.
   */
  default Future<Function<String, byte[]>> keysFor(String domain, Collection<StoredEvent> events) {
    Set<String> ids = new HashSet<>();
    for (StoredEvent e : events) {
      String id = e.sealedWith();
      if (id != null) {
        ids.add(id);
      }
    }
    if (ids.isEmpty()) {
      return Future.succeededFuture(id -> null);
    }
    return secrets(domain, ids).map(found -> found::get);
  }

  /** Makes the domain known to the journal if it is new, and returns its stored head. */
  Future<JournalHead> open(String domain);

  /**
   * Appends one batch atomically after {@code head}: the batch's sequence numbers must continue
   * it without a gap, and {@code head} must be exactly the stored head, epoch included; otherwise
   * the append fails with {@link JournalConflict} and stores nothing. Returns the new head.
   *
   * <p>In the same transaction it keeps the data key of every entry that has one (a key already
   * kept is kept as it is), and destroys the keys a {@code personal_data_erased} event names,
   * with every stored snapshot of the domain (they may hold what those keys sealed).
   */
  default Future<JournalHead> append(JournalHead head, List<JournalEntry> batch) {
    return append(head, batch, null);
  }

  /**
   * The same, and in the same transaction stores {@code snapshot} (unless null) as the state right
   * after the batch's last event: an erasure's append deletes every older snapshot and stores the
   * state it leaves, so the domain never has a moment with no snapshot after its archived part.
   */
  Future<JournalHead> append(JournalHead head, List<JournalEntry> batch, StoredSnapshot.Unplaced snapshot);

  /**
   * The contacts whose arrival ({@code contact_queued}) holds one of {@code values} in its
   * {@code customer_id} lookup column (a data key's id for a sealed arrival, the customer's own id
   * for one stored in clear), in journal order, with that value: which key sealed each of a
   * customer's contacts, as far as the live journal tells (archived months are not searched).
   */
  Future<Map<String, String>> arrivalsBy(String domain, Collection<String> values);

  /** The domain's stored head, or its genesis head if it has none; reads only. */
  Future<JournalHead> head(String domain);

  /** At most {@code limit} events of the domain after {@code afterSeq}, in order, decoded (personal fields opened with the keys that exist): for replay. */
  Future<List<JournalEntry>> read(String domain, long afterSeq, int limit);

  /** The same, as stored (text and hashes): for verification. */
  Future<List<StoredEvent>> stored(String domain, long afterSeq, int limit);

  /** Every event of these contacts (at most {@code limit}), in order. */
  Future<List<StoredEvent>> contactEvents(String domain, Collection<String> contactIds, int limit);

  /** Ids of one customer's contacts, newest first (at most {@code limit}), found by the customer's id or its data keys. */
  Future<List<String>> customerContacts(String domain, String customerId, int limit);

  /**
   * A page of the audit trail: events with {@code at} before {@code toMillis} that come after the
   * cursor ({@code afterAt}, {@code afterSeq}) in (time, sequence) order, at most {@code limit}.
   * Start a time range at cursor ({@code fromMillis}, 0) and continue from the last event returned.
   */
  Future<List<StoredEvent>> range(String domain, long afterAt, long afterSeq, long toMillis, int limit);

  /**
   * Where the domain's archived events end (see {@link PgArchive}): the last archived event's seq and
   * hash, recorded when it was archived; {@link ArchivedPart#none} when nothing was archived. Reads that
   * start from the beginning ({@link #stored}, {@link #range}, history) see only what follows it.
   */
  default Future<ArchivedPart> archived(String domain) {
    return Future.succeededFuture(ArchivedPart.none(domain));
  }

  /** Every domain the journal holds, by name. */
  Future<List<String>> domains();

  /** Stores a snapshot (keeping the newest few), for recovery to start from. */
  Future<Void> saveSnapshot(StoredSnapshot snapshot);

  /** The newest stored snapshot of the domain, if any. */
  Future<Optional<StoredSnapshot>> latestSnapshot(String domain);

  // ------------------------------------------------------------- ownership

  /**
   * Takes the domain's lease for {@code holder} for {@code leaseMillis} if nobody holds it (never
   * taken, released, or run out), and moves the epoch on in the same step: the head returned
   * carries the new epoch, and from then on only appends naming it succeed. Empty while the lease
   * is live, whoever holds it: not even a holder of the same name takes a live lease, since two
   * processes may carry one name (a double start, or a restart that overlaps the old process).
   * {@code holder} names one process ({@link DomainLease#holder(String, String)}). The domain must
   * have been opened.
   */
  Future<Optional<JournalHead>> acquire(String domain, String holder, long leaseMillis);

  /** Extends the lease; false if {@code holder} no longer holds it at {@code epoch}. */
  Future<Boolean> renew(String domain, String holder, long epoch, long leaseMillis);

  /** Gives the lease up (if {@code holder} still holds it at {@code epoch}) so another process can take it at once. */
  Future<Void> release(String domain, String holder, long epoch);

  /** Every domain's lease, by domain name. */
  Future<List<DomainLease>> leases();

  /** Whether events survive the process: false for the embedded in-memory journal. */
  boolean durable();

  /** Succeeds if the journal can be reached right now (for readiness probes). */
  default Future<Void> check() {
    return Future.succeededFuture();
  }

  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
