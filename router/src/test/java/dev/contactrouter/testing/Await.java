package dev.contactrouter.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounded waits for tests that read top to bottom on the test thread: every wait has a limit, and
 * one that runs out fails with an {@link AssertionError} naming what was awaited (the caller's
 * description, or else the line that waited). A future that fails is rethrown as a
 * {@link CompletionException} whose cause is the failure, so {@code hasCauseInstanceOf} and
 * {@code hasRootCauseInstanceOf} see what the code under test raised. Waiting blocks, so none of
 * this may run on an event loop; it refuses to.
 */
public final class Await {
  /** The limit when a caller names none: far above any answer of an engine on loopback. */
  public static final Duration DEFAULT = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 50;

  private Await() {
  }

  /** The future's result, waiting at most {@link #DEFAULT}. */
  public static <T> T await(Future<T> future) {
    return await(caller(), future, DEFAULT);
  }

  public static <T> T await(Future<T> future, Duration limit) {
    return await(caller(), future, limit);
  }

  public static <T> T await(String what, Future<T> future) {
    return await(what, future, DEFAULT);
  }

  public static <T> T await(String what, Future<T> future, Duration limit) {
    refuseEventLoop(what);
    try {
      return future.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(what + ": no answer within " + limit.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
      throw new CompletionException(what + " failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(what + ": interrupted while waiting", e);
    }
  }

  /** Checks {@code done} every 50 ms until it holds, failing after {@code limit}. */
  public static void until(String what, BooleanSupplier done, Duration limit) {
    until(what, () -> done.getAsBoolean(), b -> b, limit);
  }

  /**
   * Reads every 50 ms until a read matches, and returns it; after {@code limit} fails with the last
   * read in the message.
   */
  public static <T> T until(String what, Supplier<T> read, Predicate<T> done, Duration limit) {
    refuseEventLoop(what);
    long deadline = System.nanoTime() + limit.toNanos();
    T last = read.get();
    while (!done.test(last)) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(what + ": not reached within " + limit.toMillis() + " ms; last seen: " + last);
      }
      pause(Duration.ofMillis(POLL_MILLIS));
      last = read.get();
    }
    return last;
  }

  /**
   * Lets {@code time} pass on the test thread, for a wait that must not poll (each look would
   * change what is awaited, as a sign-in attempt restarts a lock).
   */
  public static void pause(Duration time) {
    refuseEventLoop("a pause of " + time.toMillis() + " ms");
    try {
      Thread.sleep(time.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted in a pause of " + time.toMillis() + " ms", e);
    }
  }

  private static void refuseEventLoop(String what) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("waiting for " + what + " would block an event loop; chain the future instead");
    }
  }

  /** "the future awaited at Class.method(File.java:12)": the first frame outside this class. */
  private static String caller() {
    return StackWalker.getInstance().walk(frames -> frames
        .filter(f -> !f.getClassName().equals(Await.class.getName()))
        .findFirst()
        .map(f -> "the future awaited at " + f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1)
            + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")")
        .orElse("a future"));
  }
}
