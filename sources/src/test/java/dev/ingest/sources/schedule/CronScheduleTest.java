package dev.ingest.sources.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T17:29:59.500Z"), ZoneOffset.UTC);

  @Test
  void fiveFieldUnixCronFiresOnMinutes() {
    CronSchedule every15 = CronSchedule.parse("*/15 * * * *");

    assertThat(every15.nextAfter(CLOCK.instant())).contains(Instant.parse("2026-11-24T17:30:00Z"));
    assertThat(every15.nextAfter(Instant.parse("2026-11-24T17:30:00Z")))
        .as("strictly after").contains(Instant.parse("2026-11-24T17:45:00Z"));
    assertThat(every15.describe()).isEqualTo("every 15 minutes (UTC)");
  }

  @Test
  void fiveFieldDayOfWeekFollowsUnixNumbering() {
    CronSchedule weekdays = CronSchedule.parse("30 17 * * 1-5");

    // 2026-11-24 is a Tuesday; the next weekday 17:30 after 17:30:00 is Wednesday
    assertThat(weekdays.nextAfter(Instant.parse("2026-11-24T17:30:00Z")))
        .contains(Instant.parse("2026-11-25T17:30:00Z"));
    assertThat(weekdays.nextAfter(Instant.parse("2026-11-27T18:00:00Z")))
        .as("Friday evening → Monday").contains(Instant.parse("2026-11-30T17:30:00Z"));
    assertThat(weekdays.describe()).contains("17:30").contains("Monday").contains("Friday");
  }

  @Test
  void sixFieldCronHasLeadingSeconds() {
    CronSchedule every3s = CronSchedule.parse("*/3 * * * * *");

    assertThat(every3s.nextAfter(CLOCK.instant())).contains(Instant.parse("2026-11-24T17:30:00Z"));
    assertThat(every3s.nextAfter(Instant.parse("2026-11-24T17:30:00Z")))
        .contains(Instant.parse("2026-11-24T17:30:03Z"));
    assertThat(every3s.describe()).isEqualTo("every 3 seconds (UTC)");
    assertThat(CronSchedule.parse("0 */2 * * * ?").nextAfter(CLOCK.instant()))
        .as("? accepted in the day-of-week field").contains(Instant.parse("2026-11-24T17:30:00Z"));
  }

  @Test
  void latestAtOrBeforeIncludesAnExactFireTime() {
    CronSchedule every15 = CronSchedule.parse("*/15 * * * *");

    assertThat(every15.latestAtOrBefore(Instant.parse("2026-11-24T17:30:00Z")))
        .contains(Instant.parse("2026-11-24T17:30:00Z"));
    assertThat(every15.latestAtOrBefore(Instant.parse("2026-11-24T17:44:59.999Z")))
        .contains(Instant.parse("2026-11-24T17:30:00Z"));
    assertThat(CronSchedule.parse("*/3 * * * * *").latestAtOrBefore(Instant.parse("2026-11-24T17:30:04.900Z")))
        .contains(Instant.parse("2026-11-24T17:30:03Z"));
  }

  @Test
  void evaluatesInTheGivenZone() {
    CronSchedule nineInBerlin = CronSchedule.parse("0 9 * * *", ZoneId.of("Europe/Berlin"));

    assertThat(nineInBerlin.nextAfter(CLOCK.instant())).contains(Instant.parse("2026-11-25T08:00:00Z"));
    assertThat(nineInBerlin.describe()).endsWith("(Europe/Berlin)");
  }

  @Test
  void normalisesWhitespace() {
    assertThat(CronSchedule.parse("  */5   * * * * ").expression()).isEqualTo("*/5 * * * *");
    assertThat(CronSchedule.parse("*/5 * * * *")).isEqualTo(CronSchedule.parse(" */5 * * * *"));
  }

  @Test
  void rejectsAWrongNumberOfFieldsNamingBothDialects() {
    assertThatThrownBy(() -> CronSchedule.parse("* * *"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid cron expression '* * *': it has 3 field(s); expected 5 (minute hour day-of-month "
            + "month day-of-week) or 6 (second first)");
  }

  @Test
  void rejectsOutOfRangeValuesQuotingTheExpression() {
    assertThatThrownBy(() -> CronSchedule.parse("61 * * * *"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid cron expression '61 * * * *': ")
        .hasMessageContaining("61");
    assertThatThrownBy(() -> CronSchedule.parse("* * * * * * * *"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("it has 8 field(s)");
  }

  @Test
  void rejectsBlankAndNull() {
    assertThatThrownBy(() -> CronSchedule.parse("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cron expression is empty");
    assertThatThrownBy(() -> CronSchedule.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cron expression is empty");
  }
}
