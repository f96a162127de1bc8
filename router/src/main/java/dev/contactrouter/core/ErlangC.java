package dev.contactrouter.core;

/**
 * Erlang C (the M/M/N queue): how many agents a queue needs for its service-level target, and
 * how long callers wait with a given number of agents. Pure arithmetic.
 *
 * <p>With arrivals of {@code lambda} a second and a mean handling time of {@code h} seconds, the
 * offered traffic is {@code A = lambda * h} erlangs. With {@code N > A} agents, the probability
 * that a caller waits is {@code C(N, A) = N*B / (N - A*(1 - B))}, where {@code B} is Erlang B,
 * computed by the stable recurrence {@code B(0) = 1, B(k) = A*B(k-1) / (k + A*B(k-1))}; the
 * service level (answered within {@code t} seconds) is {@code 1 - C * exp(-(N - A) * t / h)} and
 * the average speed of answer is {@code C * h / (N - A)}. With {@code N <= A} the queue grows
 * without bound: every caller waits.
 */
public final class ErlangC {
  private ErlangC() {}

  /** Most agents {@link #agentsFor} will consider. */
  public static final int MAX_AGENTS = 10_000;

  /** Offered traffic in erlangs. */
  public static double traffic(double arrivalsPerHour, double handleSeconds) {
    return arrivalsPerHour / 3600.0 * handleSeconds;
  }

  /** Probability that an arriving contact waits, with {@code agents} agents and {@code traffic} erlangs. */
  public static double probabilityOfWaiting(int agents, double traffic) {
    if (traffic <= 0) {
      return 0;
    }
    if (agents <= traffic) {
      return 1;
    }
    double b = 1;
    for (int k = 1; k <= agents; k++) {
      b = traffic * b / (k + traffic * b);
    }
    return agents * b / (agents - traffic * (1 - b));
  }

  /** Share (0–1) of contacts answered within {@code withinSeconds}. */
  public static double serviceLevel(int agents, double traffic, double handleSeconds, double withinSeconds) {
    if (agents <= traffic) {
      return traffic <= 0 ? 1 : 0;
    }
    return 1 - probabilityOfWaiting(agents, traffic) * Math.exp(-(agents - traffic) * withinSeconds / handleSeconds);
  }

  /** Mean wait of all contacts, in seconds; infinite when {@code agents <= traffic}. */
  public static double averageSpeedOfAnswer(int agents, double traffic, double handleSeconds) {
    if (traffic <= 0) {
      return 0;
    }
    if (agents <= traffic) {
      return Double.POSITIVE_INFINITY;
    }
    return probabilityOfWaiting(agents, traffic) * handleSeconds / (agents - traffic);
  }

  /**
   * The fewest agents answering at least {@code targetShare} (0–1) of contacts within {@code
   * withinSeconds}; at least one more than the traffic, so the queue is stable.
   */
  public static int agentsFor(double traffic, double handleSeconds, double targetShare, double withinSeconds) {
    if (traffic <= 0) {
      return 0;
    }
    int n = Math.max(1, (int) Math.floor(traffic) + 1);
    while (n < MAX_AGENTS && serviceLevel(n, traffic, handleSeconds, withinSeconds) < targetShare) {
      n++;
    }
    return n;
  }
}
