package dev.contactrouter.core;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A contact as clients see it at one moment. Immutable, collections included: views leave the
 * writer's thread.
 *
 * @param position 1-based place in line among contacts competing for the same agents while
 *     queued; 0 once offered or later
 * @param estimatedWaitSeconds expected wait while queued, or null when nobody who could take it
 *     is logged in
 * @param offer the pending offer, or null
 * @param sla its SLA clock, or null when no policy applies
 * @param channel its channel now (a voice caller who asked for a callback waits as a callback)
 * @param routing its compliance gates and relationship routing, or null when it has neither
 * @param callback the callback the caller asked for, or null
 * @param survey its post-contact survey, or null
 * @param stages the service stages (§1.2.2) it passed, oldest first: {@code intake} from its
 *     arrival, then each stage it was advanced to; the last is the one it is in
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
    SlaView sla,
    Channel channel,
    Routing routing,
    Callback callback,
    Survey survey,
    List<StageEntry> stages) {

  public ContactView {
    rejectedBy = List.copyOf(rejectedBy);
    stages = List.copyOf(stages);
  }

  /** The service stage it is in now: the last it entered. */
  public ServiceStage currentStage() {
    return stages.isEmpty() ? ServiceStage.INTAKE : stages.get(stages.size() - 1).stage();
  }

  public record Offer(String offerId, String agentId, long madeAt, long expiresAt) {}

  /**
   * @param held true when it failed a compliance gate: it waits only in {@code reviewQueue}
   * @param reasons why its gates decided as they did
   * @param licences the licences it needs wherever it goes
   * @param stage how widely it may be offered; {@code preferredAgent} and {@code team} while reserved
   * @param stageUntil when the reserved stage ends, or null
   */
  public record Routing(
      boolean held, String reviewQueue, List<String> reasons, Set<String> licences, RouteStage stage,
      String preferredAgent, String team, Long stageUntil) {
    public Routing {
      reasons = List.copyOf(reasons);
      licences = Collections.unmodifiableSet(new LinkedHashSet<>(licences));
    }
  }

  public record Callback(String number, long requestedAt) {}

  public record Survey(int csat, Integer nps, String comment) {}

  /**
   * One service stage the contact entered.
   *
   * @param at when it entered it (epoch millis)
   * @param by who opened the stage: the actor that created the contact for {@code intake}, else
   *     the one that advanced it ({@code agent:<id>}, {@code supervisor}, a system)
   * @param queue the queue serving the stage it was handed to, or null when it stayed where it was
   */
  public record StageEntry(ServiceStage stage, long at, String by, String queue) {}
}
