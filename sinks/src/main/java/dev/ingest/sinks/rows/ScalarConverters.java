package dev.ingest.sinks.rows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sinks.schema.JsonRecords;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;

/** Converters for non-temporal primitive columns. A value of another JSON kind is a misfit, except for strings. */
final class ScalarConverters {

  private ScalarConverters() {}

  /** String columns take text as is and any other value as its compact JSON text. */
  static final ValueConverter STRING =
      (v, c) -> StringData.fromString(v.isTextual() ? v.textValue() : JsonRecords.toJson(v));

  static final ValueConverter BOOLEAN = (v, c) -> v.isBoolean() ? (Object) v.booleanValue() : c.misfit();

  /** Integral numbers in range, and floating numbers with an exact integral value (e.g. {@code 3.0}, {@code 1e3}). */
  static final ValueConverter LONG =
      (v, c) -> v.isNumber() && v.canConvertToExactIntegral() && v.canConvertToLong() ? (Object) v.longValue() : c.misfit();

  static final ValueConverter INT =
      (v, c) -> v.isNumber() && v.canConvertToExactIntegral() && v.canConvertToInt() ? (Object) v.intValue() : c.misfit();

  static final ValueConverter DOUBLE = (v, c) -> v.isNumber() ? (Object) v.doubleValue() : c.misfit();

  static final ValueConverter FLOAT = (v, c) -> v.isNumber() ? (Object) v.floatValue() : c.misfit();

  static final ValueConverter UUID_BYTES =
      (v, c) -> {
        if (!v.isTextual()) {
          return c.misfit();
        }
        try {
          UUID uuid = UUID.fromString(v.textValue());
          return ByteBuffer.allocate(16)
              .putLong(uuid.getMostSignificantBits())
              .putLong(uuid.getLeastSignificantBits())
              .array();
        } catch (IllegalArgumentException e) {
          return c.misfit();
        }
      };

  static final ValueConverter BINARY = fixed(-1);

  /** Base64 text; {@code length < 0} means any length. */
  static ValueConverter fixed(int length) {
    return (v, c) -> {
      if (!v.isTextual()) {
        return c.misfit();
      }
      try {
        byte[] bytes = Base64.getDecoder().decode(v.textValue());
        return length < 0 || bytes.length == length ? bytes : c.misfit();
      } catch (IllegalArgumentException e) {
        return c.misfit();
      }
    };
  }

  /** Numbers that fit without rounding. */
  static ValueConverter decimal(int precision, int scale) {
    return (v, c) -> {
      if (!v.isNumber()) {
        return c.misfit();
      }
      try {
        BigDecimal exact = v.decimalValue().setScale(scale, RoundingMode.UNNECESSARY);
        DecimalData d = DecimalData.fromBigDecimal(exact, precision, scale);
        return d != null ? d : c.misfit();
      } catch (ArithmeticException e) {
        return c.misfit();
      }
    };
  }
}
