package dev.ingest.sources.airbyte.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.airbyte.interpolation.DatetimeFormats;
import dev.ingest.sources.airbyte.runtime.DatetimeWindows.Window;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Window boundaries, lookback and MinMaxDatetime clamping, with values worked out from Airbyte's cursor. */
class DatetimeWindowsTest {

  private static OffsetDateTime t(String iso) {
    return OffsetDateTime.parse(iso);
  }

  @Test
  void stepAndGranularityCutInclusiveWindowsAndTheLastEndsAtTheEnd() {
    // mailgun's events: step PT1H, cursor_granularity PT0.001S
    List<Window> windows = new DatetimeWindows("PT1H", "PT0.001S", null)
        .windows(t("2024-01-01T00:00:00Z"), t("2024-01-01T02:30:00Z"), Optional.empty());
    assertThat(windows).containsExactly(
        new Window(t("2024-01-01T00:00:00Z"), t("2024-01-01T00:59:59.999Z")),
        new Window(t("2024-01-01T01:00:00Z"), t("2024-01-01T01:59:59.999Z")),
        new Window(t("2024-01-01T02:00:00Z"), t("2024-01-01T02:30:00Z")));
  }

  @Test
  void aRangeOfExactlyOneStepEndsWithAOneInstantWindowAsAirbyteDoes() {
    // start <= end is non-strict: the end instant itself opens a last window
    List<Window> windows = new DatetimeWindows("P1D", "PT1S", null)
        .windows(t("2024-01-01T00:00:00Z"), t("2024-01-02T00:00:00Z"), Optional.empty());
    assertThat(windows).containsExactly(
        new Window(t("2024-01-01T00:00:00Z"), t("2024-01-01T23:59:59Z")),
        new Window(t("2024-01-02T00:00:00Z"), t("2024-01-02T00:00:00Z")));
  }

  @Test
  void calendarStepsMoveByMonths() {
    List<Window> windows = new DatetimeWindows("P1M", "P1D", null)
        .windows(t("2024-01-31T00:00:00Z"), t("2024-03-15T00:00:00Z"), Optional.empty());
    assertThat(windows).containsExactly(
        new Window(t("2024-01-31T00:00:00Z"), t("2024-02-28T00:00:00Z")),
        new Window(t("2024-02-29T00:00:00Z"), t("2024-03-15T00:00:00Z")));
  }

  @Test
  void withoutAStepThereIsOneWindow() {
    assertThat(new DatetimeWindows(null, null, null)
        .windows(t("2021-01-01T00:00:00Z"), t("2024-05-06T07:08:09Z"), Optional.empty()))
        .containsExactly(new Window(t("2021-01-01T00:00:00Z"), t("2024-05-06T07:08:09Z")));
  }

  @Test
  void aCheckpointedCursorResumesThereMinusTheLookback() {
    DatetimeWindows windows = new DatetimeWindows("PT1H", "PT1S", "PT30M");
    assertThat(windows.windows(t("2024-01-01T00:00:00Z"), t("2024-01-01T03:00:00Z"),
        Optional.of(t("2024-01-01T02:10:00Z")))).containsExactly(
        new Window(t("2024-01-01T01:40:00Z"), t("2024-01-01T02:39:59Z")),
        new Window(t("2024-01-01T02:40:00Z"), t("2024-01-01T03:00:00Z")));
    // a lookback reaching before start_datetime stops at start_datetime
    assertThat(windows.earliest(t("2024-01-01T00:00:00Z"), t("2024-01-01T03:00:00Z"),
        Optional.of(t("2024-01-01T00:10:00Z")))).isEqualTo(t("2024-01-01T00:00:00Z"));
    // a start after the end is capped at the end: one instant window
    assertThat(new DatetimeWindows(null, null, null).windows(t("2025-01-01T00:00:00Z"),
        t("2024-01-01T00:00:00Z"), Optional.empty()))
        .containsExactly(new Window(t("2024-01-01T00:00:00Z"), t("2024-01-01T00:00:00Z")));
  }

