package dev.contactrouter.core;

import java.util.List;

/**
 * The timers a domain's events call for. Offers time out, wrap-ups end and SLA clocks reach their
 * thresholds and deadlines; each timer carries the command to deliver when it is due, and that
 * command checks it is still current (the offer is still pending, the agent is in that same
 * wrap-up, the contact's next SLA point is that one), so a stale or repeated firing changes
 * nothing. Keys are unique within a domain: arming a key again moves it.
 */
public final class Timers {
  private Timers() {}

  public static final String TIMER_ACTOR = "timer";

  public record Timer(String key, long dueAt, Command command) {}

  public sealed interface Change {}

  public record Arm(Timer timer) implements Change {}

  public record Cancel(String key) implements Change {}

  /**
   * What a timer is for. A timer's key is its kind's prefix and the id it times ({@code offer:o-1},
   * {@code sla:c-7}): unique within a domain, and stored as such by the timer stores.
   */
  enum Kind {
    OFFER("offer:"), WRAP_UP("wrapup:"), SLA("sla:"), ROUTING("route:"), FOLLOW_UP("followup:"), CASE("case:");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    String key(String id) {
      return prefix + id;
    }
  }

  private static Cancel cancel(Kind kind, String id) {
    return new Cancel(kind.key(id));
  }

  /** The end of a contact's reserved routing stage (its relationship manager's time, its team's). */
  public static Timer routingStage(String contactId, RouteStage stage, long until) {
    return new Timer(Kind.ROUTING.key(contactId), until, new Command.WidenRouting(TIMER_ACTOR, contactId, stage));
  }

  public static Timer followUp(String followUpId, long dueAt) {
    return new Timer(Kind.FOLLOW_UP.key(followUpId), dueAt, new Command.StartFollowUp(TIMER_ACTOR, followUpId));
  }

  /** A complaint stage's near mark (point 0) or deadline (point 1). */
  public static Timer caseDeadline(String caseId, Complaint.Stage stage, int point, long dueAt) {
    return new Timer(Kind.CASE.key(caseId), dueAt, new Command.ReachCaseDeadline(TIMER_ACTOR, caseId, stage, point));
  }

  /** A contact's SLA clock reaching point {@code point} of its schedule. */
  public static Timer slaPoint(String contactId, int point, long dueAt) {
    return new Timer(Kind.SLA.key(contactId), dueAt, new Command.ReachSlaPoint(TIMER_ACTOR, contactId, point));
  }

  public static Timer offerTimeout(String offerId, long expiresAt) {
    return new Timer(Kind.OFFER.key(offerId), expiresAt, new Command.ExpireOffer(TIMER_ACTOR, offerId));
  }

  public static Timer wrapUpEnd(String agentId, long until) {
    return new Timer(Kind.WRAP_UP.key(agentId), until, new Command.EndWrapUp(TIMER_ACTOR, agentId, until));
  }

  /** What an event does to the timers. */
  public static List<Change> changes(Event event) {
    if (event instanceof Event.OfferMade e) {
      return List.of(new Arm(offerTimeout(e.offerId(), e.expiresAt())));
    }
    if (event instanceof Event.OfferAccepted e) {
      // Answered: the answer-time SLA stops, and so does any reserved routing stage.
      return List.of(cancel(Kind.OFFER, e.offerId()), cancel(Kind.SLA, e.contactId()),
          cancel(Kind.ROUTING, e.contactId()));
    }
    if (event instanceof Event.ContactAbandoned e) {
      return List.of(cancel(Kind.SLA, e.contactId()), cancel(Kind.ROUTING, e.contactId()));
    }
    if (event instanceof Event.ContactTransferred e) {
      return List.of(cancel(Kind.ROUTING, e.contactId()));
    }
    if (event instanceof Event.RoutingStageChanged e) {
      return e.until() == null
          ? List.of(cancel(Kind.ROUTING, e.contactId()))
          : List.of(new Arm(routingStage(e.contactId(), e.stage(), e.until())));
    }
    if (event instanceof Event.FollowUpScheduled e) {
      return List.of(new Arm(followUp(e.followUp().id(), e.followUp().dueAt())));
    }
    if (event instanceof Event.FollowUpDue e) {
      return List.of(cancel(Kind.FOLLOW_UP, e.followUpId()));
    }
    if (event instanceof Event.CaseStageStarted e) {
      return e.deadline() == null
          ? List.of(cancel(Kind.CASE, e.caseId()))
          : List.of(new Arm(caseDeadline(e.caseId(), e.stage(), 0, e.nearAt())));
    }
    if (event instanceof Event.CaseDeadlineReached e) {
      return e.nextDueAt() == null
          ? List.of(cancel(Kind.CASE, e.caseId()))
          : List.of(new Arm(caseDeadline(e.caseId(), e.stage(), 1, e.nextDueAt())));
    }
    if (event instanceof Event.CaseAdvanced e) {
      return List.of(cancel(Kind.CASE, e.caseId()));
    }
    if (event instanceof Event.SlaStarted e) {
      return List.of(new Arm(slaPoint(e.contactId(), 0, e.dueAt().get(0))));
    }
    if (event instanceof Event.SlaThresholdReached e) {
      return next(e.contactId(), e.point(), e.nextDueAt());
    }
    if (event instanceof Event.SlaBreached e) {
      return next(e.contactId(), e.point(), e.nextDueAt());
    }
    if (event instanceof Event.OfferRejected e) {
      return List.of(cancel(Kind.OFFER, e.offerId()));
    }
    if (event instanceof Event.OfferTimedOut e) {
      return List.of(cancel(Kind.OFFER, e.offerId()));
    }
    if (event instanceof Event.OfferRevoked e) {
      return List.of(cancel(Kind.OFFER, e.offerId()));
    }
    if (event instanceof Event.AgentStatusChanged e) {
      if (e.status() == AgentStatus.WRAP_UP && e.until() != null) {
        return List.of(new Arm(wrapUpEnd(e.agentId(), e.until())));
      }
      return List.of(cancel(Kind.WRAP_UP, e.agentId()));
    }
    return List.of();
  }

  private static List<Change> next(String contactId, int point, Long nextDueAt) {
    return nextDueAt == null
        ? List.of(cancel(Kind.SLA, contactId))
        : List.of(new Arm(slaPoint(contactId, point + 1, nextDueAt)));
  }
}
