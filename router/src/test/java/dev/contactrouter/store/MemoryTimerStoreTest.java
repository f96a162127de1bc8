package dev.contactrouter.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The contract, in memory. */
class MemoryTimerStoreTest extends TimerStoreContract {
  @Override
  protected Future<TimerStore> newStore(Vertx vertx) {
    return Future.succeededFuture(new MemoryTimerStore(vertx, clock));
  }
}
