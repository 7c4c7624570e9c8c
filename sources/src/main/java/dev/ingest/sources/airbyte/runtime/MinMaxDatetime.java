package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.airbyte.interpolation.DatetimeFormats;
import java.time.OffsetDateTime;

/**
 * Airbyte's {@code MinMaxDatetime} once its templates are evaluated: {@code datetime} parsed with
 * {@code datetime_format} (Airbyte's default {@code %Y-%m-%dT%H:%M:%S.%f%z} when empty), then raised to
 * {@code min_datetime} and lowered to {@code max_datetime} (both parsed with the same format; empty means unset).
 * A plain string {@code start_datetime}/{@code end_datetime} is the same with no bounds.
 */
final class MinMaxDatetime {
  static final String DEFAULT_FORMAT = "%Y-%m-%dT%H:%M:%S.%f%z";

  private MinMaxDatetime() {}

  /**
   * The clamped date-time.
   *
   * @param field the manifest path, named in the error when a text does not match the format
   */
  static OffsetDateTime resolve(String field, String datetime, String format, String min, String max) {
    String fmt = format == null || format.isEmpty() ? DEFAULT_FORMAT : format;
    OffsetDateTime time = parse(field + ".datetime", datetime, fmt);
    if (min != null && !min.isEmpty()) {
      OffsetDateTime low = parse(field + ".min_datetime", min, fmt);
      time = time.isBefore(low) ? low : time;
    }
    if (max != null && !max.isEmpty()) {
      OffsetDateTime high = parse(field + ".max_datetime", max, fmt);
      time = time.isAfter(high) ? high : time;
    }
    return time;
  }

  private static OffsetDateTime parse(String field, String text, String format) {
    if (text == null) {
      throw new IllegalArgumentException(field + " is not set");
    }
    try {
      return DatetimeFormats.parse(text, format);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }
}
