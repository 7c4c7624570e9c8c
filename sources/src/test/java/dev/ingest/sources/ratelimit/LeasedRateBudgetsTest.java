package dev.ingest.sources.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.spec.RateLimitSpec;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LeasedRateBudgetsTest {
  private static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void withoutAReachableControlPlaneTheLimiterPacesAtTheFallbackShareNeverTheWholeLimit() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    RateBudgetSettings settings = RateBudgetSettings.of(URI.create("http://127.0.0.1:" + closedPort))
        .withFallbackShare(0.25);
    RateLimiter limiter = LeasedRateBudgets.isolated(settings)
        .limiter("github", "gh-token", new RateLimitSpec(10, 1, true), FIXED);
    // 10/s declared x 0.25 = 2.5/s: one request every 400 ms, the first at once
    assertThat(limiter.reserve()).isEqualTo(Duration.ZERO);
    assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(400));
    assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(800));
    assertThat(limiter.toString()).contains("2.5/s fallback of 10.0/s").doesNotContain("gh-token");
  }

  @Test
  void aConnectorWithoutDeclaredRateKeepsTheInProcessHeaderOnlyBudget() {
    RateBudgets budgets = LeasedRateBudgets.isolated(RateBudgetSettings.of(URI.create("http://127.0.0.1:9")));
    assertThat(budgets.limiter("c", "s", RateLimitSpec.NONE, FIXED)).isInstanceOf(TokenBucketRateLimiter.class);
  }

  @Test
  void theBudgetKeyIsAStableHashThatDoesNotShowTheSecretName() {
    String key = BudgetKey.of("github", "gh-token");
    assertThat(key).matches("[0-9a-f]{32}").isEqualTo(BudgetKey.of("github", "gh-token"))
        .isNotEqualTo(BudgetKey.of("github", "gh-token2")).isNotEqualTo(BudgetKey.of("githu", "bgh-token"))
        .doesNotContain("gh-token");
  }

  @Test
  void settingsRefuseTheWholeLimitAsFallbackAndNameTheField() {
    URI url = URI.create("http://127.0.0.1:9");
    assertThatThrownBy(() -> RateBudgetSettings.of(url).withFallbackShare(1.0))
        .hasMessageContaining("rateBudget.fallbackShare");
    assertThatThrownBy(() -> RateBudgetSettings.of(URI.create("file:///x")))
        .hasMessageContaining("rateBudget.controlUrl");
    assertThatThrownBy(() -> RateBudgetSettings.of(url).inScope("has space"))
        .hasMessageContaining("rateBudget.scope");
  }
}
