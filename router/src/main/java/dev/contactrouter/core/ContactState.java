package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One contact's mutable state, owned by its {@link RoutingDomain}.
 *
 * <p>It is its own node in the line of the waiting index that ranks it ({@link RankedSet.Node}: the
 * links and subtree size that line keeps, written only by {@link RankedSet}): 16 bytes here instead
 * of a 32-byte node object per waiting contact in each of the writer's two copies of the domain.
 */
final class ContactState extends RankedSet.Node<ContactState> {
  /** What it arrived as; replaced only when a compliance hold is released with a re-assessed customer. */
  ContactSpec spec;
  /** Arrival order within the domain; breaks ties between equal priorities and times. */
  final long seq;
  final long arrivedAt;
  ContactStatus status = ContactStatus.QUEUED;
  String queue;
  long queuedAt;
  /**
   * The offer it rings on; once that ends, its times only (a snapshot keeps them); null before its
   * first offer. One object made per offer, instead of four fields every waiting contact carries.
   */
  private Offered offer;
  int offerAttempts;
  /** Priority points added by SLA thresholds, on top of the queue's and its own. */
  int priorityBoost;
  /** Levels taken off every required skill by SLA thresholds (a level never drops below 1). */
  int relaxBy;
  /**
   * Its SLA clock's schedule, or null when no policy applies: the event that started it, one object
   * for both of the writer's copies of the domain (each folds the same events). Where the clock
   * stands is {@link #slaNext} and {@link #slaBreached} here, its rarer parts (answered, a pending
   * overflow, the points reached) in {@link Later}: no clock object of its own in each copy (a
   * 72-byte one before; issue 14, goal 6).
   */
  Event.SlaStarted sla;
  /** Index of the next point of {@code sla.dueAt()} to reach; its size once all are reached. */
  short slaNext;
  boolean slaBreached;
  /** Its channel now: a voice caller who asked to be called back waits on as a callback. */
  Channel channel;
  /** Licences it needs whatever queue it is in: fixed on arrival (its own and its queue's). */
  Set<String> gateLicences = Set.of();
  /** Held for compliance review: routable only in {@code later.heldIn}, under that queue's own requirement. */
  boolean held;
  /** Reserved for a preferred agent, then its team, then open to everyone qualified. */
  RouteStage routeStage = RouteStage.OPEN;
  /**
   * The service stages it entered, oldest first (intake from its arrival): {@link ServiceStages}.
   * Read with {@link #stages()}; {@link #enterStage} adds. Most contacts only ever enter intake, on
   * arrival: then this is null and {@link #intakeBy} says who created it, so a waiting contact holds
   * no list and no entry; a list is made at the second stage.
   */
  private List<ContactView.StageEntry> stages = List.of();
  /** Who created it, while {@link #stages} is null (its one stage is intake, since it arrived). */
  private String intakeBy;
  /**
   * What most contacts never have while they wait (an agent, an outcome, a callback, a reserved
   * stage, a survey): {@link Later#NONE}, shared and never written, until {@link #later()} gives the
   * contact its own at the first write. A waiting contact holds one reference here instead of
   * seventeen fields: 64 bytes less in each of the writer's two copies of the domain (issue 14,
   * goal 6). Read through {@code later.x}; write only through {@code later().x} (a test keeps it so).
   */
  Later later = Later.NONE;

  /** The {@link EventSubject} last given for it (immutable; reused while its queue and ids stay the same). */
  EventSubject subject;

  /** Its gates as they stand in its current queue: the one check every path asks ({@link GateCheck}). */
  GateCheck gate;

  /**
   * Its place in the waiting index while queued (kept while offered, to return to it): its line,
   * null until first placed, and the time-invariant part of its priority ({@link WaitingIndex#key})
   * by which the line ranks it. The key is kept here, not in an object per place in line: that
   * object cost 40 bytes per waiting contact in each copy of the domain. Neither may change while
   * a line holds it ({@link Matching#place}).
   */
  WaitingIndex.GroupKey group;
  double waitKey;

