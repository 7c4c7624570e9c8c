package dev.ingest.sources.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.retry.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TokenBucketRateLimiterTest {
  private final FakeTime time = new FakeTime();

  @Test
  void queuesReservationsAtTheConfiguredRateWithoutBlocking() {
    RateLimiter limiter = new TokenBucketRateLimiter(2, 1, time);

    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(500));
    assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(1000));
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void savesBurstWhileIdleButNeverMore() {
    RateLimiter limiter = new TokenBucketRateLimiter(1, 3, time);
    limiter.reserve();
    time.advance(Duration.ofSeconds(60));

    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void exhaustedQuotaHoldsEveryRequestUntilTheReset() {
    RateLimiter limiter = new TokenBucketRateLimiter(0, 1, time);
    Instant reset = time.instant().plusSeconds(30);

    limiter.observe(signal(0, 5000, reset));

    assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(30));
    assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void lowRemainingQuotaIsSpreadEvenlyUntilTheReset() {
    RateLimiter limiter = new TokenBucketRateLimiter(0, 1, time);

    limiter.observe(signal(5, 100, time.instant().plusSeconds(10)));

    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(2));
    assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void plentyOfQuotaLeavesTheRateAlone() {
    RateLimiter limiter = new TokenBucketRateLimiter(0, 1, time);

    limiter.observe(signal(4000, 5000, time.instant().plusSeconds(3600)));

    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isZero();
  }

  @Test
  void pauseHoldsTheWholeCredential() {
    RateLimiter limiter = new TokenBucketRateLimiter(10, 10, time);

    limiter.pauseUntil(time.instant().plusSeconds(7));

    assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(7));
    assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(7100));
  }

  @Test
  void nonAdaptiveLimiterIgnoresHeaders() {
    RateLimiter limiter = new TokenBucketRateLimiter(1, 1, false, time);

    limiter.observe(signal(0, 10, time.instant().plusSeconds(60)));

    assertThat(limiter.reserve()).isZero();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new TokenBucketRateLimiter(-1, 1, time)).hasMessageContaining("permitsPerSecond");
    assertThatThrownBy(() -> new TokenBucketRateLimiter(1, 0, time)).hasMessageContaining("burst");
  }

  private static RateSignal signal(long remaining, long limit, Instant reset) {
    return new RateSignal(OptionalLong.of(remaining), OptionalLong.of(limit), Optional.of(reset));
  }
}
