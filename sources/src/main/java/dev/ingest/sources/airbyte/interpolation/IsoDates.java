package dev.ingest.sources.airbyte.interpolation;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dateutil.parser.isoparse} as Airbyte's {@code str_to_datetime} uses it: {@code YYYY}, {@code YYYY-MM},
 * {@code YYYY-MM-DD} or {@code YYYYMMDD}, then optionally any one separator character and {@code HH[:MM[:SS[.f]]]}
 * (or {@code HHMMSS}), then {@code Z}, {@code ±HH}, {@code ±HHMM} or {@code ±HH:MM}. No offset means UTC.
 */
final class IsoDates {

  private static final Pattern DATE = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?|(\\d{2})(\\d{2}))?");
  private static final Pattern TIME = Pattern.compile(
      "(\\d{2})(?::?(\\d{2})(?::?(\\d{2})(?:[.,](\\d+))?)?)?(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");

  private IsoDates() {}

  /**
   * Parses an ISO 8601 text into an aware date-time (UTC when the text has no offset).
   *
   * @throws IllegalArgumentException naming the shape expected (never the text, which may come from a secret)
   */
  static OffsetDateTime parse(String text) {
    Matcher date = DATE.matcher(text);
    if (!date.lookingAt()) {
      throw bad();
    }
    int year = Integer.parseInt(date.group(1));
    int month = 1;
    int day = 1;
    if (date.group(2) != null) {
      month = Integer.parseInt(date.group(2));
      day = date.group(3) == null ? 1 : Integer.parseInt(date.group(3));
    } else if (date.group(4) != null) {
      month = Integer.parseInt(date.group(4));
      day = Integer.parseInt(date.group(5));
    }
    int pos = date.end();
    int hour = 0;
    int minute = 0;
    int second = 0;
    int nanos = 0;
    ZoneOffset offset = ZoneOffset.UTC;
    if (pos < text.length()) {
      Matcher time = TIME.matcher(text);
      time.region(pos + 1, text.length());
      if (!time.matches()) {
        throw bad();
      }
      hour = Integer.parseInt(time.group(1));
      minute = time.group(2) == null ? 0 : Integer.parseInt(time.group(2));
      second = time.group(3) == null ? 0 : Integer.parseInt(time.group(3));
      if (time.group(4) != null) {
        String fraction = (time.group(4) + "000000").substring(0, 6);
        nanos = Integer.parseInt(fraction) * 1000;
      }
      if (time.group(5) != null) {
        offset = offset(time.group(5));
      }
    }
    try {
      boolean midnight = hour == 24;
      LocalDateTime local = LocalDateTime.of(year, month, day, midnight ? 0 : hour, minute, second, nanos);
      return OffsetDateTime.of(midnight ? local.plusDays(1) : local, offset);
    } catch (java.time.DateTimeException e) {
      throw bad();
    }
  }

  private static ZoneOffset offset(String zone) {
    if (zone.equalsIgnoreCase("Z")) {
      return ZoneOffset.UTC;
    }
    int sign = zone.charAt(0) == '-' ? -1 : 1;
    String digits = zone.substring(1).replace(":", "");
    int hours = Integer.parseInt(digits.substring(0, 2));
    int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
    return ZoneOffset.ofTotalSeconds(sign * (hours * 3600 + minutes * 60));
  }

  private static IllegalArgumentException bad() {
    return new IllegalArgumentException("not an ISO 8601 date or date-time (YYYY-MM-DD[THH:MM[:SS[.ffffff]]][±HH:MM])");
  }
}
