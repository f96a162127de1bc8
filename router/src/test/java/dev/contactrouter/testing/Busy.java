package dev.contactrouter.testing;

import java.time.Duration;

/**
 * Keeps the calling thread busy by computing, never by sleeping, for a bounded time: how the tests
 * make an event loop run late as a loop with too much to do does ({@link Await#pause} refuses to
 * run on one).
 */
public final class Busy {
  private Busy() {
  }

  /** Spins for about {@code time}; returns how many times it spun (positive: it really ran). */
  public static long spin(Duration time) {
    long until = System.nanoTime() + time.toNanos();
    long spins = 0;
    while (System.nanoTime() < until) {
      spins++;
      Thread.onSpinWait();
    }
    return spins;
  }
}
