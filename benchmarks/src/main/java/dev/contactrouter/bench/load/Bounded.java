package dev.contactrouter.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.function.Supplier;

/** Runs asynchronous steps with at most {@code limit} in progress at once (setting up thousands of agents). */
final class Bounded {
  private Bounded() {}

  /** Completes when every step has; fails with the first failure once the rest are done. */
  static Future<Void> all(List<Supplier<Future<?>>> steps, int limit) {
    Promise<Void> done = Promise.promise();
    new Object() {
      int next;
      int running;
      Throwable failure;

      void pump() {
        while (running < limit && next < steps.size()) {
          Supplier<Future<?>> step = steps.get(next++);
          running++;
          Future<?> f;
          try {
            f = step.get();
          } catch (RuntimeException e) {
            f = Future.failedFuture(e);
          }
          f.onComplete(ar -> {
            running--;
            if (ar.failed() && failure == null) {
              failure = ar.cause();
            }
            pump();
          });
        }
        if (running == 0 && next == steps.size()) {
          if (failure == null) {
            done.tryComplete();
          } else {
            done.tryFail(failure);
          }
        }
      }
    }.pump();
    return done.future();
  }
}
