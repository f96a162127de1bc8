package dev.contactrouter.core;

import java.util.List;

/**
 * The timers a domain's events call for. Offers time out and wrap-ups end; each timer carries the
 * command to deliver when it is due, and that command checks it is still current, so a stale or
 * repeated firing changes nothing. Keys are unique within a domain: arming a key again moves it.
 */
public final class Timers {
  private Timers() {}

  public static final String TIMER_ACTOR = "timer";

  public record Timer(String key, long dueAt, Command command) {}

  public sealed interface Change {}

  public record Arm(Timer timer) implements Change {}

  public record Cancel(String key) implements Change {}

  public static String offerKey(String offerId) {
    return "offer:" + offerId;
  }

  public static String wrapUpKey(String agentId) {
    return "wrapup:" + agentId;
  }

  public static Timer offerTimeout(String offerId, long expiresAt) {
    return new Timer(offerKey(offerId), expiresAt, new Command.ExpireOffer(TIMER_ACTOR, offerId));
  }

  public static Timer wrapUpEnd(String agentId, long until) {
    return new Timer(wrapUpKey(agentId), until, new Command.EndWrapUp(TIMER_ACTOR, agentId, until));
  }

  /** What an event does to the timers. */
  public static List<Change> changes(Event event) {
    if (event instanceof Event.OfferMade e) {
      return List.of(new Arm(offerTimeout(e.offerId(), e.expiresAt())));
    }
    if (event instanceof Event.OfferAccepted e) {
      return List.of(new Cancel(offerKey(e.offerId())));
    }
    if (event instanceof Event.OfferRejected e) {
      return List.of(new Cancel(offerKey(e.offerId())));
    }
    if (event instanceof Event.OfferTimedOut e) {
      return List.of(new Cancel(offerKey(e.offerId())));
    }
    if (event instanceof Event.OfferRevoked e) {
      return List.of(new Cancel(offerKey(e.offerId())));
    }
    if (event instanceof Event.AgentStatusChanged e) {
      if (e.status() == AgentStatus.WRAP_UP && e.until() != null) {
        return List.of(new Arm(wrapUpEnd(e.agentId(), e.until())));
      }
      return List.of(new Cancel(wrapUpKey(e.agentId())));
    }
    return List.of();
  }
}
