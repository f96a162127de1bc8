package dev.contactrouter.engine;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps background work on a worker thread to a share of one core, as PostgreSQL's cost-based
 * vacuum delay does: run after each round of the work, it rests in proportion to how long the
 * round took ({@code rest = worked × (1 − share) ÷ share}), so the work runs at most {@code share}
 * of the time however large it is. Used on worker threads only: it sleeps.
 */
final class Pacing implements Runnable {
  /** Sleeps for the given nanoseconds. */
  interface Sleeper {
    void sleep(long nanos);
  }

  /** Rests longer than this are cut to it: one slow round (the thread was not given a core) does not stall the work. */
  static final long MAX_REST_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final double share;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private long roundStart;
  private long rested;

  /**
   * @param share the share of time the work may run, above 0 and at most 1 (1: never rests)
   * @param nanoTime the clock
   * @param sleeper how to rest
   */
  Pacing(double share, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be above 0 and at most 1, not " + share);
    }
    this.share = share;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.roundStart = nanoTime.getAsLong();
  }

  /** A round of work has ended: rest in proportion to it, and start timing the next. */
  @Override
  public void run() {
    long worked = nanoTime.getAsLong() - roundStart;
    long rest = Math.min(MAX_REST_NANOS, (long) (worked * (1 - share) / share));
    if (rest > 0) {
      sleeper.sleep(rest);
      rested += rest;
    }
    roundStart = nanoTime.getAsLong();
  }

  /** How long it has rested in all, in nanoseconds. */
  long rested() {
    return rested;
  }

  static void sleep(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
