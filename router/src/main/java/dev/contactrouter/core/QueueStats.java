package dev.contactrouter.core;

import java.util.Map;

/**
 * A queue's live figures and counters since the domain started (or was last rebuilt).
 *
 * @param waiting contacts queued, not yet offered
 * @param ringing contacts offered to an agent, not yet accepted
 * @param longestWaitSeconds how long the oldest waiting or ringing contact has been in this queue
 * @param offered contacts that entered the queue (new or transferred in)
 * @param answered offers accepted
 * @param agents agents who can serve the queue, by state (offline, available, busy, not_ready,
 *     wrap_up)
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
    Map<String, Integer> agents) {}
