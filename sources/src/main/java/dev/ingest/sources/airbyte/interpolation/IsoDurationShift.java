package dev.ingest.sources.airbyte.interpolation;

import java.time.OffsetDateTime;

/**
 * Moves a date-time by an ISO 8601 duration text exactly as the {@code duration()} macro does (years and months
 * as calendar units, the rest exact). Public for the incremental cursor ({@code step}, {@code cursor_granularity},
 * {@code lookback_window}), so both read durations the same way.
 */
public final class IsoDurationShift {

  private IsoDurationShift() {}

  /**
   * {@code dt + duration}, or {@code dt - duration} when {@code subtract}.
   *
   * @throws IllegalArgumentException when the text is not an ISO 8601 duration
   */
  public static OffsetDateTime shift(OffsetDateTime dt, String duration, boolean subtract) {
    PyTimedelta delta = IsoDurations.parse(duration);
    if (subtract) {
      delta = delta.negated();
    }
    return dt.plus(delta.calendar()).plus(delta.exact());
  }

  /** Whether the text parses as a positive duration (a window step must move forward). */
  public static boolean isPositive(String duration) {
    PyTimedelta delta = IsoDurations.parse(duration);
    return !delta.calendar().isNegative() && !delta.exact().isNegative()
        && !(delta.calendar().isZero() && delta.exact().isZero());
  }
}
