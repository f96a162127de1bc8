package dev.contactrouter.core;

/**
 * The few figures of a queue that gauges poll every few seconds, read in constant time (unlike
 * {@link QueueStats}, which looks at every waiting contact and every agent).
 *
 * @param waiting contacts queued, not yet offered
 * @param ringing contacts offered to an agent, not yet accepted
 * @param longestWaitMillis how long the oldest waiting or ringing contact has been in this queue
 */
public record QueueDepth(String queue, int waiting, int ringing, long longestWaitMillis) {}
