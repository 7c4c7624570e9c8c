package dev.ingest.sinks.rows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ingest.sinks.time.IsoTimestamps;
import java.io.IOException;
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

  static final ScalarConverter TIMESTAMPTZ = timestampMicros(true);

  static final ScalarConverter TIMESTAMP = timestampMicros(false);

  static final ScalarConverter TIMESTAMPTZ_NANO = timestampNanos(true);

  static final ScalarConverter TIMESTAMP_NANO = timestampNanos(false);

  /** Days since the epoch as {@code Integer}, Flink's DATE representation. */
  static final ScalarConverter DATE =
      new ScalarConverter() {
        @Override
        Object text(String s, Conversion c) {
          try {
            return IsoTimestamps.parseEpochDay(s);
          } catch (DateTimeException e) {
            return c.misfit();
          }
        }
      };

  /** Milliseconds of the day as {@code Integer}, Flink's TIME representation. */
  static final ScalarConverter TIME =
      new ScalarConverter() {
        @Override
        Object text(String s, Conversion c) {
          try {
            return (int) (LocalTime.parse(s).toNanoOfDay() / 1_000_000L);
          } catch (DateTimeException e) {
            return c.misfit();
          }
        }
      };

  private static ScalarConverter timestampMicros(boolean requireOffset) {
    return new ScalarConverter() {
      @Override
      Object text(String s, Conversion c) {
        try {
          return micros(IsoTimestamps.parseMicros(s, requireOffset));
        } catch (DateTimeException | ArithmeticException e) {
          return c.misfit();
        }
      }

      @Override
      Object number(JsonParser p, Conversion c) throws IOException {
        return micros(epochMicros(p));
      }
    };
  }

  private static TimestampData micros(long micros) {
    return TimestampData.fromEpochMillis(Math.floorDiv(micros, 1000L), (int) Math.floorMod(micros, 1000L) * 1000);
  }

  private static ScalarConverter timestampNanos(boolean requireOffset) {
    return new ScalarConverter() {
      @Override
      Object text(String s, Conversion c) {
        try {
          return TimestampData.fromInstant(IsoTimestamps.parseInstant(s, requireOffset));
        } catch (DateTimeException e) {
          return c.misfit();
        }
      }

      @Override
      Object number(JsonParser p, Conversion c) throws IOException {
        long micros = epochMicros(p);
        return TimestampData.fromInstant(
            Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L));
      }
    };
  }

  /** The epoch number at the parser's current token to microseconds, unit by magnitude (see class doc). */
  static long epochMicros(JsonParser number) throws IOException {
    return number.currentToken() == JsonToken.VALUE_NUMBER_INT
            && number.getNumberType() != JsonParser.NumberType.BIG_INTEGER
        ? epochMicros(number.getLongValue())
        : epochMicros(number.getDoubleValue());
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
