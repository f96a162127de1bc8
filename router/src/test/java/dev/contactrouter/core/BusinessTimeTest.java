package dev.contactrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Business-time arithmetic: weekends, holidays, make-up working days and daylight-saving changes. */
class BusinessTimeTest {
  private static final long HOUR = 3_600_000L;

  /** A Shanghai service centre: weekdays 09:00–12:00 and 13:00–18:00, Saturday mornings. */
  static CalendarSpec shanghai() {
    Map<DayOfWeek, List<CalendarSpec.Hours>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
      weekly.put(d, List.of(CalendarSpec.Hours.of("09:00", "12:00"), CalendarSpec.Hours.of("13:00", "18:00")));
    }
    weekly.put(DayOfWeek.SATURDAY, List.of(CalendarSpec.Hours.of("09:00", "12:00")));
    TreeSet<LocalDate> holidays = new TreeSet<>();
    for (int day = 1; day <= 7; day++) {
      holidays.add(LocalDate.of(2025, 10, day)); // National Day week
    }
    TreeMap<LocalDate, List<CalendarSpec.Hours>> special = new TreeMap<>();
    // The Sunday before the holiday is a make-up working day (调休).
    special.put(LocalDate.of(2025, 9, 28), List.of(CalendarSpec.Hours.of("09:00", "18:00")));
    return new CalendarSpec("hq", "HQ", "Asia/Shanghai", weekly, holidays, special, null);
  }

  static long at(String zoned) {
    return ZonedDateTime.parse(zoned).toInstant().toEpochMilli();
  }

  @Test
  void deadlinesSkipTheLunchBreakTheNightAndSunday() {
    CalendarSpec cal = shanghai();
    assertThat(cal.addServiceTime(at("2025-06-02T11:30+08:00[Asia/Shanghai]"), HOUR))
        .as("half an hour before lunch, half an hour after")
        .isEqualTo(at("2025-06-02T13:30+08:00[Asia/Shanghai]"));
    assertThat(cal.addServiceTime(at("2025-06-06T17:00+08:00[Asia/Shanghai]"), 2 * HOUR))
        .as("Friday 17:00 + 2 h: one hour on Friday, one on Saturday morning")
        .isEqualTo(at("2025-06-07T10:00+08:00[Asia/Shanghai]"));
    assertThat(cal.addServiceTime(at("2025-06-07T11:00+08:00[Asia/Shanghai]"), 2 * HOUR))
        .as("Saturday 11:00 + 2 h: Sunday is closed, so Monday 10:00")
        .isEqualTo(at("2025-06-09T10:00+08:00[Asia/Shanghai]"));
    assertThat(cal.addServiceTime(at("2025-06-08T15:00+08:00[Asia/Shanghai]"), 24 * HOUR))
        .as("a 24-hour limit raised on Sunday runs three working days of 8 hours")
        .isEqualTo(at("2025-06-11T18:00+08:00[Asia/Shanghai]"));
  }

  @Test
  void holidaysAreSkippedAndMakeUpDaysCount() {
    CalendarSpec cal = shanghai();
    assertThat(cal.isOpen(at("2025-09-28T10:00+08:00[Asia/Shanghai]"))).as("make-up Sunday").isTrue();
    assertThat(cal.isOpen(at("2025-10-01T10:00+08:00[Asia/Shanghai]"))).as("National Day").isFalse();
    assertThat(cal.addServiceTime(at("2025-09-30T17:00+08:00[Asia/Shanghai]"), 2 * HOUR))
        .as("the last hour before the holiday, then the first after it")
        .isEqualTo(at("2025-10-08T10:00+08:00[Asia/Shanghai]"));
    assertThat(cal.nextOpening(at("2025-10-03T12:00+08:00[Asia/Shanghai]")))
        .isEqualTo(at("2025-10-08T09:00+08:00[Asia/Shanghai]"));
  }

  @Test
  void openingAndNextOpening() {
    CalendarSpec cal = shanghai();
    long lunch = at("2025-06-02T12:30+08:00[Asia/Shanghai]");
    assertThat(cal.isOpen(lunch)).isFalse();
    assertThat(cal.nextOpening(lunch)).isEqualTo(at("2025-06-02T13:00+08:00[Asia/Shanghai]"));
    long open = at("2025-06-02T09:00+08:00[Asia/Shanghai]");
    assertThat(cal.isOpen(open)).as("opening instant is inside").isTrue();
    assertThat(cal.isOpen(at("2025-06-02T18:00+08:00[Asia/Shanghai]"))).as("closing instant is outside").isFalse();
    assertThat(cal.nextOpening(open)).isEqualTo(open);
  }

  @Test
  void aDaylightSavingChangeMakesTheDayShorterOrLonger() {
    Map<DayOfWeek, List<CalendarSpec.Hours>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      weekly.put(d, List.of(CalendarSpec.Hours.of("00:00", "24:00")));
    }
    CalendarSpec ny = new CalendarSpec("ny", null, "America/New_York", weekly, null, null, null);
    long springDay = at("2025-03-09T00:00-05:00[America/New_York]");
    assertThat(ny.serviceMillisBetween(springDay, at("2025-03-10T00:00-04:00[America/New_York]")))
        .as("9 March 2025 has 23 hours in New York").isEqualTo(23 * HOUR);
    assertThat(ny.addServiceTime(at("2025-03-08T12:00-05:00[America/New_York]"), 24 * HOUR))
        .as("24 hours of service from Saturday noon end at Sunday 13:00 local")
        .isEqualTo(at("2025-03-09T13:00-04:00[America/New_York]"));
    assertThat(ny.serviceMillisBetween(at("2025-11-02T00:00-04:00[America/New_York]"), at("2025-11-03T00:00-05:00[America/New_York]")))
        .as("2 November 2025 has 25 hours").isEqualTo(25 * HOUR);

    // Office hours that span the spring change: 01:00–05:00 local lasts three hours that day.
    Map<DayOfWeek, List<CalendarSpec.Hours>> early = new EnumMap<>(DayOfWeek.class);
    early.put(DayOfWeek.SUNDAY, List.of(CalendarSpec.Hours.of("01:00", "05:00")));
    CalendarSpec nyEarly = new CalendarSpec("early", null, "America/New_York", early, null, null, null);
    assertThat(nyEarly.addServiceTime(springDay, 3 * HOUR))
        .isEqualTo(at("2025-03-09T05:00-04:00[America/New_York]"));
    assertThat(Duration.ofMillis(nyEarly.serviceMillisBetween(springDay, springDay + 48 * HOUR))).isEqualTo(Duration.ofHours(3));
  }

  @Property(tries = 200)
  void addingServiceTimeAndMeasuringItAgree(
      @ForAll @LongRange(min = 0, max = 400L * 24 * 3600 * 1000) long offset,
      @ForAll @LongRange(min = 1, max = 200L * 3600 * 1000) long millis) {
    CalendarSpec cal = shanghai();
    long start = at("2025-01-01T00:00+08:00[Asia/Shanghai]") + offset;
    long end = cal.addServiceTime(start, millis);
    assertThat(cal.serviceMillisBetween(start, end)).isEqualTo(millis);
    assertThat(cal.isOpen(end - 1)).as("a deadline falls at the end of open time").isTrue();
  }

  @Test
  void invalidCalendarsAreNamed() {
    Map<DayOfWeek, List<CalendarSpec.Hours>> none = new EnumMap<>(DayOfWeek.class);
    assertThat(new CalendarSpec("x", null, "UTC", none, null, null, null).invalid()[1]).isEqualTo("/weekly");
    assertThat(new CalendarSpec("x", null, "Mars/Olympus", none, null, null, null).invalid()[1]).isEqualTo("/timeZone");
    Map<DayOfWeek, List<CalendarSpec.Hours>> overlapping = new EnumMap<>(DayOfWeek.class);
    overlapping.put(DayOfWeek.MONDAY, List.of(CalendarSpec.Hours.of("09:00", "12:00"), CalendarSpec.Hours.of("11:00", "13:00")));
    assertThat(new CalendarSpec("x", null, "UTC", overlapping, null, null, null).invalid()[1]).isEqualTo("/weekly/mon");
  }
}
