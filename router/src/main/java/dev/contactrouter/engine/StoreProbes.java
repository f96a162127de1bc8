package dev.contactrouter.engine;

import dev.contactrouter.store.Journal;
import dev.contactrouter.store.TimerStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Asks a domain's journal and timer store whether they answer right now, each given {@link
 * #TIMEOUT_MILLIS}; the outcome is told on the writer's context.
 */
record StoreProbes(Context context, Journal journalStore, TimerStore timerStore) {
  static final long TIMEOUT_MILLIS = 1_500;

  /** {@code UP}, or {@code DOWN: <why>}. */
  Future<String> journal() {
    return probe(journalStore.check());
  }

  /** {@code UP}, or {@code DOWN: <why>}. */
  Future<String> timers() {
    return probe(timerStore.check());
  }

  private Future<String> probe(Future<Void> check) {
    Promise<String> outcome = Promise.promise();
    long timer = context.owner().setTimer(TIMEOUT_MILLIS,
        id -> outcome.tryComplete("DOWN: no answer in " + TIMEOUT_MILLIS + " ms"));
    check.onComplete(ar -> context.runOnContext(v -> {
      context.owner().cancelTimer(timer);
      outcome.tryComplete(ar.succeeded() ? "UP" : "DOWN: " + ar.cause().getMessage());
    }));
    return outcome.future();
  }
}
