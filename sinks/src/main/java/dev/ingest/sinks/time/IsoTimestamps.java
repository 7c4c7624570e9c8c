package dev.ingest.sinks.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Parses ISO-8601 timestamps to microseconds since the epoch without allocating on the common shape
 * {@code yyyy-MM-dd'T'HH:mm[:ss[.fffffffff]](Z|±HH[[:]mm])} (also with a space or {@code t} as separator);
 * anything else falls back to {@code java.time} (which accepts e.g. extended years). Fractions beyond
 * microseconds are truncated. Without an offset the wall time is taken as UTC, which only callers that allow it
 * ({@code timestamp} without zone) ask for.
 *
 * <p>Shared by the row converter ({@code dev.ingest.sinks.rows}), which parses with it, and schema inference
 * ({@code dev.ingest.sinks.schema}), which types a field {@code timestamptz} or {@code date} only when
 * {@link #isTimestamptz} or {@link #isDate} holds for its values: the same parsing the row converter applies.
 */
public final class IsoTimestamps {

  private static final long MICROS_PER_SECOND = 1_000_000L;

  private IsoTimestamps() {}

  /** Whether {@code s} converts into a {@code timestamptz} column: an ISO-8601 timestamp with offset or {@code Z}. */
  public static boolean isTimestamptz(String s) {
    if (s == null || s.length() < 16 || !isDatePrefix(s)) {
      return false; // the cheap rejection of ordinary text, before any exception-throwing parse
    }
    try {
      parseMicros(s, true);
      return true;
    } catch (DateTimeException | ArithmeticException e) {
      return false;
    }
  }

  /** Whether {@code s} is exactly a {@code yyyy-MM-dd} calendar date (which a {@code date} column converts). */
  public static boolean isDate(String s) {
    if (s == null || s.length() != 10 || !isDatePrefix(s)) {
      return false;
    }
    try {
      parseEpochDay(s);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /** {@code dddd-dd-dd} at the start. */
  private static boolean isDatePrefix(String s) {
    return s.charAt(4) == '-' && s.charAt(7) == '-' && digits(s, 0, 4) >= 0 && digits(s, 5, 2) >= 0
        && digits(s, 8, 2) >= 0;
  }

  /**
   * Microseconds since 1970-01-01T00:00Z.
   *
   * @param requireOffset true for {@code timestamptz}: a text without offset or {@code Z} is rejected
   * @throws DateTimeException when the text is not such a timestamp
   */
  public static long parseMicros(String s, boolean requireOffset) {
    long micros = fastMicros(s, requireOffset);
    if (micros != NOT_FAST) {
      return micros;
    }
    Instant instant = parseInstant(s, requireOffset);
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1000);
  }

  /** Full-precision parse through {@code java.time}; same acceptance as {@link #parseMicros}. */
  public static Instant parseInstant(String s, boolean requireOffset) {
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException withOffset) {
      String t = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
      if (t != s) {
        try {
          return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException ignored) {
          // fall through to the local form
        }
      }
      if (requireOffset) {
        throw withOffset;
      }
      return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
    }
  }

  /** Days since 1970-01-01 of an ISO {@code yyyy-MM-dd} date. */
  public static int parseEpochDay(String s) {
    if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
      int y = digits(s, 0, 4);
      int m = digits(s, 5, 2);
      int d = digits(s, 8, 2);
      if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) {
        return (int) epochDay(y, m, d);
      }
    }
    return (int) LocalDate.parse(s).toEpochDay();
  }

  private static final long NOT_FAST = Long.MIN_VALUE;

  private static long fastMicros(String s, boolean requireOffset) {
    int n = s.length();
    if (n < 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':') {
      return NOT_FAST;
    }
    char sep = s.charAt(10);
    if (sep != 'T' && sep != 't' && sep != ' ') {
      return NOT_FAST;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
        || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return NOT_FAST;
    }
    int i = 16;
    int second = 0;
    long fractionMicros = 0;
    if (i < n && s.charAt(i) == ':') {
      second = digits(s, i + 1, 2);
      if (second < 0 || second > 59) {
        return NOT_FAST;
      }
      i += 3;
      if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
        int start = ++i;
        long scale = 100_000;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          fractionMicros += (s.charAt(i) - '0') * scale;
          scale /= 10;
          i++;
        }
        if (i == start || i - start > 9) {
          return NOT_FAST;
        }
      }
    }
    int offsetSeconds;
    if (i == n) {
      if (requireOffset) {
        return NOT_FAST;
      }
      offsetSeconds = 0;
    } else {
      char z = s.charAt(i);
      if ((z == 'Z' || z == 'z') && i + 1 == n) {
        offsetSeconds = 0;
      } else if (z == '+' || z == '-') {
        offsetSeconds = offsetSeconds(s, i + 1);
        if (offsetSeconds == Integer.MIN_VALUE) {
          return NOT_FAST;
        }
        offsetSeconds = z == '-' ? -offsetSeconds : offsetSeconds;
      } else {
        return NOT_FAST;
      }
    }
    long seconds = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return seconds * MICROS_PER_SECOND + fractionMicros;
  }

  /** Seconds of {@code HH}, {@code HHmm} or {@code HH:mm} at {@code i} to the end, or MIN_VALUE. */
  private static int offsetSeconds(String s, int i) {
    int rest = s.length() - i;
    int h = digits(s, i, 2);
    int m;
    if (rest == 2) {
      m = 0;
    } else if (rest == 4) {
      m = digits(s, i + 2, 2);
    } else if (rest == 5 && s.charAt(i + 2) == ':') {
      m = digits(s, i + 3, 2);
    } else {
      return Integer.MIN_VALUE;
    }
    if (h < 0 || h > 18 || m < 0 || m > 59 || (h == 18 && m > 0)) {
      return Integer.MIN_VALUE;
    }
    return h * 3600 + m * 60;
  }

  /** The decimal value of {@code len} ASCII digits at {@code from}, or -1. */
  private static int digits(String s, int from, int len) {
    if (from + len > s.length()) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < from + len; i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days from civil (proleptic Gregorian), after H. Hinnant's algorithm; valid for years 0..9999. */
  private static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097L + doe - 719_468L;
  }
}
