package dev.ingest.sources.incremental;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Compares and shifts incremental cursor values as APIs serve them: ISO-8601 timestamps with offsets
 * ({@code 2026-01-15T10:00:00Z}; also with a colon-less offset as Jira and Salesforce serve them,
 * {@code 2026-01-15T10:00:00.000+0000}, which {@link #minus} rewrites in ISO form), epoch
 * seconds or milliseconds, other numbers, or opaque text (compared as text). Two values of different kinds compare
 * as text.
 */
public final class CursorValues {
  /** ISO-8601 date-time with an offset written {@code Z}, {@code +01:00} or {@code +0100}. */
  private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter();

  private CursorValues() {}

  /** The greater of two values (either may be null). */
  public static String max(String a, String b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return compare(a, b) >= 0 ? a : b;
  }

  /** Compares two cursor values. */
  public static int compare(String a, String b) {
    Optional<Instant> ta = instant(a);
    Optional<Instant> tb = instant(b);
    if (ta.isPresent() && tb.isPresent()) {
      return ta.get().compareTo(tb.get());
    }
    Optional<BigDecimal> na = number(a);
    Optional<BigDecimal> nb = number(b);
    if (na.isPresent() && nb.isPresent()) {
      return na.get().compareTo(nb.get());
    }
    return a.compareTo(b);
  }

  /**
   * {@code value} moved {@code lookback} earlier: timestamps keep their offset, epoch seconds (≤ 11 digits) and
   * milliseconds (12–13 digits) shift by the matching amount; other values are returned unchanged.
   */
  public static String minus(String value, Duration lookback) {
    if (lookback.isZero()) {
      return value;
    }
    try {
      OffsetDateTime time = OffsetDateTime.parse(value, LENIENT);
      return time.minus(lookback).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      // not a timestamp
    }
    if (value.matches("\\d{1,13}")) {
      long n = Long.parseLong(value);
      long shift = value.length() >= 12 ? lookback.toMillis() : lookback.toSeconds();
      return Long.toString(Math.max(0, n - shift));
    }
    return value;
  }

  /**
   * {@code text} as a timestamp: ISO-8601 with an offset (kept as written), or epoch seconds (≤ 11 digits) or
   * milliseconds (12–13 digits) in UTC; empty for anything else.
   */
  public static Optional<OffsetDateTime> timestamp(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text, LENIENT));
    } catch (DateTimeParseException e) {
      // not ISO-8601
    }
    if (text.matches("\\d{1,13}")) {
      long n = Long.parseLong(text);
      Instant instant = text.length() >= 12 ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
      return Optional.of(instant.atOffset(ZoneOffset.UTC));
    }
    return Optional.empty();
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text, LENIENT).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<BigDecimal> number(String text) {
    if (text.isEmpty() || text.length() > 40 || !text.matches("-?\\d+(\\.\\d+)?")) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(text));
  }
}
