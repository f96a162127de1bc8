package dev.contactrouter.core;

import java.util.List;

/**
 * A contact as clients see it at one moment.
 *
 * @param position 1-based place in line among contacts competing for the same agents while
 *     queued; 0 once offered or later
 * @param estimatedWaitSeconds expected wait while queued, or null when nobody who could take it
 *     is logged in
 * @param offer the pending offer, or null
 * @param sla its SLA clock, or null when no policy applies
 */
public record ContactView(
    String id,
    ContactStatus status,
    String queue,
    ContactSpec spec,
    String agentId,
    Offer offer,
    String targetAgent,
    long arrivedAt,
    long queuedAt,
    Long assignedAt,
    Long endedAt,
    double effectivePriority,
    Integer position,
    Integer estimatedWaitSeconds,
    int offerAttempts,
    List<String> rejectedBy,
    String disposition,
    String notes,
    String stage,
    SlaView sla) {

  public record Offer(String offerId, String agentId, long madeAt, long expiresAt) {}
}
