package dev.contactrouter.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A queue's live figures and counters since the domain started (or was last rebuilt). Immutable:
 * figures leave the writer's thread.
 *
 * @param waiting contacts queued, not yet offered
 * @param ringing contacts offered to an agent, not yet accepted
 * @param longestWaitSeconds how long the oldest waiting or ringing contact has been in this queue
 * @param offered contacts that entered the queue (new or transferred in)
 * @param answered offers accepted
 * @param agents agents who can serve the queue, by state (offline, available, busy, not_ready,
 *     wrap_up)
 * @param sla the queue's service level in the current reporting interval
 */
public record QueueStats(
    String queue,
    int waiting,
    int ringing,
    double longestWaitSeconds,
    long offered,
    long answered,
    long abandoned,
    long completed,
    long transferredOut,
    long missedOffers,
    double averageSpeedOfAnswerSeconds,
    double averageHandleSeconds,
    Map<String, Integer> agents,
    ServiceLevel sla) {

  public QueueStats {
    agents = Collections.unmodifiableMap(new LinkedHashMap<>(agents));
  }

  /**
   * Service level for the current interval: of the contacts whose SLA outcome was decided in it
   * (answered, breached, or abandoned before the deadline), the share answered within target.
   *
   * @param serviceLevel 0–100, or null when no outcome was decided in the interval yet
   * @param targetPercent the queue's own policy's target, or null when it has none
   * @param breaches deadlines passed unanswered in the interval
   * @param breachesTotal since the domain started (or was rebuilt)
   * @param nearBreach contacts waiting or ringing now that are past their near-breach mark and not
   *     yet breached
   */
  public record ServiceLevel(
      Double serviceLevel,
      Integer targetPercent,
      long decided,
      long answeredWithinTarget,
      long breaches,
      long breachesTotal,
      int nearBreach,
      long intervalStart,
      long intervalEnd) {}
}
