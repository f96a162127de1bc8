package dev.contactrouter.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How quickly accounts are opened, folded from a domain's journal (fed by {@link Reports}): over
 * the account-opening cases received in the period, the working days from received to active
 * (measured by the core in the rules' calendar when the account became active) against the
 * manual's limit of {@link AccountOpening#LIMIT_WORKING_DAYS} working days and today's average of
 * {@link AccountOpening#CURRENT_AVERAGE_DAYS}, the share made active by their deadline, and those
 * still open past it.
 */
public final class AccountOpeningReport {
  /**
   * @param opened cases received in the period
   * @param active of those, accounts made active
   * @param averageWorkingDays mean working days from received to active; null without any
   * @param withinLimit accounts made active by their deadline
   * @param withinLimitPercent {@code withinLimit} ÷ {@code active} in percent; null without any
   * @param overdueOpen cases still open past their deadline at the report's time
   * @param limitWorkingDays the manual's limit
   * @param currentAverageDays the manual's measured average today, to compare with
   */
  public record Summary(long opened, long active, long open, Double averageWorkingDays, long withinLimit,
      Double withinLimitPercent, long overdueOpen, int limitWorkingDays, double currentAverageDays) {}

  private static final class Row {
    long openedAt;
    long deadline;
    Long activatedAt;
    Double workingDays;
  }

  private final long from;
  private final long to;
  private final long asOf;
  private final Map<String, Row> rows = new LinkedHashMap<>();

  /** One account-opening case as the report needs it, to be kept elsewhere and put back. */
  public record AccountCase(String id, long openedAt, long deadline, Long activatedAt, Double workingDays) {}

  /** A report over [{@code from}, {@code to}) made at {@code asOf}. */
  public AccountOpeningReport(long from, long to, long asOf) {
    this.from = from;
    this.to = to;
    this.asOf = asOf;
  }

  /** Folds one event; false if it is not about account opening. */
  public boolean accept(Event event, long at) {
    if (event instanceof Event.AccountCaseOpened e) {
      Row row = new Row();
      row.openedAt = at;
      row.deadline = e.deadline();
      rows.put(e.caseId(), row);
      return true;
    }
    if (event instanceof Event.AccountCaseAdvanced e) {
      Row row = rows.get(e.caseId());
      if (row != null && e.step() == AccountOpening.Step.ACTIVE) {
        row.activatedAt = at;
        row.workingDays = e.workingDays();
      }
      return true;
    }
    return false;
  }

  /** The account-opening case an event concerns, or null. */
  public static String caseOf(Event event) {
    if (event instanceof Event.AccountCaseOpened e) {
      return e.caseId();
    }
    return event instanceof Event.AccountCaseAdvanced e ? e.caseId() : null;
  }

  /** The case as the report knows it, if it does. */
  public java.util.Optional<AccountCase> kase(String id) {
    Row row = rows.get(id);
    return row == null ? java.util.Optional.empty()
        : java.util.Optional.of(new AccountCase(id, row.openedAt, row.deadline, row.activatedAt, row.workingDays));
  }

  /** Every case the report knows. */
  public java.util.List<AccountCase> cases() {
    return rows.keySet().stream().map(id -> kase(id).orElseThrow()).toList();
  }

  /** Puts back a case kept elsewhere. */
  public void restore(AccountCase c) {
    Row row = new Row();
    row.openedAt = c.openedAt();
    row.deadline = c.deadline();
    row.activatedAt = c.activatedAt();
    row.workingDays = c.workingDays();
    rows.put(c.id(), row);
  }

  public Summary summary() {
    long opened = 0;
    long active = 0;
    long within = 0;
    long overdue = 0;
    double days = 0;
    for (Row row : rows.values()) {
      if (row.openedAt < from || row.openedAt >= to) {
        continue;
      }
      opened++;
      if (row.activatedAt != null) {
        active++;
        days += row.workingDays == null ? 0 : row.workingDays;
        if (row.activatedAt <= row.deadline) {
          within++;
        }
      } else if (Math.min(asOf, to) >= row.deadline) {
        overdue++;
      }
    }
    return new Summary(opened, active, opened - active, active == 0 ? null : Reports.round(days / active), within,
        active == 0 ? null : Reports.round(100.0 * within / active), overdue, AccountOpening.LIMIT_WORKING_DAYS,
        AccountOpening.CURRENT_AVERAGE_DAYS);
  }
}
