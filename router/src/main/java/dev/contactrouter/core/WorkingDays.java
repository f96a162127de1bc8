package dev.contactrouter.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Working-day arithmetic in a business calendar: a working day is a date with opening hours (a
 * holiday is none, a make-up Saturday is one). Without a calendar every day is a working day of
 * 24 hours. A day counts by the share of its opening time that passed, so a case received at
 * 10:00 on a Friday of 9:00–17:00 days is three working days old at 10:00 the next Wednesday.
 */
final class WorkingDays {
  private static final long DAY = 86_400_000L;

  private WorkingDays() {}

  /** The instant {@code days} working days after {@code start}. */
  static long after(CalendarSpec calendar, long start, int days) {
    if (calendar == null) {
      return start + days * DAY;
    }
    ZoneId zone = calendar.zone();
    Long opening = calendar.nextOpening(start);
    if (opening == null) {
      return start + days * DAY;
    }
    LocalDate date = Instant.ofEpochMilli(opening).atZone(zone).toLocalDate();
    double share = shareOfDay(calendar, date, opening);
    int found = 0;
    for (int scanned = 0; scanned < CalendarSpec.MAX_SCAN_DAYS && found < days; scanned++) {
      date = date.plusDays(1);
      if (!calendar.hoursOn(date).isEmpty()) {
        found++;
      }
    }
    if (found < days) {
      return start + days * DAY;
    }
    long open = open(calendar, date);
    return calendar.addServiceTime(open, Math.round(share * openMillis(calendar, date)));
  }

  /** Working days between two instants, to two decimals. */
  static double between(CalendarSpec calendar, long from, long to) {
    if (to <= from) {
      return 0;
    }
    if (calendar == null) {
      return Reports.round((to - from) / (double) DAY);
    }
    ZoneId zone = calendar.zone();
    LocalDate date = Instant.ofEpochMilli(from).atZone(zone).toLocalDate();
    LocalDate last = Instant.ofEpochMilli(to).atZone(zone).toLocalDate();
    double days = 0;
    for (int scanned = 0; !date.isAfter(last) && scanned < CalendarSpec.MAX_SCAN_DAYS; scanned++, date = date.plusDays(1)) {
      long length = openMillis(calendar, date);
      if (length > 0) {
        long dayStart = CalendarSpec.instant(date, 0, zone);
        long dayEnd = CalendarSpec.instant(date, CalendarSpec.MINUTES_PER_DAY, zone);
        days += calendar.serviceMillisBetween(Math.max(from, dayStart), Math.min(to, dayEnd)) / (double) length;
      }
    }
    return Reports.round(days);
  }

  /** The share of {@code date}'s opening time that has passed at {@code at}. */
  private static double shareOfDay(CalendarSpec calendar, LocalDate date, long at) {
    long length = openMillis(calendar, date);
    return length == 0 ? 0 : calendar.serviceMillisBetween(open(calendar, date), at) / (double) length;
  }

  private static long open(CalendarSpec calendar, LocalDate date) {
    return CalendarSpec.instant(date, calendar.hoursOn(date).get(0).open(), calendar.zone());
  }

  private static long openMillis(CalendarSpec calendar, LocalDate date) {
    List<CalendarSpec.Hours> hours = calendar.hoursOn(date);
    long sum = 0;
    for (CalendarSpec.Hours h : hours) {
      sum += CalendarSpec.instant(date, h.close(), calendar.zone()) - CalendarSpec.instant(date, h.open(), calendar.zone());
    }
    return sum;
  }
}
