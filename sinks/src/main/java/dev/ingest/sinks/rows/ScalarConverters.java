package dev.ingest.sinks.rows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;
import java.util.function.LongFunction;
import org.apache.flink.table.data.DecimalData;

/**
 * Converters for non-temporal primitive columns. A value of another JSON kind is a misfit, except for strings.
 *
 * <p>Numbers are read as a Jackson tree would hold them: integers as {@code int}, {@code long} or big integer by
 * magnitude, numbers with a fraction or exponent as {@code double}.
 */
final class ScalarConverters {

  private ScalarConverters() {}

  /** String columns take text as is and any other value as its compact JSON text. */
  static final ValueConverter STRING =
      (p, c) -> p.currentToken() == JsonToken.VALUE_STRING ? JsonTokens.stringToken(p)
          : JsonTokens.string(JsonTokens.text(p));

  static final ScalarConverter BOOLEAN =
      new ScalarConverter() {
        @Override
        Object bool(boolean b, Conversion c) {
          return b;
        }
      };

  /** Integral numbers in range, and floating numbers with an exact integral value (e.g. {@code 3.0}, {@code 1e3}). */
  static final ScalarConverter LONG = integral(Long.MIN_VALUE, Long.MAX_VALUE, v -> v);

  static final ScalarConverter INT = integral(Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v);

  private static ScalarConverter integral(long min, long max, LongFunction<Object> box) {
    return new ScalarConverter() {
      @Override
      Object number(JsonParser p, Conversion c) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
          if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return c.misfit();
          }
          long v = p.getLongValue();
          return v >= min && v <= max ? box.apply(v) : c.misfit();
        }
        double d = p.getDoubleValue();
        return integral(d) && d >= min && d <= max ? box.apply((long) d) : c.misfit();
      }
    };
  }

  static final ScalarConverter DOUBLE =
      new ScalarConverter() {
        @Override
        Object number(JsonParser p, Conversion c) throws IOException {
          return p.getDoubleValue();
        }
      };

  static final ScalarConverter FLOAT =
      new ScalarConverter() {
        @Override
        Object number(JsonParser p, Conversion c) throws IOException {
          if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
            return (float) p.getDoubleValue();
          }
          return switch (p.getNumberType()) {
            case INT -> (float) p.getIntValue();
            case LONG -> (float) p.getLongValue();
            default -> p.getBigIntegerValue().floatValue();
          };
        }
      };

  static final ScalarConverter UUID_BYTES =
      new ScalarConverter() {
        @Override
        Object text(String s, Conversion c) {
          try {
            UUID uuid = UUID.fromString(s);
            return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
          } catch (IllegalArgumentException e) {
            return c.misfit();
          }
        }
      };

  static final ScalarConverter BINARY = fixed(-1);

  /** Base64 text; {@code length < 0} means any length. */
  static ScalarConverter fixed(int length) {
    return new ScalarConverter() {
      @Override
      Object text(String s, Conversion c) {
        try {
          byte[] bytes = Base64.getDecoder().decode(s);
          return length < 0 || bytes.length == length ? bytes : c.misfit();
        } catch (IllegalArgumentException e) {
          return c.misfit();
        }
      }
    };
  }

  /** Numbers that fit without rounding. */
  static ScalarConverter decimal(int precision, int scale) {
    return new ScalarConverter() {
      @Override
      Object number(JsonParser p, Conversion c) throws IOException {
        try {
          BigDecimal exact = decimalValue(p).setScale(scale, RoundingMode.UNNECESSARY);
          DecimalData d = DecimalData.fromBigDecimal(exact, precision, scale);
          return d != null ? d : c.misfit();
        } catch (ArithmeticException | NumberFormatException e) {
          return c.misfit(); // NumberFormatException: a number beyond double range (infinite)
        }
      }
    };
  }

  private static BigDecimal decimalValue(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
      return BigDecimal.valueOf(p.getDoubleValue());
    }
    return switch (p.getNumberType()) {
      case INT, LONG -> BigDecimal.valueOf(p.getLongValue());
      default -> new BigDecimal(p.getBigIntegerValue());
    };
  }

  /** Whether {@code d} is finite and has no fractional part. */
  static boolean integral(double d) {
    return !Double.isNaN(d) && !Double.isInfinite(d) && d == Math.rint(d);
  }
}