  // Its place in its queue's line (QueueState.present) while it waits or rings there: links kept
  // on the contact instead of a 40-byte TreeMap entry per waiting contact. Only QueueLine writes them.
  /** The line it is in, or null. */
  QueueLine line;
  /** The contacts just before and after it in {@link #line}, or null at either end. */
  ContactState linePrev;
  ContactState lineNext;

  // Its place among its customer's contacts held in memory (CustomerIndex): links kept on the
  // contact instead of a set entry each. Only CustomerIndex writes them.
  ContactState customerPrev;
  ContactState customerNext;

  ContactState(ContactSpec spec, long seq, long arrivedAt) {
    this.spec = spec;
    this.seq = seq;
    this.arrivedAt = arrivedAt;
    this.queue = spec.queue();
    this.queuedAt = arrivedAt;
    this.channel = spec.channel();
  }

  /** An offer's id, agent (both null once it ended) and times. */
  private record Offered(String id, String agent, long madeAt, long expiresAt) {}

  /** The offer it rings on, or null. */
  String offerId() {
    return offer == null ? null : offer.id();
  }

  /** The agent its offer rings, or null. */
  String offerAgent() {
    return offer == null ? null : offer.agent();
  }

  /** When its last offer was made (epoch millis), or 0 before any. */
  long offerMadeAt() {
    return offer == null ? 0 : offer.madeAt();
  }

  /** When its last offer expires or expired (epoch millis), or 0 before any. */
  long offerExpiresAt() {
    return offer == null ? 0 : offer.expiresAt();
  }

  /** It rings on offer {@code id} at {@code agent}, made at {@code madeAt}, until {@code expiresAt}. */
  void offered(String id, String agent, long madeAt, long expiresAt) {
    offer = id == null && agent == null && madeAt == 0 && expiresAt == 0 ? null
        : new Offered(id, agent, madeAt, expiresAt);
  }

  /** Its offer ended: no id or agent any more, the times kept. */
  void offerEnded() {
    if (offer != null) {
      offer = new Offered(null, null, offer.madeAt(), offer.expiresAt());
    }
  }

  /** Agents that rejected this contact, in the order they did (read-only; {@link #rejected} adds). */
  Set<String> rejectedBy() {
    return later.rejectedBy;
  }

  /** Notes that {@code agentId} rejected it: the set is made at the first rejection, as most contacts have none. */
  void rejected(String agentId) {
    Later own = later();
    if (own.rejectedBy.isEmpty()) {
      own.rejectedBy = new LinkedHashSet<>();
    }
    own.rejectedBy.add(agentId);
  }

  /** The service stages it entered, oldest first (read-only). */
  List<ContactView.StageEntry> stages() {
    return stages != null ? stages : List.of(new ContactView.StageEntry(ServiceStage.INTAKE, arrivedAt, intakeBy, null));
  }

  /** The stage it is in: the last it entered (intake when none is recorded). */
  ServiceStage currentStage() {
    return stages == null || stages.isEmpty() ? ServiceStage.INTAKE : stages.get(stages.size() - 1).stage();
  }

  /** Notes a service stage entered. */
  void enterStage(ContactView.StageEntry stage) {
    if (stages != null && stages.isEmpty() && stage.stage() == ServiceStage.INTAKE && stage.at() == arrivedAt
        && stage.queue() == null) {
      stages = null;
      intakeBy = stage.by();
      return;
    }
    if (!(stages instanceof ArrayList)) {
      stages = new ArrayList<>(stages());
    }
    stages.add(stage);
  }

  String id() {
    return spec.id();
  }

  Channel channel() {
    return channel;
  }

  /** Notes its SLA clock started (again): from its first point, not breached, nothing reached. */
  void slaStarted(Event.SlaStarted started) {
    sla = started;
    slaNext = 0;
    slaBreached = false;
    if (later != Later.NONE) {
      Later own = later();
      own.slaAnsweredAt = null;
      own.slaPendingOverflow = null;
      own.slaFired = List.of();
    }
  }

