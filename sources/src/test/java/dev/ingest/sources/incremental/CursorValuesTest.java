package dev.ingest.sources.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CursorValuesTest {

  @Test
  void colonLessOffsetsCompareAsInstants() {
    // Jira serves local offsets: 10:00+0200 is 08:00Z, earlier than 09:00Z
    assertThat(CursorValues.max("2024-01-01T10:00:00.000+0200", "2024-01-01T09:00:00.000+0000"))
        .isEqualTo("2024-01-01T09:00:00.000+0000");
    assertThat(CursorValues.compare("2024-01-01T12:00:00.000+0000", "2024-01-01T12:00:00Z")).isZero();
  }

  @Test
  void lookbackRewritesColonLessOffsetsInIsoForm() {
    // Salesforce SOQL accepts 2024-01-01T11:59:59Z but not the +0000 form records carry
    assertThat(CursorValues.minus("2024-01-01T12:00:00.000+0000", Duration.ofSeconds(1)))
        .isEqualTo("2024-01-01T11:59:59Z");
    assertThat(CursorValues.minus("2024-01-01T12:00:00-05:00", Duration.ofMinutes(1)))
        .isEqualTo("2024-01-01T11:59:00-05:00");
  }

  @Test
  void epochValuesAndTextAreUnchangedByTheTimestampParser() {
    assertThat(CursorValues.minus("1704067200", Duration.ofSeconds(1))).isEqualTo("1704067199");
    assertThat(CursorValues.max("9", "10")).isEqualTo("10");
    assertThat(CursorValues.minus("2024-01-01T12:00:00", Duration.ofSeconds(1))).isEqualTo("2024-01-01T12:00:00");
  }
}
