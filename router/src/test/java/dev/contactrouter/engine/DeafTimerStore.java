package dev.contactrouter.engine;

import dev.contactrouter.store.DueTimer;
import dev.contactrouter.store.TimerStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/** Accepts every timer and never delivers one: for tests where only the writer's own hand may act. */
final class DeafTimerStore implements TimerStore {
  @Override
  public Future<Void> arm(String domain, String key, long dueAt, JsonObject payload) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> cancel(String domain, String key) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> start(String domain, Function<DueTimer, Future<?>> deliver) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop(String domain) {
    return Future.succeededFuture();
  }

  @Override
  public boolean durable() {
    return false;
  }
}