  /** Notes point {@code point} of its SLA schedule reached: the next is the one after. */
  void slaReached(int point) {
    slaNext = (short) (point + 1);
  }

  /** Whether its SLA clock still runs: one started, not answered, and points left to reach. */
  boolean slaRunning() {
    return sla != null && later.slaAnsweredAt == null && slaNext < sla.dueAt().size();
  }

  /** Whether its clock runs until it is handled (completed), not only answered: a major contact's. */
  boolean slaUntilHandled() {
    return sla != null && MajorContacts.SOURCE.equals(sla.source());
  }

  /** Counts as a near breach at {@code now}: a clock, unanswered, past the near mark, not yet breached. */
  boolean slaNearBreach(long now) {
    return sla != null && later.slaAnsweredAt == null && !slaBreached && now >= sla.nearAt();
  }

  /** Notes an SLA point reached, in its list of points reached (made at the first). */
  void slaFire(SlaView.Fired point) {
    Later own = later();
    if (own.slaFired.isEmpty()) {
      own.slaFired = new ArrayList<>(2);
    }
    own.slaFired.add(point);
  }

  /** Its own {@link Later}, made at the first write (the shared {@link Later#NONE} is never written). */
  Later later() {
    if (later == Later.NONE) {
      later = new Later();
    }
    return later;
  }

  /**
   * Goes back to the shared {@link Later#NONE} when its own holds only defaults: after a write that
   * may have cleared or left empty everything (a snapshot restored, a gate check without reasons, a
   * transfer), so a waiting contact does not keep an empty one.
   */
  void settle() {
    if (later != Later.NONE && later.isEmpty()) {
      later = Later.NONE;
    }
  }

  /** The part of a contact's state most contacts never fill while they wait; see {@link ContactState#later}. */
  static final class Later {
    /** Every field at its default: what {@link ContactState#later} is until the first write. */
    static final Later NONE = new Later();

    String targetAgent;
    String agentId;
    Long assignedAt;
    Long endedAt;
    String disposition;
    String notes;
    String stage;
    /** The queue it is held in for compliance review, while {@link ContactState#held}. */
    String heldIn;
    /** Why its gates decided as they did (empty when it had none). */
    List<String> routingReasons = List.of();
    String preferredAgent;
    String preferredTeam;
    /** When the current reserved stage ends, or null. */
    Long stageUntil;
    String callbackNumber;
    Long callbackRequestedAt;
    /** The post-contact survey, once recorded; null before. */
    ContactView.Survey survey;
    /** The offer whose phone the switch reported ringing, while it rings. */
    String ringingOffer;
    /** Agents that rejected this contact; it is not offered to them again. */
    Set<String> rejectedBy = Set.of();
    /** When an agent first accepted it: the answer-time SLA stops there. */
    Long slaAnsweredAt;
    /** An overflow its SLA reached while it was ringing: it moves there if the offer comes back. */
    String slaPendingOverflow;
    /** The SLA points reached, oldest first (read-only; {@link ContactState#slaFire} adds). */
    List<SlaView.Fired> slaFired = List.of();

    /** Whether every field is at its default (as in {@link #NONE}). */
    boolean isEmpty() {
      return targetAgent == null && agentId == null && assignedAt == null && endedAt == null && disposition == null
          && notes == null && stage == null && heldIn == null && empty(routingReasons) && preferredAgent == null
          && preferredTeam == null && stageUntil == null && callbackNumber == null && callbackRequestedAt == null
          && survey == null && ringingOffer == null && empty(rejectedBy) && slaAnsweredAt == null
          && slaPendingOverflow == null && empty(slaFired);
    }

    private static boolean empty(java.util.Collection<?> c) {
      return c == null || c.isEmpty();
    }
  }
}