  @Test
  void aCursorAtTheEndLeavesOnlyTheEndInstant() {
    assertThat(new DatetimeWindows("PT1H", "PT1S", null).windows(t("2024-01-01T00:00:00Z"),
        t("2024-01-01T03:00:00Z"), Optional.of(t("2024-01-01T03:00:00Z"))))
        .containsExactly(new Window(t("2024-01-01T03:00:00Z"), t("2024-01-01T03:00:00Z")));
  }

  @Test
  void badDurationsAndAMissingGranularityAreRefusedNamingTheField() {
    assertThatThrownBy(() -> new DatetimeWindows("PT1H", null, null))
        .hasMessageContaining("step and cursor_granularity must be set together");
    assertThatThrownBy(() -> new DatetimeWindows("one hour", "PT1S", null))
        .hasMessageContaining("DatetimeBasedCursor.step 'one hour'");
    assertThatThrownBy(() -> new DatetimeWindows("PT0S", "PT1S", null))
        .hasMessageContaining("DatetimeBasedCursor.step 'PT0S': must be a positive duration");
    assertThatThrownBy(() -> new DatetimeWindows(null, null, "P1X"))
        .hasMessageContaining("DatetimeBasedCursor.lookback_window 'P1X'");
  }

  @Test
  void tooManyWindowsAreRefusedRatherThanLooping() {
    assertThatThrownBy(() -> new DatetimeWindows("PT1S", "PT0.001S", null)
        .windows(t("2024-01-01T00:00:00Z"), t("2024-02-01T00:00:00Z"), Optional.empty()))
        .hasMessageContaining("more than 100000 windows");
  }

  @Test
  void minMaxDatetimeParsesWithItsFormatAndClamps() {
    // calendly: datetime "2021-01-01" with datetime_format %Y-%m-%d
    assertThat(MinMaxDatetime.resolve("start_datetime", "2021-01-01", "%Y-%m-%d", null, null))
        .isEqualTo(t("2021-01-01T00:00:00Z"));
    assertThat(MinMaxDatetime.resolve("start_datetime", "2020-06-01", "%Y-%m-%d", "2021-01-01", "2022-01-01"))
        .isEqualTo(t("2021-01-01T00:00:00Z"));
    assertThat(MinMaxDatetime.resolve("end_datetime", "2023-06-01", "%Y-%m-%d", "2021-01-01", "2022-01-01"))
        .isEqualTo(t("2022-01-01T00:00:00Z"));
    assertThat(MinMaxDatetime.resolve("end_datetime", "2021-07-01", "%Y-%m-%d", "", ""))
        .isEqualTo(t("2021-07-01T00:00:00Z"));
    // the default format is %Y-%m-%dT%H:%M:%S.%f%z
    assertThat(MinMaxDatetime.resolve("start_datetime", "2021-01-01T10:20:30.000123+0200", "", null, null))
        .isEqualTo(t("2021-01-01T10:20:30.000123+02:00"));
    assertThatThrownBy(() -> MinMaxDatetime.resolve("streams[0].incremental_sync.start_datetime", "2021-01-01",
        "%Y-%m-%dT%H:%M:%SZ", null, null))
        .hasMessageStartingWith("streams[0].incremental_sync.start_datetime.datetime: ");
  }

  @Test
  void cursorFormatsRoundTripTheWindowBoundaries() {
    OffsetDateTime at = t("2024-01-01T01:00:00.123Z");
    String[][] cases = {
        {"%s", "1704070800"},
        {"%ms", "1704070800123"},
        {"%Y-%m-%dT%H:%M:%S.%fZ", "2024-01-01T01:00:00.123000Z"},
        {"%Y-%m-%dT%H:%M:%S.%f%z", "2024-01-01T01:00:00.123000+0000"},
        {"%a, %d %b %Y %H:%M:%S %z", "Mon, 01 Jan 2024 01:00:00 +0000"},
    };
    for (String[] c : cases) {
      assertThat(DatetimeFormats.format(at, c[0])).as(c[0]).isEqualTo(c[1]);
      OffsetDateTime back = DatetimeFormats.parse(c[1], c[0]);
      assertThat(DatetimeFormats.format(back, c[0])).as(c[0] + " round trip").isEqualTo(c[1]);
    }
    assertThat(DatetimeFormats.parse("1704070800", "%s")).isEqualTo(t("2024-01-01T01:00:00Z"));
  }
}
