package dev.contactrouter.api.schema;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The string formats request schemas use. Each is the RFC 3339 shape (four-digit year, seconds
 * present, an offset of {@code Z} or hours and minutes, or none) and a date or instant that
 * {@code java.time} accepts, so a month 13 or a 30 February is refused.
 */
enum Formats {
  DATE("date", Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), DateTimeFormatter.ISO_DATE, "a date like 2025-01-31"),
  DATE_TIME("date-time",
      Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?$"),
      DateTimeFormatter.ISO_DATE_TIME, "a date-time like 2025-01-31T09:00:00Z");

  private final String keyword;
  private final Pattern shape;
  private final DateTimeFormatter parser;
  private final String example;

  Formats(String keyword, Pattern shape, DateTimeFormatter parser, String example) {
    this.keyword = keyword;
    this.shape = shape;
    this.parser = parser;
    this.example = example;
  }

  /** The format named {@code keyword} in a schema, or null when it is not one of these. */
  static Formats named(String keyword) {
    for (Formats f : values()) {
      if (f.keyword.equals(keyword)) {
        return f;
      }
    }
    return null;
  }

  String example() {
    return example;
  }

  boolean accepts(String s) {
    if (!shape.matcher(s).find()) {
      return false;
    }
    try {
      parser.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
