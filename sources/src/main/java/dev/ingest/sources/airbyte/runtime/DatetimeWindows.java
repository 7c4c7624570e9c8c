package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.airbyte.interpolation.IsoDurationShift;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The windows of a {@code DatetimeBasedCursor}, as Airbyte partitions its date range: the first window starts at
 * the later of {@code start_datetime} (capped at the end) and the checkpointed cursor minus {@code lookback_window};
 * each window ends at {@code next_start - cursor_granularity} (never past the end) and the next starts one
 * {@code step} later; without a {@code step} there is one window up to the end. Boundaries are inclusive on both
 * sides ({@code start <= end}), as Airbyte's non-strict comparison.
 */
final class DatetimeWindows {

  /** At most this many windows per read: a guard against a tiny step over a long range. */
  static final int MAX_WINDOWS = 100_000;

  /** One window, both boundaries inclusive. */
  record Window(OffsetDateTime start, OffsetDateTime end) {}

  private final String step;
  private final String granularity;
  private final String lookback;

  /**
   * @param step ISO 8601 duration or null (one window)
   * @param granularity ISO 8601 duration or null (zero); Airbyte requires it exactly when {@code step} is set
   * @param lookback ISO 8601 duration or null (zero)
   * @throws IllegalArgumentException naming the field when a value is not a duration or one is missing
   */
  DatetimeWindows(String step, String granularity, String lookback) {
    this.step = blankToNull(step);
    this.granularity = blankToNull(granularity);
    this.lookback = blankToNull(lookback);
    if ((this.step == null) != (this.granularity == null)) {
      throw new IllegalArgumentException(
          "DatetimeBasedCursor: step and cursor_granularity must be set together (Airbyte requires both or neither)");
    }
    check("step", this.step, true);
    check("cursor_granularity", this.granularity, false);
    check("lookback_window", this.lookback, false);
  }

  /**
   * The windows from {@code start} to {@code end}, resuming after {@code cursor} (the checkpointed cursor
   * position) when present.
   *
   * @param end the best end: the earlier of {@code end_datetime} and now
   */
  List<Window> windows(OffsetDateTime start, OffsetDateTime end, Optional<OffsetDateTime> cursor) {
    OffsetDateTime first = earliest(start, end, cursor);
    List<Window> windows = new ArrayList<>();
    OffsetDateTime from = first;
    while (!from.isAfter(end)) {
      if (windows.size() == MAX_WINDOWS) {
        throw new IllegalArgumentException("DatetimeBasedCursor: step " + step + " gives more than " + MAX_WINDOWS
            + " windows between " + first + " and " + end + "; use a larger step");
      }
      if (step == null) {
        windows.add(new Window(from, end));
        break;
      }
      OffsetDateTime next = IsoDurationShift.shift(from, step, false);
      OffsetDateTime to = IsoDurationShift.shift(next, granularity, true);
      windows.add(new Window(from, to.isBefore(end) ? to : end));
      from = next;
    }
    return windows;
  }

  /** Where reading starts: {@code max(min(start, end), cursor - lookback)}. */
  OffsetDateTime earliest(OffsetDateTime start, OffsetDateTime end, Optional<OffsetDateTime> cursor) {
    OffsetDateTime floor = start.isAfter(end) ? end : start;
    if (cursor.isEmpty()) {
      return floor;
    }
    OffsetDateTime resumed = lookback == null ? cursor.get() : IsoDurationShift.shift(cursor.get(), lookback, true);
    return resumed.isAfter(floor) ? resumed : floor;
  }

  private static void check(String field, String value, boolean positive) {
    if (value == null) {
      return;
    }
    try {
      if (positive && !IsoDurationShift.isPositive(value)) {
        throw new IllegalArgumentException("must be a positive duration");
      }
      IsoDurationShift.shift(OffsetDateTime.parse("2000-01-01T00:00:00Z"), value, false);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("DatetimeBasedCursor." + field + " '" + value + "': " + e.getMessage(), e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
