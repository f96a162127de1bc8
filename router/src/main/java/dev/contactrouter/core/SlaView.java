package dev.contactrouter.core;

import java.util.List;

/**
 * A contact's SLA as clients see it at one moment.
 *
 * @param source {@code queue:<id>}, {@code category:<id>}, {@code manual:first-response} (no policy configured: the manual's 2 hours) or {@code major} (marked major: 1 hour)
 * @param remainingMillis time left until the deadline (negative once past); frozen at the answer
 * @param answeredAt when an agent first accepted it (the clock stopped), or null
 * @param nextAt when the next threshold or the deadline is due, or null
 * @param priorityBoost points its thresholds have added to its priority
 * @param relaxedBy levels its thresholds have taken off its required skills
 * @param pendingOverflow the queue it moves to if its ringing offer comes back, or null
 */
public record SlaView(
    String source,
    SlaPolicy.TimeBasis timeBasis,
    int answerWithinSeconds,
    long startedAt,
    long deadline,
    long remainingMillis,
    boolean breached,
    Long answeredAt,
    Long nextAt,
    List<Fired> fired,
    int priorityBoost,
    int relaxedBy,
    String pendingOverflow) {

  public SlaView {
    fired = List.copyOf(fired);
  }

  /** A point of the schedule that was reached, and what it did. */
  public record Fired(int atPercent, SlaPolicy.Action action, long at, String effect) {}
}
