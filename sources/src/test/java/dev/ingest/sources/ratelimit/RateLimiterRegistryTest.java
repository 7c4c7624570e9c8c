package dev.ingest.sources.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sources.retry.FakeTime;
import dev.ingest.sources.spec.RateLimitSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterRegistryTest {
  private final FakeTime time = new FakeTime();

  @Test
  void endpointsOfOneCredentialShareOneBudget() {
    RateLimiterRegistry registry = RateLimiterRegistry.isolated();
    RateLimitSpec spec = new RateLimitSpec(1, 1, true);

    RateLimiter tickets = registry.limiter("zendesk", "acme-prod", spec, time);
    RateLimiter users = registry.limiter("zendesk", "acme-prod", spec, time);
    RateLimiter other = registry.limiter("zendesk", "globex-prod", spec, time);

    assertThat(tickets).isSameAs(users);
    assertThat(tickets.reserve()).isZero();
    assertThat(users.reserve()).isEqualTo(Duration.ofSeconds(1));
    assertThat(other.reserve()).isZero();
    assertThat(registry.size()).isEqualTo(2);
  }

  @Test
  void withoutConfiguredRateOrAdaptationOnlyServerPausesWait() {
    RateLimiter limiter = RateLimiterRegistry.isolated()
        .limiter("c", "s", new RateLimitSpec(0, 1, false), time);

    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isZero();
    limiter.pauseUntil(time.instant().plusSeconds(2));
    assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(2));
  }
}
