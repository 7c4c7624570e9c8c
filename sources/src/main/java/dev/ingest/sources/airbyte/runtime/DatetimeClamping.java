package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * {@code DatetimeBasedCursor.clamping}: window boundaries moved to calendar boundaries (UTC) the way Airbyte's
 * clamping strategies move them, with one exception for {@code DAY} (below). Rounding up ({@link #ceil}) applies to
 * window boundaries, rounding down ({@link #floor}) to the end of the range:
 * <ul>
 *   <li>{@code DAY}: up = the next midnight, a value already at midnight staying there; down = its midnight. Here
 *       the engine departs from Airbyte, whose rounding up adds a day even to a midnight, so that every stepped
 *       window after the first loses a day (airbyte-python-cdk issue 1110); WEEK and MONTH already keep a value on
 *       the boundary, and DAY now does the same;</li>
 *   <li>{@code WEEK} ({@code target_details.weekday}): up = the next such weekday at midnight, the same day when it
 *       is that weekday; down = the previous one, a week back when it is that weekday;</li>
 *   <li>{@code MONTH}: a value on the 1st stays on that day (at midnight) both ways; else up = the 1st of the next
 *       month, down = the 1st of its month.</li>
 * </ul>
 */
final class DatetimeClamping {

  /** Airbyte's clamping targets. */
  enum Target { DAY, WEEK, MONTH }

  private final Target target;
  private final DayOfWeek weekday;

  private DatetimeClamping(Target target, DayOfWeek weekday) {
    this.target = target;
    this.weekday = weekday;
  }

  /**
   * The clamping of an evaluated {@code target} ({@code DAY}, {@code WEEK}, {@code MONTH}) and its
   * {@code target_details} ({@code weekday}: {@code MONDAY}…{@code SUNDAY}, required for {@code WEEK}).
   *
   * @throws IllegalArgumentException naming the field, as Airbyte refuses an unknown target or a week without weekday
   */
  static DatetimeClamping of(String target, JsonNode details) {
    Target chosen;
    try {
      chosen = Target.valueOf(target);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("clamping.target: invalid clamping target '" + target
          + "', expected DAY, WEEK, MONTH");
    }
    if (chosen != Target.WEEK) {
      return new DatetimeClamping(chosen, null);
    }
    JsonNode weekday = details == null ? null : details.get("weekday");
    if (weekday == null || weekday.isNull()) {
      throw new IllegalArgumentException("clamping.target_details: given WEEK clamping, weekday needs to be "
          + "provided as target_details");
    }
    try {
      return new DatetimeClamping(chosen, DayOfWeek.valueOf(weekday.asText()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("clamping.target_details.weekday: unknown weekday '" + weekday.asText()
          + "' (expected MONDAY … SUNDAY)");
    }
  }

  /**
   * The granularity taken off the rounded-down end when the cursor has no {@code cursor_granularity}: a second
   * for {@code DAY}, a day for {@code WEEK} and {@code MONTH}, as Airbyte's defaults.
   */
  String defaultGranularity() {
    return target == Target.DAY ? "PT1S" : "P1D";
  }

  /** {@code value} rounded up to the target's boundary (Airbyte's {@code is_ceiling=True}). */
  OffsetDateTime ceil(OffsetDateTime value) {
    OffsetDateTime day = midnight(value);
    return switch (target) {
      case DAY -> day.isEqual(value) ? day : day.plusDays(1);
      case WEEK -> day.plusDays(daysToWeekday(day));
      case MONTH -> day.getDayOfMonth() == 1 ? day : day.withDayOfMonth(1).plusMonths(1);
    };
  }

  /** {@code value} rounded down to the target's boundary (Airbyte's {@code is_ceiling=False}). */
  OffsetDateTime floor(OffsetDateTime value) {
    OffsetDateTime day = midnight(value);
    return switch (target) {
      case DAY -> day;
      case WEEK -> day.plusDays(daysToWeekday(day) - 7L);
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  /** Days from {@code day} forward to the target weekday: 0 on that weekday, else 1..6. */
  private long daysToWeekday(OffsetDateTime day) {
    return Math.floorMod(weekday.getValue() - day.getDayOfWeek().getValue(), 7);
  }

  private static OffsetDateTime midnight(OffsetDateTime value) {
    return value.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
  }

  @Override
  public String toString() {
    return "clamping " + target + (weekday == null ? "" : " " + weekday.name().toLowerCase(Locale.ROOT));
  }
}
