package dev.contactrouter.core;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A business-hours calendar: when a queue is open, in a time zone, week by week, with holidays
 * and special days (a weekend made a working day, shorter hours before a holiday), and what
 * happens to real-time contacts that arrive while it is closed.
 *
 * <p>Business-time arithmetic is done here with {@code java.time}: it is handed instants and
 * never reads a clock. Local times that a daylight-saving change skips are moved forward by the
 * gap and repeated ones take the earlier offset (as {@link ZonedDateTime#of} does), so a day with
 * a change is an hour shorter or longer when the opening spans it.
 *
 * @param timeZone an IANA zone id, e.g. {@code Asia/Shanghai}
 * @param weekly opening hours for each day of the week; a day that is absent is closed (weekend
 *     coverage is simply hours on Saturday and Sunday)
 * @param holidays dates on which the centre is closed all day (unless listed in {@code special})
 * @param special dates with their own hours, overriding the weekly hours and holidays: a make-up
 *     working day on a weekend, or a short day; an empty list closes the day
 * @param outOfHours what happens to a real-time contact (voice, chat, branch) arriving while
 *     closed; emails and callbacks always queue
 */
public record CalendarSpec(
    String id,
    String name,
    String timeZone,
    Map<DayOfWeek, List<Hours>> weekly,
    SortedSet<LocalDate> holidays,
    SortedMap<LocalDate, List<Hours>> special,
    OutOfHours outOfHours) {

  /** How far ahead an opening is searched for (about three years). */
  static final int MAX_SCAN_DAYS = 3 * 366 + 7;
  public static final int MINUTES_PER_DAY = 24 * 60;
  public static final int MAX_HOURS_PER_DAY = 4;
  public static final int MAX_HOLIDAYS = 400;
  public static final int MAX_SPECIAL_DAYS = 200;

  /** Opening hours within one local day, as minutes of the day; {@code close} may be 1440 (24:00). */
  public record Hours(int open, int close) {
    public static Hours of(String open, String close) {
      return new Hours(minutes(open), minutes(close));
    }

    static int minutes(String hhmm) {
      if (hhmm.equals("24:00")) {
        return MINUTES_PER_DAY;
      }
      LocalTime t = LocalTime.parse(hhmm);
      return t.getHour() * 60 + t.getMinute();
    }

    public String openText() {
      return text(open);
    }

    public String closeText() {
      return text(close);
    }

    private static String text(int minute) {
      return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }
  }

  public enum Treatment implements WireName {
    /** Queue it as usual; it is served when agents are there. */
    QUEUE,
    /** Turn it into a callback in {@link OutOfHours#callbackQueue()}. */
    CALLBACK,
    /** Refuse it with the reason and the next opening. */
    REFUSE;

    public static Optional<Treatment> fromWire(String wire) {
      return WireName.fromWire(values(), wire);
    }
  }

  /**
   * @param reason said to the caller's system when refused, and recorded
   * @param callbackQueue where callbacks go (a queue taking the callback channel or any channel)
   */
  public record OutOfHours(Treatment treatment, String reason, String callbackQueue) {
    public static final OutOfHours QUEUE = new OutOfHours(Treatment.QUEUE, null, null);

    public OutOfHours {
      treatment = treatment == null ? Treatment.QUEUE : treatment;
    }
  }

  public CalendarSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timeZone, "timeZone");
    name = name == null ? id : name;
    EnumMap<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
    if (weekly != null) {
      weekly.forEach((d, h) -> week.put(d, List.copyOf(h)));
    }
    weekly = Collections.unmodifiableMap(week);
    holidays = holidays == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(holidays));
    TreeMap<LocalDate, List<Hours>> days = new TreeMap<>();
    if (special != null) {
      special.forEach((d, h) -> days.put(d, List.copyOf(h)));
    }
    special = Collections.unmodifiableSortedMap(days);
    outOfHours = outOfHours == null ? OutOfHours.QUEUE : outOfHours;
  }

  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  /** The opening hours of one local date. */
  public List<Hours> hoursOn(LocalDate date) {
    List<Hours> specialHours = special.get(date);
    if (specialHours != null) {
      return specialHours;
    }
    if (holidays.contains(date)) {
      return List.of();
    }
    return weekly.getOrDefault(date.getDayOfWeek(), List.of());
  }

  public boolean isOpen(long at) {
    ZoneId zone = zone();
    LocalDate date = Instant.ofEpochMilli(at).atZone(zone).toLocalDate();
    for (Hours h : hoursOn(date)) {
      if (at >= instant(date, h.open(), zone) && at < instant(date, h.close(), zone)) {
        return true;
      }
    }
    return false;
  }

  /** {@code at} if open then, else the start of the next opening; null if none within ~3 years. */
  public Long nextOpening(long at) {
    ZoneId zone = zone();
    LocalDate date = Instant.ofEpochMilli(at).atZone(zone).toLocalDate();
    for (int day = 0; day < MAX_SCAN_DAYS; day++, date = date.plusDays(1)) {
      for (Hours h : hoursOn(date)) {
        long end = instant(date, h.close(), zone);
        if (end > at) {
          return Math.max(at, instant(date, h.open(), zone));
        }
      }
    }
    return null;
  }

  /**
   * The instant at which {@code millis} of opening time have passed since {@code start}: what a
   * deadline of that much business time comes to. Falls back to elapsed time if the calendar has
   * no opening within about three years (a calendar of nothing but holidays).
   */
  public long addServiceTime(long start, long millis) {
    if (millis <= 0) {
      return start;
    }
    ZoneId zone = zone();
    long remaining = millis;
    LocalDate date = Instant.ofEpochMilli(start).atZone(zone).toLocalDate();
    for (int day = 0; day < MAX_SCAN_DAYS; day++, date = date.plusDays(1)) {
      for (Hours h : hoursOn(date)) {
        long from = Math.max(start, instant(date, h.open(), zone));
        long to = instant(date, h.close(), zone);
        if (to <= from) {
          continue;
        }
        if (remaining <= to - from) {
          return from + remaining;
        }
        remaining -= to - from;
      }
    }
    return start + millis;
  }

  /** Opening time between two instants, in millis. */
  public long serviceMillisBetween(long from, long to) {
    if (to <= from) {
      return 0;
    }
    ZoneId zone = zone();
    long total = 0;
    LocalDate date = Instant.ofEpochMilli(from).atZone(zone).toLocalDate();
    for (int day = 0; day < MAX_SCAN_DAYS; day++, date = date.plusDays(1)) {
      for (Hours h : hoursOn(date)) {
        long open = instant(date, h.open(), zone);
        if (open >= to) {
          return total;
        }
        long a = Math.max(from, open);
        long b = Math.min(to, instant(date, h.close(), zone));
        if (b > a) {
          total += b - a;
        }
      }
    }
    return total;
  }

  /** The configuration error in this calendar as {@code {detail, field}}, or null. */
  String[] invalid() {
    try {
      zone();
    } catch (DateTimeException e) {
      return new String[] {"unknown time zone '" + timeZone + "'", "/timeZone"};
    }
    boolean anyOpening = false;
    for (Map.Entry<DayOfWeek, List<Hours>> day : weekly.entrySet()) {
      String bad = invalidHours(day.getValue());
      if (bad != null) {
        return new String[] {bad, "/weekly/" + day.getKey().name().substring(0, 3).toLowerCase(Locale.ROOT)};
      }
      anyOpening |= !day.getValue().isEmpty();
    }
    if (!anyOpening) {
      return new String[] {"a calendar needs opening hours on at least one day of the week", "/weekly"};
    }
    if (holidays.size() > MAX_HOLIDAYS) {
      return new String[] {"at most " + MAX_HOLIDAYS + " holidays", "/holidays"};
    }
    if (special.size() > MAX_SPECIAL_DAYS) {
      return new String[] {"at most " + MAX_SPECIAL_DAYS + " special days", "/special"};
    }
    int i = 0;
    for (List<Hours> hours : special.values()) {
      String bad = invalidHours(hours);
      if (bad != null) {
        return new String[] {bad, "/special/" + i + "/hours"};
      }
      i++;
    }
    if (outOfHours.treatment() == Treatment.CALLBACK && outOfHours.callbackQueue() == null) {
      return new String[] {"a callback treatment needs a callbackQueue", "/outOfHours/callbackQueue"};
    }
    return null;
  }

  private static String invalidHours(List<Hours> hours) {
    if (hours.size() > MAX_HOURS_PER_DAY) {
      return "at most " + MAX_HOURS_PER_DAY + " openings a day";
    }
    int previousClose = -1;
    for (Hours h : hours) {
      if (h.open() < 0 || h.close() > MINUTES_PER_DAY || h.open() >= h.close()) {
        return "opening hours must open before they close, within the day";
      }
      if (h.open() < previousClose) {
        return "opening hours of a day must be in order and not overlap";
      }
      previousClose = h.close();
    }
    return null;
  }

  /** The instant of a local minute of a date in the zone; minute 1440 is the next midnight. */
  static long instant(LocalDate date, int minute, ZoneId zone) {
    ZonedDateTime t = minute >= MINUTES_PER_DAY
        ? date.plusDays(1).atStartOfDay(zone)
        : ZonedDateTime.of(date, LocalTime.of(minute / 60, minute % 60), zone);
    return t.toInstant().toEpochMilli();
  }

  /** A readable local time of an instant in this calendar's zone. */
  public String local(long at) {
    return Instant.ofEpochMilli(at).atZone(zone()).toOffsetDateTime().toString();
  }
}
