package dev.ingest.sources.runtime;

import dev.ingest.sources.auth.OAuth2Sessions;
import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.ratelimit.RateBudgets;
import dev.ingest.sources.ratelimit.RateLimiterRegistry;
import dev.ingest.sources.retry.FakeTime;
import dev.ingest.sources.retry.Sleeper;
import java.time.Clock;
import java.util.function.DoubleSupplier;

/**
 * An environment for tests: a given transport, fake time, no jitter, its own rate limiters (or given ones) and OAuth
 * sessions. Not
 * meant to be serialized.
 */
public final class TestEnvironment implements HttpEnvironment {
  private final transient HttpTransport transport;
  private final transient FakeTime time;
  private final transient RateBudgets rateLimiters;
  private final transient OAuth2Sessions sessions = OAuth2Sessions.isolated();

  public TestEnvironment(HttpTransport transport, FakeTime time) {
    this(transport, time, RateLimiterRegistry.isolated());
  }

  /** @param rateLimiters where the credentials' limiters come from (tests that watch the permits taken) */
  public TestEnvironment(HttpTransport transport, FakeTime time, RateBudgets rateLimiters) {
    this.transport = transport;
    this.time = time;
    this.rateLimiters = rateLimiters;
  }

  /** The fake time every wait and clock reading goes through (its sleeps are recorded). */
  public FakeTime time() {
    return time;
  }

  @Override
  public HttpTransport transport() {
    return transport;
  }

  @Override
  public Sleeper sleeper() {
    return time;
  }

  @Override
  public Clock clock() {
    return time;
  }

  @Override
  public RateBudgets rateLimiters() {
    return rateLimiters;
  }

  @Override
  public OAuth2Sessions oauth2Sessions() {
    return sessions;
  }

  @Override
  public DoubleSupplier random() {
    return () -> 0.0;
  }
}
