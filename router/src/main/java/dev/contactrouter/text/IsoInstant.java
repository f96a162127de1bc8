package dev.contactrouter.text;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * An instant in milliseconds written exactly as {@link Instant#toString()} writes it
 * ({@code 2026-12-06T07:06:21.123Z}, or without the fraction on a whole second), without going
 * through {@code DateTimeFormatter}: every view, event and stored record carries a few of these,
 * and the formatter's parsing machinery was one of the larger allocations on the intake path.
 * Years outside 0000–9999, which {@code Instant} writes with a sign, are left to it.
 */
public final class IsoInstant {
  private static final long MILLIS_PER_DAY = 86_400_000L;
  /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch milliseconds. */
  private static final long MIN_FAST = -62_167_219_200_000L;
  private static final long MAX_FAST = 253_402_300_800_000L;

  /**
   * The last instant each thread wrote, and its text: a request's view, events and reply carry the
   * same instant several times (arrival, queueing, the SLA clock's start, each event's time).
   */
  private static final class Last {
    long millis = Long.MIN_VALUE;
    String text;
  }

  private static final ThreadLocal<Last> LAST = ThreadLocal.withInitial(Last::new);

  private IsoInstant() {}

  public static String format(long epochMillis) {
    Last last = LAST.get();
    if (last.millis != epochMillis || last.text == null) {
      last.text = write(epochMillis);
      last.millis = epochMillis;
    }
    return last.text;
  }

  private static String write(long epochMillis) {
    if (epochMillis < MIN_FAST || epochMillis >= MAX_FAST) {
      return Instant.ofEpochMilli(epochMillis).toString();
    }
    long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
    int ofDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
    // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
    int millis = ofDay % 1_000;
    int seconds = ofDay / 1_000;
    // ASCII written as bytes: a Latin-1 string takes them as they are, where a char[] costs twice
    // the memory and a compression pass (this runs many times per request, for every instant shown).
    byte[] out = new byte[millis == 0 ? 20 : 24];
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, month, 2);
    out[7] = '-';
    digits(out, 8, day, 2);
    out[10] = 'T';
    digits(out, 11, seconds / 3_600, 2);
    out[13] = ':';
    digits(out, 14, seconds / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, seconds % 60, 2);
    if (millis != 0) {
      out[19] = '.';
      digits(out, 20, millis, 3);
    }
    out[out.length - 1] = 'Z';
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /**
   * The epoch milliseconds of an ISO-8601 instant, as {@code Instant.parse(iso).toEpochMilli()}
   * gives them (and failing as it does). The two forms {@link #format} writes, which are what the
   * journal and every view hold, are read directly; anything else (another fraction, a signed
   * year, a leap second, lower case) goes to {@code Instant.parse}. The report follower reads every
   * event back from the journal, and {@code Instant.parse} was a third of its time.
   */
  public static long parseMillis(String iso) {
    int n = iso.length();
    if ((n == 20 || n == 24 && iso.charAt(19) == '.') && iso.charAt(4) == '-' && iso.charAt(7) == '-'
        && iso.charAt(10) == 'T' && iso.charAt(13) == ':' && iso.charAt(16) == ':' && iso.charAt(n - 1) == 'Z') {
      int year = number(iso, 0, 4);
      int month = number(iso, 5, 2);
      int day = number(iso, 8, 2);
      int hour = number(iso, 11, 2);
      int minute = number(iso, 14, 2);
      int second = number(iso, 17, 2);
      int millis = n == 24 ? number(iso, 20, 3) : 0;
      if (year >= 0 && month >= 1 && month <= 12 && day >= 1
          && day <= Month.of(month).length(Year.isLeap(year))
          && hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60 && millis >= 0) {
        return LocalDate.of(year, month, day).toEpochDay() * MILLIS_PER_DAY
            + ((hour * 60L + minute) * 60 + second) * 1_000 + millis;
      }
    }
    return Instant.parse(iso).toEpochMilli();
  }

  /** The decimal number in {@code s} from {@code at}, {@code width} digits; -1 if one is not a digit. */
  private static int number(String s, int at, int width) {
    int value = 0;
    for (int i = at; i < at + width; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static void digits(byte[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
