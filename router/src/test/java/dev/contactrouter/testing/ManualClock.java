package dev.contactrouter.testing;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A clock (epoch milliseconds) that moves only when the test moves it: what a store or a writer
 * is given instead of {@code System::currentTimeMillis} when a test is about due times, not about
 * how fast the machine is. Read from any thread.
 */
public final class ManualClock implements LongSupplier {
  private final AtomicLong now;

  public ManualClock(long startMillis) {
    now = new AtomicLong(startMillis);
  }

  @Override
  public long getAsLong() {
    return now.get();
  }

  /** Moves the clock on by {@code millis} (never back); returns the new time. */
  public long advance(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("a clock does not go back: " + millis);
    }
    return now.addAndGet(millis);
  }
}
