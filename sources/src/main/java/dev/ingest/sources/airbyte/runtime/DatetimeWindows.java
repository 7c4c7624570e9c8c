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
 * sides. A window opens while its start is at or before the end ({@code start <= end}, so a range of whole steps
 * ends with a one-instant window {@code [end, end]}); with {@code is_compare_strictly} only while it is before the
 * end ({@code start < end}: that last window, and a range whose start is its end, are skipped), as Airbyte's
 * {@code DatetimeBasedCursor} compares.
 *
 * <p>With {@code clamping} the windows are planned as Airbyte's concurrent cursor plans clamped windows: the range
 * ends at the end rounded down to the target minus the granularity ({@code cursor_granularity}, else the target's
 * default); each window runs from its start rounded up to its upper bound ({@code start + step}, or the range's
 * end) rounded up, minus {@code cursor_granularity} except for the window reaching the range's end; the next
 * starts at the rounded-up bound; planning stops when rounding leaves a window empty. Without a {@code step}, or
 * when one step covers the range, there is one window from the rounded-up start to the rounded-up end. That
 * planner never opens a window whose start is its end, so {@code is_compare_strictly} changes nothing there.
 */
final class DatetimeWindows {

  /** At most this many windows per read: a guard against a tiny step over a long range. */
  static final int MAX_WINDOWS = 100_000;

  /** One window, both boundaries inclusive. */
  record Window(OffsetDateTime start, OffsetDateTime end) {}

  private final String step;
  private final String granularity;
  private final String lookback;
  private final boolean strict;
  private final DatetimeClamping clamping;

  DatetimeWindows(String step, String granularity, String lookback) {
    this(step, granularity, lookback, false, null);
  }

  /**
   * @param step ISO 8601 duration or null (one window)
   * @param granularity ISO 8601 duration or null (zero); Airbyte requires it exactly when {@code step} is set
   * @param lookback ISO 8601 duration or null (zero)
   * @param strict {@code is_compare_strictly}: no window starts at the end
   * @param clamping {@code clamping}, or null for none
   * @throws IllegalArgumentException naming the field when a value is not a duration or one is missing
   */
  DatetimeWindows(String step, String granularity, String lookback, boolean strict, DatetimeClamping clamping) {
    this.strict = strict;
    this.clamping = clamping;
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
    if (clamping != null) {
      return clamped(start, end, cursor);
    }
    OffsetDateTime first = earliest(start, end, cursor);
    List<Window> windows = new ArrayList<>();
    OffsetDateTime from = first;
    while (strict ? from.isBefore(end) : !from.isAfter(end)) {
      guard(windows, first, end);
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

  /**
   * The last instant records are kept up to ({@code is_client_side_incremental}, {@code is_data_feed}): the end,
   * or with clamping the end rounded down minus the granularity, where the clamped windows stop.
   */
  OffsetDateTime end(OffsetDateTime end) {
    return clamping == null ? end : IsoDurationShift.shift(clamping.floor(end),
        granularity == null ? clamping.defaultGranularity() : granularity, true);
  }

  /** The windows under {@code clamping}, as Airbyte's concurrent cursor slices its range (see the class comment). */
  private List<Window> clamped(OffsetDateTime start, OffsetDateTime end, Optional<OffsetDateTime> cursor) {
    OffsetDateTime upper = end(end);
    OffsetDateTime synced = cursor.filter(c -> !c.isBefore(start)).orElse(start);
    OffsetDateTime lower = lookback == null ? synced : IsoDurationShift.shift(synced, lookback, true);
    List<Window> windows = new ArrayList<>();
    if (!lower.isBefore(upper) || upper.isBefore(start)) {
      return windows;
    }
    lower = lower.isBefore(start) ? start : lower;
    if (step == null || !IsoDurationShift.shift(lower, step, false).isBefore(upper)) {
      windows.add(new Window(clamping.ceil(lower), clamping.ceil(upper)));
      return windows;
    }
    OffsetDateTime from = lower;
    while (true) {
      guard(windows, lower, upper);
      OffsetDateTime stepped = IsoDurationShift.shift(from, step, false);
      OffsetDateTime bound = stepped.isBefore(upper) ? stepped : upper;
      boolean last = !bound.isBefore(upper);
      OffsetDateTime to = bound.isEqual(upper) ? bound : clamping.ceil(bound);
      OffsetDateTime opens = clamping.ceil(from);
      if (!opens.isBefore(to)) {
        return windows;
      }
      windows.add(new Window(opens, last ? to : IsoDurationShift.shift(to, granularity, true)));
      if (last) {
        return windows;
      }
      from = to;
    }
  }

  private void guard(List<Window> windows, OffsetDateTime first, OffsetDateTime end) {
    if (windows.size() == MAX_WINDOWS) {
      throw new IllegalArgumentException("DatetimeBasedCursor: step " + step + " gives more than " + MAX_WINDOWS
          + " windows between " + first + " and " + end + "; use a larger step");
    }
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
