package dev.contactrouter.core;

import java.util.List;

/**
 * The manual's targets beside the figures a headline report measures (§2.4, §4.2.3, §7.1):
 * satisfaction index at least 90, complaints handled (opened to result) within 48 hours on
 * average, accounts opened within 3 working days on average (against today's 3.2). A target
 * without data is neither met nor missed.
 */
public final class Targets {
  /** The manual's satisfaction target: an index of at least 90 (§2.4, §7.1). */
  public static final double SATISFACTION_INDEX = 90;
  /** The manual's complaint handling target: a result within 48 hours of opening (§4.2.3, §4.4.1). */
  public static final double COMPLAINT_HANDLING_HOURS = Reports.HANDLING_TARGET_MILLIS / 3_600_000.0;

  private Targets() {}

  /**
   * One target beside its figure.
   *
   * @param atLeast whether the figure must reach the target (else stay at or under it)
   * @param unit what the figures count: {@code index}, {@code hours}, {@code working_days}
   * @param actual the figure over the period, or null without data
   * @param met whether it meets the target; null without data
   * @param baseline where the manual says the centre stands today, or null
   */
  public record Target(String name, double target, boolean atLeast, String unit, Double actual, Boolean met,
      Double baseline) {
    static Target of(String name, double target, boolean atLeast, String unit, Double actual, Double baseline) {
      Boolean met = actual == null ? null : atLeast ? actual >= target : actual <= target;
      return new Target(name, target, atLeast, unit, actual, met, baseline);
    }
  }

  /** The headline's targets over the report's period. */
  public static List<Target> of(Reports reports) {
    Reports.Headline h = reports.headline();
    AccountOpeningReport.Summary accounts = reports.accounts();
    return List.of(
        Target.of("satisfaction", SATISFACTION_INDEX, true, "index", h.satisfactionIndex(), null),
        Target.of("complaint_handling", COMPLAINT_HANDLING_HOURS, false, "hours",
            reports.complaints().handling().averageHours(), null),
        Target.of("account_opening", accounts.limitWorkingDays(), false, "working_days", accounts.averageWorkingDays(),
            accounts.currentAverageDays()));
  }
}
