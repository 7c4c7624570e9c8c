package dev.ingest.sources.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sources.http.Headers;
import dev.ingest.sources.retry.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateHeadersTest {
  private final FakeTime time = new FakeTime(Instant.parse("2026-01-15T10:00:00Z"));

  private RateSignal read(Map<String, String> headers) {
    return RateHeaders.read(Headers.ofSingle(headers), time);
  }

  @Test
  void readsGitHubEpochSecondsReset() {
    RateSignal signal = read(Map.of("x-ratelimit-limit", "5000", "x-ratelimit-remaining", "12",
        "x-ratelimit-reset", Long.toString(time.instant().getEpochSecond() + 90)));

    assertThat(signal.remaining()).hasValue(12);
    assertThat(signal.limit()).hasValue(5000);
    assertThat(signal.resetAt()).contains(time.instant().plusSeconds(90));
  }

  @Test
  void readsJiraIsoResetAndZendeskAndIetfNames() {
    assertThat(read(Map.of("X-RateLimit-Remaining", "3", "X-RateLimit-Reset", "2026-01-15T10:05:00Z")).resetAt())
        .contains(Instant.parse("2026-01-15T10:05:00Z"));
    assertThat(read(Map.of("X-Rate-Limit-Remaining", "7", "X-Rate-Limit", "700")).remaining()).hasValue(7);
    assertThat(read(Map.of("RateLimit-Remaining", "4", "RateLimit-Reset", "20")).resetAt())
        .contains(time.instant().plusSeconds(20));
  }

  @Test
  void readsHubSpotIntervalAsRollingWindow() {
    RateSignal signal = read(Map.of("X-HubSpot-RateLimit-Remaining", "9", "X-HubSpot-RateLimit-Max", "100",
        "X-HubSpot-RateLimit-Interval-Milliseconds", "10000"));

    assertThat(signal).isEqualTo(new RateSignal(OptionalLong.of(9), OptionalLong.of(100),
        Optional.of(time.instant().plusSeconds(10)), Optional.of(Duration.ofSeconds(10))));
    assertThat(signal.statedPerSecond()).hasValue(10.0);
  }

  @Test
  void readsTheIetfPolicyWindowAsAStatedRate() {
    RateSignal policy = read(Map.of("RateLimit-Remaining", "50", "RateLimit-Limit", "120",
        "RateLimit-Policy", "120;w=60, 1000;w=3600"));
    assertThat(policy.window()).contains(Duration.ofSeconds(60));
    assertThat(policy.statedPerSecond()).hasValue(2.0);

    RateSignal olderDraft = read(Map.of("RateLimit-Remaining", "5", "RateLimit-Limit", "100, 100;w=20"));
    assertThat(olderDraft.limit()).hasValue(100);
    assertThat(olderDraft.statedPerSecond()).hasValue(5.0);
  }

  @Test
  void aQuotaWithoutItsWindowStatesNoRate() {
    RateSignal github = read(Map.of("x-ratelimit-limit", "5000", "x-ratelimit-remaining", "12",
        "x-ratelimit-reset", Long.toString(time.instant().getEpochSecond() + 90)));
    assertThat(github.window()).isEmpty();
    assertThat(github.statedPerSecond()).isEmpty();
    assertThat(read(Map.of("RateLimit-Remaining", "5", "RateLimit-Limit", "100", "RateLimit-Policy", "100;w=0"))
        .statedPerSecond()).isEmpty();
    assertThat(read(Map.of("RateLimit-Remaining", "5", "RateLimit-Limit", "100", "RateLimit-Policy", "100;w=x"))
        .statedPerSecond()).isEmpty();
  }

  @Test
  void readsShopifyAndSalesforceUsageRatios() {
    assertThat(read(Map.of("X-Shopify-Shop-Api-Call-Limit", "32/40")))
        .isEqualTo(new RateSignal(OptionalLong.of(8), OptionalLong.of(40), Optional.empty()));
    assertThat(read(Map.of("Sforce-Limit-Info", "api-usage=14990/15000")).remaining()).hasValue(10);
  }

  @Test
  void tightestQuotaWinsWhenSeveralFamiliesArePresent() {
    RateSignal signal = read(Map.of("X-RateLimit-Remaining", "400", "X-Shopify-Shop-Api-Call-Limit", "39/40"));

    assertThat(signal.remaining()).hasValue(1);
  }

  @Test
  void ignoresAbsentOrGarbledHeaders() {
    assertThat(read(Map.of()).isEmpty()).isTrue();
    assertThat(read(Map.of("X-RateLimit-Remaining", "lots")).isEmpty()).isTrue();
  }
}
