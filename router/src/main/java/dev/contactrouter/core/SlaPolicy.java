package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service-level policy: a deadline measured from when a contact starts waiting, the share of
 * contacts that should meet it, and what happens as the deadline approaches and passes.
 *
 * <p>It is attached to a queue ({@link QueueSpec#sla()}) or to a contact category ({@link
 * CategorySpec#sla()}, which wins). The deadline is fixed when the contact's clock starts, so a
 * later change to the policy or the calendar does not move the deadlines of contacts already
 * waiting.
 *
 * @param answerWithinSeconds the deadline: an agent accepts the contact within this many seconds
 *     (of elapsed or of business time)
 * @param targetPercent the share of contacts that should be answered within the deadline (the
 *     queue's service-level target, e.g. 80 for "80% within 20 s")
 * @param timeBasis whether the deadline counts every second or only the opening hours of a
 *     calendar
 * @param calendar the calendar business time is counted in; null for the queue's own
 * @param nearBreachPercent from this share of the deadline on, an unanswered contact counts as a
 *     near breach in the queue's figures
 * @param thresholds what to do at given shares of the deadline, fired in order of {@code atPercent}
 *     (several at one share in the order given); at 100% the breach itself is recorded first
 */
public record SlaPolicy(
    int answerWithinSeconds,
    int targetPercent,
    TimeBasis timeBasis,
    String calendar,
    int nearBreachPercent,
    List<Threshold> thresholds) {

  public static final int DEFAULT_TARGET_PERCENT = 80;
  public static final int DEFAULT_NEAR_BREACH_PERCENT = 80;
  /** Longest deadline accepted: 90 days, enough for any case-style limit in the manual. */
  public static final int MAX_SECONDS = 90 * 24 * 3600;
  public static final int MAX_AT_PERCENT = 1000;
  public static final int MAX_THRESHOLDS = 16;

  /**
   * The manual's first-response limit (§1.3.2: a customer request is responded to within 2 hours),
   * for a contact whose category and queue set no policy. Elapsed time: the manual states it as a
   * promise to the customer, whose wait runs on the wall clock, and service covers weekends
   * (§1.2.2); a queue or category that wants business time configures its own policy.
   */
  public static final SlaPolicy MANUAL_FIRST_RESPONSE =
      new SlaPolicy(2 * 3600, DEFAULT_TARGET_PERCENT, TimeBasis.ELAPSED, null, DEFAULT_NEAR_BREACH_PERCENT, List.of());
  /** The {@code source} of a clock under {@link #MANUAL_FIRST_RESPONSE}. */
  public static final String MANUAL_SOURCE = "manual:first-response";

  public SlaPolicy {
    timeBasis = timeBasis == null ? TimeBasis.ELAPSED : timeBasis;
    thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
  }

  /** Whether the deadline counts every second or only a calendar's opening hours. */
  public enum TimeBasis implements WireName {
    ELAPSED, BUSINESS;

    public static Optional<TimeBasis> fromWire(String wire) {
      return WireName.fromWire(values(), wire);
    }
  }

  /** What a threshold does. The breach at 100% is not configured: it is always recorded. */
  public enum Action implements WireName {
    /** Adds {@code by} points to the contact's priority. */
    RAISE_PRIORITY,
    /**
     * Lowers every required skill level by {@code by} (never below 1: a skill is never dropped);
     * channel, site, licences and suitability never relax.
     */
    RELAX_SKILLS,
    /** Moves the contact to {@code queue}. */
    OVERFLOW,
    /** Tells supervisors (the event on the stream is the alert). */
    ALERT,
    /** The deadline passed unanswered; not configurable, always at 100%. */
    BREACH;

    public static Optional<Action> fromWire(String wire) {
      return WireName.fromWire(values(), wire);
    }
  }

  /**
   * @param by priority points for raise_priority, levels for relax_skills; 0 otherwise
   * @param queue the target of an overflow, else null
   */
  public record Threshold(int atPercent, Action action, int by, String queue) {
    public Threshold {
      Objects.requireNonNull(action, "action");
    }
  }

  /** Every point of the schedule, in firing order: the thresholds and the breach at 100%. */
  public List<Threshold> points() {
    List<Threshold> points = new ArrayList<>(thresholds.size() + 1);
    points.add(new Threshold(100, Action.BREACH, 0, null));
    points.addAll(thresholds);
    // Stable: the breach stays ahead of other points at 100%, thresholds keep their given order.
    points.sort(Comparator.comparingInt(Threshold::atPercent));
    return points;
  }

  /** The configuration error in this policy, as {@code {detail, field}} under {@code prefix}, or null. */
  String[] invalid(String prefix) {
    if (answerWithinSeconds < 1 || answerWithinSeconds > MAX_SECONDS) {
      return new String[] {"answerWithinSeconds must be 1 to " + MAX_SECONDS, prefix + "/answerWithinSeconds"};
    }
    if (targetPercent < 0 || targetPercent > 100) {
      return new String[] {"targetPercent must be 0 to 100", prefix + "/targetPercent"};
    }
    if (nearBreachPercent < 1 || nearBreachPercent > 100) {
      return new String[] {"nearBreachPercent must be 1 to 100", prefix + "/nearBreachPercent"};
    }
    if (thresholds.size() > MAX_THRESHOLDS) {
      return new String[] {"at most " + MAX_THRESHOLDS + " thresholds", prefix + "/thresholds"};
    }
    for (int i = 0; i < thresholds.size(); i++) {
      Threshold t = thresholds.get(i);
      String at = prefix + "/thresholds/" + i;
      if (t.atPercent() < 1 || t.atPercent() > MAX_AT_PERCENT) {
        return new String[] {"atPercent must be 1 to " + MAX_AT_PERCENT, at + "/atPercent"};
      }
      switch (t.action()) {
        case RAISE_PRIORITY -> {
          if (t.by() < 1 || t.by() > 100) {
            return new String[] {"raise_priority needs by: 1 to 100 points", at + "/by"};
          }
        }
        case RELAX_SKILLS -> {
          if (t.by() < 1 || t.by() > Skills.MAX_LEVEL - 1) {
            return new String[] {"relax_skills needs by: 1 to 4 levels", at + "/by"};
          }
        }
        case OVERFLOW -> {
          if (t.queue() == null) {
            return new String[] {"overflow needs a queue", at + "/queue"};
          }
        }
        case BREACH -> {
          return new String[] {"the breach is recorded at 100% by itself; it is not a threshold action", at + "/action"};
        }
        default -> { }
      }
    }
    return null;
  }
}
