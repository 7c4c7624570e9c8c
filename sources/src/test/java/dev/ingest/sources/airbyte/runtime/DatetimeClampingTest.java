package dev.ingest.sources.airbyte.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingest.sources.airbyte.runtime.DatetimeWindows.Window;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code clamping} and {@code is_compare_strictly} in the window planner. The clamped cases with a step are the
 * cases of Airbyte's {@code ClampingIntegrationTest} (the concurrent cursor), the rounding cases those of its
 * {@code test_clamping.py}; the strict cases follow its {@code DatetimeBasedCursor._is_within_date_range}.
 */
class DatetimeClampingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static OffsetDateTime t(String iso) {
    return OffsetDateTime.parse(iso);
  }

  private static DatetimeClamping clamping(String target, String details) throws Exception {
    JsonNode node = details == null ? null : JSON.readTree(details);
    return DatetimeClamping.of(target, node);
  }

  private static DatetimeWindows planner(String step, String granularity, String lookback, String target,
      String details) throws Exception {
    return new DatetimeWindows(step, granularity, lookback, false, clamping(target, details));
  }

  @Test
  void roundingFollowsAirbytesStrategies() throws Exception {
    DatetimeClamping day = clamping("DAY", null);
    assertThat(day.ceil(t("2024-01-01T20:23:03.002039Z"))).isEqualTo(t("2024-01-02T00:00:00Z"));
    assertThat(day.ceil(t("2024-01-31T10:00:00Z"))).isEqualTo(t("2024-02-01T00:00:00Z"));
    assertThat(day.floor(t("2024-01-01T20:23:03.001029Z"))).isEqualTo(t("2024-01-01T00:00:00Z"));
    // the one departure from Airbyte (airbyte-python-cdk#1110): a midnight stays a midnight
    assertThat(day.ceil(t("2024-01-31T00:00:00Z"))).isEqualTo(t("2024-01-31T00:00:00Z"));
    // rounding is in UTC
    assertThat(day.ceil(t("2024-01-01T23:30:00-02:00"))).isEqualTo(t("2024-01-03T00:00:00Z"));

    DatetimeClamping month = clamping("MONTH", null);
    assertThat(month.ceil(t("2024-01-01T20:23:03Z"))).isEqualTo(t("2024-01-01T00:00:00Z"));
    assertThat(month.ceil(t("2024-01-02T00:00:00Z"))).isEqualTo(t("2024-02-01T00:00:00Z"));
    assertThat(month.ceil(t("2024-12-15T00:00:00Z"))).isEqualTo(t("2025-01-01T00:00:00Z"));
    assertThat(month.floor(t("2024-01-02T00:00:00Z"))).isEqualTo(t("2024-01-01T00:00:00Z"));
    assertThat(month.floor(t("2024-01-01T05:00:00Z"))).isEqualTo(t("2024-01-01T00:00:00Z"));

    // 2025-01-14 is a Tuesday, 2025-01-15 a Wednesday
    DatetimeClamping tuesday = clamping("WEEK", "{\"weekday\": \"TUESDAY\"}");
    assertThat(tuesday.ceil(t("2025-01-14T00:00:00Z"))).isEqualTo(t("2025-01-14T00:00:00Z"));
    assertThat(tuesday.ceil(t("2025-01-15T00:00:00Z"))).isEqualTo(t("2025-01-21T00:00:00Z"));
    assertThat(clamping("WEEK", "{\"weekday\": \"FRIDAY\"}").ceil(t("2025-01-15T00:00:00Z")))
        .isEqualTo(t("2025-01-17T00:00:00Z"));
    assertThat(clamping("WEEK", "{\"weekday\": \"FRIDAY\"}").floor(t("2025-01-15T00:00:00Z")))
        .isEqualTo(t("2025-01-10T00:00:00Z"));
    // rounding down from the weekday itself goes a week back, as Airbyte's does
    assertThat(tuesday.floor(t("2025-01-14T08:00:00Z"))).isEqualTo(t("2025-01-07T00:00:00Z"));
  }

  @Test
  void monthlyClampingCutsCalendarMonthsMinusTheGranularity() throws Exception {
    // ClampingIntegrationTest: start 2023-12-31, now 2025-01-03, step 27 days, granularity 1 day
    List<Window> windows = planner("P27D", "P1D", null, "MONTH", null)
        .windows(t("2023-12-31T00:00:00Z"), t("2025-01-03T00:00:00Z"), Optional.empty());
    assertThat(windows).containsExactly(
        new Window(t("2024-01-01T00:00:00Z"), t("2024-01-31T00:00:00Z")),
        new Window(t("2024-02-01T00:00:00Z"), t("2024-02-29T00:00:00Z")),
        new Window(t("2024-03-01T00:00:00Z"), t("2024-03-31T00:00:00Z")),
        new Window(t("2024-04-01T00:00:00Z"), t("2024-04-30T00:00:00Z")),
        new Window(t("2024-05-01T00:00:00Z"), t("2024-05-31T00:00:00Z")),
        new Window(t("2024-06-01T00:00:00Z"), t("2024-06-30T00:00:00Z")),
        new Window(t("2024-07-01T00:00:00Z"), t("2024-07-31T00:00:00Z")),
        new Window(t("2024-08-01T00:00:00Z"), t("2024-08-31T00:00:00Z")),
        new Window(t("2024-09-01T00:00:00Z"), t("2024-09-30T00:00:00Z")),
        new Window(t("2024-10-01T00:00:00Z"), t("2024-10-31T00:00:00Z")),
        new Window(t("2024-11-01T00:00:00Z"), t("2024-11-30T00:00:00Z")),
        new Window(t("2024-12-01T00:00:00Z"), t("2024-12-31T00:00:00Z")));
  }

  @Test
  void weeklyClampingCutsWeeksFromTheWeekdayAndTheLastEndsAtTheRoundedDownEnd() throws Exception {
    // ClampingIntegrationTest: start Sunday 2023-12-31, now Wednesday 2024-01-31, weeks from Tuesday
    List<Window> windows = planner("P7D", "P1D", null, "WEEK", "{\"weekday\": \"TUESDAY\"}")
        .windows(t("2023-12-31T00:00:00Z"), t("2024-01-31T00:00:00Z"), Optional.empty());
    assertThat(windows).containsExactly(
        new Window(t("2024-01-02T00:00:00Z"), t("2024-01-08T00:00:00Z")),
        new Window(t("2024-01-09T00:00:00Z"), t("2024-01-15T00:00:00Z")),
        new Window(t("2024-01-16T00:00:00Z"), t("2024-01-22T00:00:00Z")),
        new Window(t("2024-01-23T00:00:00Z"), t("2024-01-29T00:00:00Z")));
  }

  @Test
  void dailyClampingStartsAtTheNextMidnightAndEndsBeforeTodaysMidnight() throws Exception {
    // the range ends at midnight of the end's day minus the granularity; a start within a day opens at the next
    List<Window> windows = planner("P1D", "PT1S", null, "DAY", null)
        .windows(t("2024-01-01T10:00:00Z"), t("2024-01-04T10:00:00Z"), Optional.empty());
    assertThat(windows).containsExactly(
        new Window(t("2024-01-02T00:00:00Z"), t("2024-01-02T23:59:59Z")),
        new Window(t("2024-01-03T00:00:00Z"), t("2024-01-03T23:59:59Z")));
    // what records are kept up to (client-side filtering, data feeds): the same rounded-down end
    assertThat(planner("P1D", "PT1S", null, "DAY", null).end(t("2024-01-04T10:00:00Z")))
        .isEqualTo(t("2024-01-03T23:59:59Z"));
  }

  @Test
  void withoutAStepOneWindowRunsFromTheRoundedUpStartToTheRoundedUpEnd() throws Exception {
    // the end rounds down to 2024-03-01, minus MONTH's default granularity of a day: 2024-02-29, rounded up again
    assertThat(planner(null, null, null, "MONTH", null)
        .windows(t("2024-01-15T00:00:00Z"), t("2024-03-10T05:00:00Z"), Optional.empty()))
        .containsExactly(new Window(t("2024-02-01T00:00:00Z"), t("2024-03-01T00:00:00Z")));
    // DAY's default granularity is a second
    assertThat(planner(null, null, null, "DAY", null).end(t("2024-03-10T05:00:00Z")))
        .isEqualTo(t("2024-03-09T23:59:59Z"));
  }

  @Test
  void aClampedRunResumesFromTheCommittedCursorMinusTheLookbackRoundedUp() throws Exception {
    // lower = 2024-04-10 - 5 days = 2024-04-05, rounded up to May; June stops at the rounded-down end (May 31)
    assertThat(planner("P1M", "P1D", "P5D", "MONTH", null).windows(t("2024-01-01T00:00:00Z"),
        t("2024-06-15T00:00:00Z"), Optional.of(t("2024-04-10T00:00:00Z"))))
        .containsExactly(new Window(t("2024-05-01T00:00:00Z"), t("2024-05-31T00:00:00Z")));
    // a range that ends (rounded down) before it starts has no window
    assertThat(planner("P1M", "P1D", null, "MONTH", null).windows(t("2024-03-05T00:00:00Z"),
        t("2024-03-20T00:00:00Z"), Optional.empty())).isEmpty();
  }

  @Test
  void unknownTargetsAndAWeekWithoutWeekdayAreRefused() {
    assertThatThrownBy(() -> clamping("YEAR", null))
        .hasMessage("clamping.target: invalid clamping target 'YEAR', expected DAY, WEEK, MONTH");
    assertThatThrownBy(() -> clamping("WEEK", "{}"))
        .hasMessage("clamping.target_details: given WEEK clamping, weekday needs to be provided as target_details");
    assertThatThrownBy(() -> clamping("WEEK", "{\"weekday\": \"Tuesday\"}"))
        .hasMessage("clamping.target_details.weekday: unknown weekday 'Tuesday' (expected MONDAY … SUNDAY)");
  }

  @Test
  void strictComparisonSkipsTheWindowStartingAtTheEnd() {
    DatetimeWindows loose = new DatetimeWindows("P1D", "PT1S", null, false, null);
    DatetimeWindows strict = new DatetimeWindows("P1D", "PT1S", null, true, null);
    assertThat(loose.windows(t("2024-01-01T00:00:00Z"), t("2024-01-02T00:00:00Z"), Optional.empty()))
        .containsExactly(new Window(t("2024-01-01T00:00:00Z"), t("2024-01-01T23:59:59Z")),
            new Window(t("2024-01-02T00:00:00Z"), t("2024-01-02T00:00:00Z")));
    assertThat(strict.windows(t("2024-01-01T00:00:00Z"), t("2024-01-02T00:00:00Z"), Optional.empty()))
        .containsExactly(new Window(t("2024-01-01T00:00:00Z"), t("2024-01-01T23:59:59Z")));
    // a cursor at the end: one instant window, or none
    assertThat(loose.windows(t("2024-01-01T00:00:00Z"), t("2024-01-02T00:00:00Z"),
        Optional.of(t("2024-01-02T00:00:00Z"))))
        .containsExactly(new Window(t("2024-01-02T00:00:00Z"), t("2024-01-02T00:00:00Z")));
    assertThat(strict.windows(t("2024-01-01T00:00:00Z"), t("2024-01-02T00:00:00Z"),
        Optional.of(t("2024-01-02T00:00:00Z")))).isEmpty();
    // a start after the end: capped at the end, so also none
    assertThat(new DatetimeWindows(null, null, null, true, null).windows(t("2025-01-01T00:00:00Z"),
        t("2024-01-01T00:00:00Z"), Optional.empty())).isEmpty();
  }

  @Test
  void strictComparesTheWindowStartWithTheRangeEndNotWithTheWindowEnd() {
    // granularity of a day: each window is one day with start == its own end, and those are kept; only the
    // window starting at the range's end goes
    DatetimeWindows strict = new DatetimeWindows("P1D", "P1D", null, true, null);
    assertThat(strict.windows(t("2024-01-01T00:00:00Z"), t("2024-01-03T00:00:00Z"), Optional.empty()))
        .containsExactly(new Window(t("2024-01-01T00:00:00Z"), t("2024-01-01T00:00:00Z")),
            new Window(t("2024-01-02T00:00:00Z"), t("2024-01-02T00:00:00Z")));
    // an end within the last day keeps that day's window (it starts before the end)
    assertThat(strict.windows(t("2024-01-01T00:00:00Z"), t("2024-01-02T06:00:00Z"), Optional.empty()))
        .containsExactly(new Window(t("2024-01-01T00:00:00Z"), t("2024-01-01T00:00:00Z")),
            new Window(t("2024-01-02T00:00:00Z"), t("2024-01-02T00:00:00Z")));
  }

  @Test
  void withClampingStrictChangesNothing() throws Exception {
    DatetimeWindows loose = new DatetimeWindows("P7D", "P1D", null, false,
        clamping("WEEK", "{\"weekday\": \"TUESDAY\"}"));
    DatetimeWindows strict = new DatetimeWindows("P7D", "P1D", null, true,
        clamping("WEEK", "{\"weekday\": \"TUESDAY\"}"));
    OffsetDateTime start = t("2023-12-31T00:00:00Z");
    OffsetDateTime end = t("2024-01-31T00:00:00Z");
    assertThat(strict.windows(start, end, Optional.empty())).isEqualTo(loose.windows(start, end, Optional.empty()))
        .hasSize(4);
  }
}
