package dev.contactrouter.engine;

import dev.contactrouter.store.Journal;
import dev.contactrouter.store.JournalEntry;
import dev.contactrouter.store.JournalHead;
import dev.contactrouter.store.StoredEvent;
import dev.contactrouter.store.StoredSnapshot;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A journal that fails on demand, for the writer's failure paths: unreachable (every call fails),
 * an append that commits but reports failure (the connection dropped after COMMIT), and an
 * append that never answers.
 */
public final class FlakyJournal implements Journal {
  public enum Mode { UP, DOWN, COMMIT_THEN_FAIL, HANG }

  private final Journal delegate;
  private volatile Mode mode = Mode.UP;
  int appends;

  public FlakyJournal(Journal delegate) {
    this.delegate = delegate;
  }

  public void mode(Mode m) {
    mode = m;
  }

  @Override
  public Future<JournalHead> append(JournalHead head, List<JournalEntry> batch, StoredSnapshot.Unplaced snapshot) {
    appends++;
    switch (mode) {
      case DOWN:
        return down();
      case HANG:
        return Promise.<JournalHead>promise().future();
      case COMMIT_THEN_FAIL:
        mode = Mode.DOWN;
        return delegate.append(head, batch, snapshot).compose(v -> down());
      default:
        return delegate.append(head, batch, snapshot);
    }
  }

  private <T> Future<T> call(Supplier<Future<T>> f) {
    return mode == Mode.DOWN || mode == Mode.HANG ? down() : f.get();
  }

  private static <T> Future<T> down() {
    return Future.failedFuture(new IllegalStateException("connection refused (test)"));
  }

  @Override
  public Future<JournalHead> open(String domain) {
    return call(() -> delegate.open(domain));
  }

  @Override
  public Future<JournalHead> head(String domain) {
    return call(() -> delegate.head(domain));
  }

  @Override
  public Future<List<JournalEntry>> read(String domain, long afterSeq, int limit) {
    return call(() -> delegate.read(domain, afterSeq, limit));
  }

  @Override
  public Future<List<StoredEvent>> stored(String domain, long afterSeq, int limit) {
    return call(() -> delegate.stored(domain, afterSeq, limit));
  }

  @Override
  public Future<List<StoredEvent>> contactEvents(String domain, Collection<String> contactIds, int limit) {
    return call(() -> delegate.contactEvents(domain, contactIds, limit));
  }

  /** While set, {@link #arrivalsBy} answers what the journal held when asked, only once this completes. */
  volatile Future<Void> arrivalsHeldBack;

  @Override
  public Future<Map<String, String>> arrivalsBy(String domain, Collection<String> values) {
    Future<Void> gate = arrivalsHeldBack;
    if (gate == null) {
      return call(() -> delegate.arrivalsBy(domain, values));
    }
    io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
    Promise<Map<String, String>> answer = Promise.promise();
    call(() -> delegate.arrivalsBy(domain, values)).onComplete(asked ->
        gate.onComplete(opened -> caller.runOnContext(v -> answer.handle(asked))));
    return answer.future();
  }

  @Override
  public Future<List<String>> customerContacts(String domain, String customerId, int limit) {
    return call(() -> delegate.customerContacts(domain, customerId, limit));
  }

  @Override
  public Future<java.util.Map<String, byte[]>> secrets(String domain, Collection<String> keyIds) {
    return call(() -> delegate.secrets(domain, keyIds));
  }

  @Override
  public Future<List<String>> keysOf(String domain, String customerId) {
    return call(() -> delegate.keysOf(domain, customerId));
  }

  @Override
  public Future<List<StoredEvent>> range(String domain, long afterAt, long afterSeq, long toMillis, int limit) {
    return call(() -> delegate.range(domain, afterAt, afterSeq, toMillis, limit));
  }

  @Override
  public Future<List<String>> domains() {
    return call(delegate::domains);
  }

  @Override
  public Future<Void> saveSnapshot(StoredSnapshot snapshot) {
    return call(() -> delegate.saveSnapshot(snapshot));
  }

  @Override
  public Future<Optional<StoredSnapshot>> latestSnapshot(String domain) {
    return call(() -> delegate.latestSnapshot(domain));
  }

  @Override
  public Future<Optional<JournalHead>> acquire(String domain, String node, long leaseMillis) {
    return call(() -> delegate.acquire(domain, node, leaseMillis));
  }

  @Override
  public Future<Boolean> renew(String domain, String node, long epoch, long leaseMillis) {
    return call(() -> delegate.renew(domain, node, epoch, leaseMillis));
  }

  @Override
  public Future<Void> release(String domain, String node, long epoch) {
    return call(() -> delegate.release(domain, node, epoch));
  }

  @Override
  public Future<List<dev.contactrouter.store.DomainLease>> leases() {
    return call(delegate::leases);
  }

  @Override
  public boolean durable() {
    return true;
  }
}
