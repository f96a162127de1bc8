package dev.contactrouter.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/** Work bounded by a time limit, its outcome always handled on the caller's context. */
public final class TimeLimit {
  private TimeLimit() {}

  /**
   * The outcome of {@code work} (started at once), handled on {@code context}; failed with
   * {@code timedOut} once {@code millis} pass without one, and then {@code onTimeout} runs (to
   * abandon the work). A late outcome is ignored.
   */
  public static <T> Future<T> within(Context context, long millis, Supplier<? extends Throwable> timedOut,
      Runnable onTimeout, Supplier<Future<T>> work) {
    Promise<T> outcome = Promise.promise();
    long timer = context.owner().setTimer(millis, id -> {
      if (outcome.tryFail(timedOut.get())) {
        onTimeout.run();
      }
    });
    work.get().onComplete(ar -> context.runOnContext(v -> {
      context.owner().cancelTimer(timer);
      if (ar.succeeded()) {
        outcome.tryComplete(ar.result());
      } else {
        outcome.tryFail(ar.cause());
      }
    }));
    return outcome.future();
  }
}
