package dev.ingest.sinks.rows;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import org.apache.flink.table.data.TimestampData;

/**
 * Converters for date, time and timestamp columns. Timestamps accept ISO-8601 text and epoch numbers; the unit
 * of an epoch number is read from its magnitude: below 1e11 seconds (fractions allowed), below 1e14
 * milliseconds, below 1e17 microseconds, otherwise nanoseconds. {@code timestamptz} text must carry an offset or
 * {@code Z}; {@code timestamp} (without zone) text without offset is the UTC wall time. Dates are
 * {@code yyyy-MM-dd} text, times ISO local time text.
 */
final class TemporalConverters {

  private TemporalConverters() {}

  static final ValueConverter TIMESTAMPTZ = timestampMicros(true);

  static final ValueConverter TIMESTAMP = timestampMicros(false);

  static final ValueConverter TIMESTAMPTZ_NANO = timestampNanos(true);

  static final ValueConverter TIMESTAMP_NANO = timestampNanos(false);

  /** Days since the epoch as {@code Integer}, Flink's DATE representation. */
  static final ValueConverter DATE =
      (v, c) -> {
        if (!v.isTextual()) {
          return c.misfit();
        }
        try {
          return IsoTimestamps.parseEpochDay(v.textValue());
        } catch (DateTimeException e) {
          return c.misfit();
        }
      };

  /** Milliseconds of the day as {@code Integer}, Flink's TIME representation. */
  static final ValueConverter TIME =
      (v, c) -> {
        if (!v.isTextual()) {
          return c.misfit();
        }
        try {
          return (int) (LocalTime.parse(v.textValue()).toNanoOfDay() / 1_000_000L);
        } catch (DateTimeException e) {
          return c.misfit();
        }
      };

  private static ValueConverter timestampMicros(boolean requireOffset) {
    return (v, c) -> {
      long micros;
      if (v.isTextual()) {
        try {
          micros = IsoTimestamps.parseMicros(v.textValue(), requireOffset);
        } catch (DateTimeException | ArithmeticException e) {
          return c.misfit();
        }
      } else if (v.isNumber()) {
        micros = epochMicros(v);
      } else {
        return c.misfit();
      }
      return TimestampData.fromEpochMillis(Math.floorDiv(micros, 1000L), (int) Math.floorMod(micros, 1000L) * 1000);
    };
  }

  private static ValueConverter timestampNanos(boolean requireOffset) {
    return (v, c) -> {
      if (v.isTextual()) {
        try {
          return TimestampData.fromInstant(IsoTimestamps.parseInstant(v.textValue(), requireOffset));
        } catch (DateTimeException e) {
          return c.misfit();
        }
      }
      if (v.isNumber()) {
        long micros = epochMicros(v);
        return TimestampData.fromInstant(
            Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L));
      }
      return c.misfit();
    };
  }

  /** Epoch number to microseconds, unit by magnitude (see class doc). */
  static long epochMicros(JsonNode number) {
    return number.isIntegralNumber() && number.canConvertToLong()
        ? epochMicros(number.longValue())
        : epochMicros(number.doubleValue());
  }

  static long epochMicros(long n) {
    long magnitude = Math.abs(n);
    if (magnitude < 100_000_000_000L) {
      return n * 1_000_000L;
    } else if (magnitude < 100_000_000_000_000L) {
      return n * 1_000L;
    } else if (magnitude < 100_000_000_000_000_000L) {
      return n;
    }
    return Math.floorDiv(n, 1_000L);
  }

  static long epochMicros(double d) {
    double magnitude = Math.abs(d);
    if (magnitude < 1e11) {
      return Math.round(d * 1e6);
    } else if (magnitude < 1e14) {
      return Math.round(d * 1e3);
    } else if (magnitude < 1e17) {
      return Math.round(d);
    }
    return Math.round(d / 1e3);
  }
}
