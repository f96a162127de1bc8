package dev.contactrouter.store;

import dev.contactrouter.collect.SpreadHashMap;
import dev.contactrouter.core.Event;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The embedded default: the journal in memory, lost with the process. It keeps events in their
 * stored form, hash chain included, and answers the same queries as the PostgreSQL journal, so
 * history, audit export and verification work the same way embedded. Every domain's writer shares
 * it (each from its own event loop), so each call holds its lock, briefly: there is no I/O.
 */
public final class MemoryJournal implements Journal {
  static final int SNAPSHOTS_KEPT = 2;

  private final Map<String, Domain> domains = new TreeMap<>();
  /** What leases are judged against (epoch millis). */
  private final LongSupplier clock;

  private static final class Domain {
    JournalHead head;
    String owner;
    long leaseUntil;
    final List<StoredEvent> events = new ArrayList<>();
    final Map<String, List<Integer>> byContact = new SpreadHashMap<>();
    /** Event indexes by the customer_id column: a customer's id, or a data key's id. */
    final Map<String, List<Integer>> byCustomer = new SpreadHashMap<>();
    /** Live customer data keys by id. */
    final Map<String, CustomerKey> keys = new HashMap<>();
    final TreeMap<Long, StoredSnapshot> snapshots = new TreeMap<>();

    Domain(String name) {
      head = JournalHead.genesis(name);
    }
  }

  public MemoryJournal() {
    this(System::currentTimeMillis);
  }

