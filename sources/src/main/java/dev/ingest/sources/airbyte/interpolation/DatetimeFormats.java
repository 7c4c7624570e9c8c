package dev.ingest.sources.airbyte.interpolation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Airbyte's {@code DatetimeParser}: Python strftime/strptime formats plus its own directives, {@code %s} (epoch
 * seconds), {@code %s_as_float}, {@code %ms} (epoch milliseconds), {@code %epoch_microseconds}, and {@code %_ms}
 * (three-digit milliseconds inside a format). Public so the cursor translation ({@code datetime_format},
 * {@code cursor_datetime_formats}) formats and parses exactly as interpolation does.
 */
public final class DatetimeFormats {

  private static final Instant EPOCH = Instant.EPOCH;

  private DatetimeFormats() {}

  /**
   * Parses a date-time text with an Airbyte datetime format; a result without an offset is UTC.
   *
   * @throws IllegalArgumentException when the text does not match, naming the format (never the text)
   */
  public static OffsetDateTime parse(String text, String format) {
    try {
      switch (format) {
        case "%s":
          return at(Instant.ofEpochSecond(Long.parseLong(text.trim())));
        case "%s_as_float": {
          BigDecimal micros = new BigDecimal(text.trim()).movePointRight(6);
          return at(EPOCH.plusNanos(micros.longValue() * 1000));
        }
        case "%epoch_microseconds":
          return at(EPOCH.plusNanos(Long.parseLong(text.trim()) * 1000));
        case "%ms":
          return at(EPOCH.plusMillis(Long.parseLong(text.trim())));
        default:
          return Strftime.parse(text, format.replace("%_ms", "%f"));
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("time data does not match format '" + format + "'");
    }
  }

  /** Formats a date-time with an Airbyte datetime format. */
  public static String format(OffsetDateTime dt, String format) {
    PyDateTime value = new PyDateTime(dt);
    switch (format) {
      case "%s":
        return String.valueOf((long) value.timestamp());
      case "%s_as_float":
        return PythonValues.floatRepr(value.timestamp());
      case "%epoch_microseconds":
        return String.valueOf(value.value().toEpochSecond() * 1_000_000L + value.value().getNano() / 1000);
      case "%ms":
        return String.valueOf(value.value().toEpochSecond() * 1000L + value.value().getNano() / 1_000_000);
      default:
        if (format.contains("%_ms")) {
          String micros = Strftime.format(value.value(), "%f");
          String millis = String.format("%03d", value.value().getNano() / 1_000_000);
          return Strftime.format(value.value(), format.replace("%_ms", "%f")).replace(micros, millis);
        }
        return Strftime.format(value.value(), format);
    }
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
