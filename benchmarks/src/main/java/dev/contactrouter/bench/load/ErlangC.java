package dev.contactrouter.bench.load;

/**
 * The Erlang C model of one queue (M/M/N: Poisson arrivals, exponential service, N agents, callers
 * who never hang up): what a contact centre should see for a given arrival rate, service time and
 * staffing, to read the load generator's measurements against.
 *
 * <p>Computed through the Erlang B recurrence {@code B(k) = A·B(k-1) / (k + A·B(k-1))}, which stays
 * exact for thousands of agents where the textbook sum of {@code A^k / k!} overflows, and then
 * {@code C = N·B / (N - A·(1 - B))}.
 */
public final class ErlangC {
  private ErlangC() {}

  /**
   * What Erlang C predicts.
   *
   * @param traffic offered load A in erlangs (arrival rate × mean service time)
   * @param occupancy A / N
   * @param probabilityOfWaiting chance an arriving contact finds every agent busy
   * @param serviceLevel chance a contact waits no longer than the target
   * @param averageSpeedOfAnswerSeconds mean wait over all contacts
   */
  public record Prediction(
      double traffic,
      int agents,
      double occupancy,
      double probabilityOfWaiting,
      double serviceLevel,
      double averageSpeedOfAnswerSeconds) {

    /** Whether the queue is stable at all (A &lt; N); if not it grows without bound. */
    public boolean stable() {
      return traffic < agents;
    }
  }

  /**
   * @param arrivalsPerSecond Poisson arrival rate λ
   * @param serviceSeconds mean time an agent is taken by one contact (ring, talk, wrap-up)
   * @param agents N
   * @param targetSeconds the service-level threshold T (answered within T)
   */
  public static Prediction predict(double arrivalsPerSecond, double serviceSeconds, int agents, double targetSeconds) {
    double a = arrivalsPerSecond * serviceSeconds;
    double pWait = probabilityOfWaiting(a, agents);
    return new Prediction(
        a,
        agents,
        a / agents,
        pWait,
        serviceLevel(a, agents, targetSeconds / serviceSeconds),
        a < agents ? pWait * serviceSeconds / (agents - a) : Double.POSITIVE_INFINITY);
  }

  /** Erlang C: the chance that a contact has to wait, for A erlangs offered to N agents (1 if A ≥ N). */
  public static double probabilityOfWaiting(double traffic, int agents) {
    if (agents < 1 || traffic < 0) {
      throw new IllegalArgumentException("need agents >= 1 and traffic >= 0, got " + agents + " and " + traffic);
    }
    if (traffic >= agents) {
      return 1.0;
    }
    if (traffic == 0) {
      return 0.0;
    }
    double b = 1.0; // Erlang B with 0 servers
    for (int k = 1; k <= agents; k++) {
      b = traffic * b / (k + traffic * b);
    }
    return agents * b / (agents - traffic * (1 - b));
  }

  /**
   * The chance of waiting no longer than T: {@code 1 - C·e^(-(N - A)·T/s)}.
   *
   * @param targetOverService T divided by the mean service time s
   */
  public static double serviceLevel(double traffic, int agents, double targetOverService) {
    if (traffic >= agents) {
      return 0.0;
    }
    return 1 - probabilityOfWaiting(traffic, agents) * Math.exp(-(agents - traffic) * targetOverService);
  }
}