  /** A journal whose leases run on {@code clock}: tests pass one they move themselves. */
  public MemoryJournal(LongSupplier clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Future<JournalHead> open(String domain) {
    return Future.succeededFuture(domains.computeIfAbsent(domain, Domain::new).head);
  }

  @Override
  public synchronized Future<JournalHead> append(JournalHead head, List<JournalEntry> batch,
      StoredSnapshot.Unplaced snapshot) {
    Domain d = domains.get(head.domain());
    if (d == null) {
      return Future.failedFuture(new JournalConflict("domain " + head.domain() + " was never opened"));
    }
    if (!d.head.equals(head)) {
      return Future.failedFuture(new JournalConflict(
          "journal of " + head.domain() + " is at " + d.head + ", not " + head));
    }
    List<StoredEvent> chained;
    try {
      chained = head.chain(batch);
    } catch (JournalConflict e) {
      return Future.failedFuture(e);
    }
    List<String> erased = new ArrayList<>();
    batch.forEach(e -> {
      if (e.recorded().event() instanceof Event.PersonalDataErased pe) {
        erased.addAll(pe.keyIds());
      }
    });
    batch.forEach(e -> {
      if (e.key() != null && !erased.contains(e.key().id())) {
        d.keys.putIfAbsent(e.key().id(), e.key());
      }
    });
    erased.forEach(d.keys::remove);
    if (!erased.isEmpty()) {
      d.snapshots.clear();
    }
    for (StoredEvent e : chained) {
      int index = d.events.size();
      d.events.add(e);
      if (e.contactId() != null) {
        d.byContact.computeIfAbsent(e.contactId(), k -> new ArrayList<>()).add(index);
      }
      if (e.customerId() != null) {
        d.byCustomer.computeIfAbsent(e.customerId(), k -> new ArrayList<>()).add(index);
      }
    }
    if (!chained.isEmpty()) {
      StoredEvent last = chained.get(chained.size() - 1);
      d.head = head.after(last);
      if (snapshot != null) {
        d.snapshots.put(last.seq(), snapshot.at(head.domain(), last.seq(), last.hash()));
      }
    }
    return Future.succeededFuture(d.head);
  }

  @Override
  public synchronized Future<JournalHead> head(String domain) {
    Domain d = domains.get(domain);
    return Future.succeededFuture(d == null ? JournalHead.genesis(domain) : d.head);
  }

  @Override
  public synchronized Future<List<JournalEntry>> read(String domain, long afterSeq, int limit) {
    List<JournalEntry> out = new ArrayList<>();
    Domain d = domains.get(domain);
    for (StoredEvent e : page(domain, afterSeq, limit)) {
      out.add(new JournalEntry(domain, e.seq(), e.recorded(id -> {
        CustomerKey key = d.keys.get(id);
        return key == null ? null : key.secret();
      })));
    }
    return Future.succeededFuture(out);
  }

  @Override
  public synchronized Future<List<StoredEvent>> stored(String domain, long afterSeq, int limit) {
    return Future.succeededFuture(page(domain, afterSeq, limit));
  }

  private List<StoredEvent> page(String domain, long afterSeq, int limit) {
    Domain d = domains.get(domain);
    if (d == null) {
      return List.of();
    }
    int from = (int) Math.min(Math.max(afterSeq, 0), d.events.size());
    int to = (int) Math.min((long) from + limit, d.events.size());
    return List.copyOf(d.events.subList(from, to));
  }

  @Override
  public synchronized Future<List<StoredEvent>> contactEvents(String domain, Collection<String> contactIds, int limit) {
    Domain d = domains.get(domain);
    if (d == null) {
      return Future.succeededFuture(List.of());
    }
    List<Integer> indexes = new ArrayList<>();
    for (String id : new HashSet<>(contactIds)) {
      indexes.addAll(d.byContact.getOrDefault(id, List.of()));
    }
    indexes.sort(null);
    List<StoredEvent> out = new ArrayList<>();
    for (int i = 0; i < indexes.size() && out.size() < limit; i++) {
      out.add(d.events.get(indexes.get(i)));
    }
    return Future.succeededFuture(out);
  }

  @Override
  public synchronized Future<Map<String, String>> arrivalsBy(String domain, Collection<String> values) {
    Domain d = domains.get(domain);
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (d == null) {
      return Future.succeededFuture(out);
    }
    List<Integer> indexes = new ArrayList<>();
    for (String value : new HashSet<>(values)) {
      indexes.addAll(d.byCustomer.getOrDefault(value, List.of()));
    }
    indexes.sort(null);
    for (int i : indexes) {
      StoredEvent e = d.events.get(i);
      if ("contact_queued".equals(e.type())) {
        out.putIfAbsent(e.contactId(), e.customerId());
      }
    }
    return Future.succeededFuture(out);
  }

  @Override
  public synchronized Future<List<String>> customerContacts(String domain, String customerId, int limit) {
    Domain d = domains.get(domain);
    if (d == null) {
      return Future.succeededFuture(List.of());
    }
    List<Integer> indexes = new ArrayList<>(d.byCustomer.getOrDefault(customerId, List.of()));
    for (CustomerKey key : d.keys.values()) {
      if (key.customerId().equals(customerId)) {
        indexes.addAll(d.byCustomer.getOrDefault(key.id(), List.of()));
      }
    }
    indexes.sort(null);
    List<String> newestFirst = new ArrayList<>();
    for (int i = indexes.size() - 1; i >= 0 && newestFirst.size() < limit; i--) {
      newestFirst.add(d.events.get(indexes.get(i)).contactId());
    }
    return Future.succeededFuture(newestFirst);
  }

  @Override
  public synchronized Future<Map<String, byte[]>> secrets(String domain, Collection<String> keyIds) {
    Domain d = domains.get(domain);
    Map<String, byte[]> out = new HashMap<>();
    if (d != null) {
      for (String id : keyIds) {
        CustomerKey key = d.keys.get(id);
        if (key != null) {
          out.put(id, key.secret());
        }
      }
    }
    return Future.succeededFuture(out);
  }

  @Override
  public synchronized Future<List<String>> keysOf(String domain, String customerId) {
    Domain d = domains.get(domain);
    List<String> out = new ArrayList<>();
    if (d != null) {
      d.keys.values().forEach(k -> {
        if (k.customerId().equals(customerId)) {
          out.add(k.id());
        }
      });
    }
    return Future.succeededFuture(out);
  }

  @Override
  public synchronized Future<List<StoredEvent>> range(String domain, long afterAt, long afterSeq, long toMillis, int limit) {
    Domain d = domains.get(domain);
    if (d == null) {
      return Future.succeededFuture(List.of());
    }
    List<StoredEvent> matching = new ArrayList<>();
    for (StoredEvent e : d.events) {
      boolean afterCursor = e.at() > afterAt || (e.at() == afterAt && e.seq() > afterSeq);
      if (afterCursor && e.at() < toMillis) {
        matching.add(e);
      }
    }
    matching.sort((a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at()) : Long.compare(a.seq(), b.seq()));
    return Future.succeededFuture(List.copyOf(matching.subList(0, Math.min(limit, matching.size()))));
  }

  @Override
  public synchronized Future<List<String>> domains() {
    return Future.succeededFuture(List.copyOf(domains.keySet()));
  }

  @Override
  public synchronized Future<Void> saveSnapshot(StoredSnapshot snapshot) {
    Domain d = domains.get(snapshot.domain());
    if (d == null) {
      return Future.failedFuture(new IllegalStateException("domain " + snapshot.domain() + " was never opened"));
    }
    d.snapshots.putIfAbsent(snapshot.seq(), snapshot);
    while (d.snapshots.size() > SNAPSHOTS_KEPT) {
      d.snapshots.pollFirstEntry();
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Optional<StoredSnapshot>> latestSnapshot(String domain) {
    Domain d = domains.get(domain);
    return Future.succeededFuture(
        d == null || d.snapshots.isEmpty() ? Optional.empty() : Optional.of(d.snapshots.lastEntry().getValue()));
  }

  @Override
  public synchronized boolean durable() {
    return false;
  }

  @Override
  public synchronized Future<Optional<JournalHead>> acquire(String domain, String holder, long leaseMillis) {
    Domain d = domains.get(domain);
    if (d == null) {
      return Future.failedFuture(new IllegalStateException("domain " + domain + " was never opened"));
    }
    long now = clock.getAsLong();
    if (d.owner != null && d.leaseUntil > now) {
      return Future.succeededFuture(Optional.empty());
    }
    d.owner = holder;
    d.leaseUntil = now + leaseMillis;
    d.head = new JournalHead(domain, d.head.epoch() + 1, d.head.seq(), d.head.hash());
    return Future.succeededFuture(Optional.of(d.head));
  }

  @Override
  public synchronized Future<Boolean> renew(String domain, String holder, long epoch, long leaseMillis) {
    Domain d = domains.get(domain);
    if (d == null || !holder.equals(d.owner) || d.head.epoch() != epoch) {
      return Future.succeededFuture(false);
    }
    d.leaseUntil = clock.getAsLong() + leaseMillis;
    return Future.succeededFuture(true);
  }

  @Override
  public synchronized Future<Void> release(String domain, String holder, long epoch) {
    Domain d = domains.get(domain);
    if (d != null && holder.equals(d.owner) && d.head.epoch() == epoch) {
      d.owner = null;
      d.leaseUntil = 0;
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<DomainLease>> leases() {
    long now = clock.getAsLong();
    List<DomainLease> out = new ArrayList<>();
    domains.forEach((name, d) -> out.add(new DomainLease(name, d.owner, d.head.epoch(),
        d.owner == null ? null : d.leaseUntil, now)));
    return Future.succeededFuture(out);
  }

  /** Moves a domain's ownership epoch on, as a new owner would: for tests of fencing. */
  synchronized void takeOver(String domain) {
    Domain d = domains.get(domain);
    d.head = new JournalHead(domain, d.head.epoch() + 1, d.head.seq(), d.head.hash());
  }

  /**
   * Replaces a stored event's text, keeping its hashes, as someone with write access to the
   * store could: for tests of verification.
   */
  synchronized void tamper(String domain, long seq, String payload) {
    Domain d = domains.get(domain);
    StoredEvent e = d.events.get((int) seq - 1);
    d.events.set((int) seq - 1, new StoredEvent(e.domain(), e.seq(), e.at(), e.actor(), e.type(), e.contactId(),
        e.agentId(), e.customerId(), payload, e.prevHash(), e.hash()));
  }
}
