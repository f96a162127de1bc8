package dev.contactrouter.api;

/**
 * How much new intake one HTTP event loop may have in flight (read, passed to the writer, not yet
 * answered), adapted to how fast that intake is answered: additive increase while answers come
 * within the target and the limit is in use, multiplicative decrease (at most once per target
 * interval, so one slow batch counts once) when they come later. A request past the limit is
 * refused before its body is read, so an engine offered more than it can take keeps what it took
 * answered within about the target and spends almost nothing on the rest.
 *
 * <p>Little's law is the reason a limit on what is in flight bounds latency: at a given rate of
 * answers, what waits is answered in (in flight ÷ rate); the limit settles where the answers of
 * the work it lets in come back within the target. The floor keeps a loop from ever refusing a
 * trickle (a few requests at a time are never refused however slow the journal is: the writer's
 * own delay budget covers that); the ceiling is the writer's backlog bound shared between loops.
 *
 * <p>Touched only on its event loop's thread.
 */
final class IntakeLimit {
  /** The share kept on a decrease. */
  static final double DECREASE = 0.9;

  private final long targetNanos;
  private final int floor;
  private final int ceiling;
  private double limit;
  private int inFlight;
  private long lastDecrease = Long.MIN_VALUE / 2;

  /**
   * @param targetMillis how long intake may take to be answered before the limit shrinks; 0 turns
   *     the limit off (every request is taken)
   * @param floor the limit never goes below this
   * @param ceiling nor above this (and starts here)
   */
  IntakeLimit(long targetMillis, int floor, int ceiling) {
    if (targetMillis < 0 || floor < 1 || ceiling < floor) {
      throw new IllegalArgumentException("need targetMillis >= 0 and 1 <= floor <= ceiling, got "
          + targetMillis + ", " + floor + ", " + ceiling);
    }
    this.targetNanos = targetMillis * 1_000_000L;
    this.floor = floor;
    this.ceiling = ceiling;
    this.limit = ceiling;
  }

  /** Takes one more request in flight, or says no (nothing changes then). */
  boolean tryTake() {
    if (targetNanos > 0 && inFlight >= (int) limit) {
      return false;
    }
    inFlight++;
    return true;
  }

  /**
   * A request {@link #tryTake taken} was answered (or its connection closed) after {@code
   * tookNanos}, at monotonic time {@code now}.
   */
  void answered(long tookNanos, long now) {
    boolean full = inFlight >= (int) limit;
    inFlight--;
    if (targetNanos == 0) {
      return;
    }
    if (tookNanos > targetNanos) {
      if (now - lastDecrease >= targetNanos) {
        limit = Math.max(floor, limit * DECREASE);
        lastDecrease = now;
      }
    } else if (full) {
      // About one more per round trip of the whole limit.
      limit = Math.min(ceiling, limit + 1.0 / limit);
    }
  }

  int limit() {
    return (int) limit;
  }

  int inFlight() {
    return inFlight;
  }

  long targetMillis() {
    return targetNanos / 1_000_000L;
  }
}
