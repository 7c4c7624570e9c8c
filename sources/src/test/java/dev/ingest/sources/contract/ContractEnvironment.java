package dev.ingest.sources.contract;

import dev.ingest.sources.auth.OAuth2Sessions;
import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.ratelimit.RateLimiterRegistry;
import dev.ingest.sources.retry.FakeTime;
import dev.ingest.sources.retry.Sleeper;
import java.time.Clock;
import java.util.function.DoubleSupplier;

/**
 * A real transport to a provider fake, with fake time starting now (so reset headers in epoch seconds make sense): the connectors' rate limits and Retry-After waits are
 * honoured (and recorded in {@link #time()}) without slowing the suite. Rate limiters and OAuth sessions are
 * private to the test. Not meant to be serialized.
 */
final class ContractEnvironment implements dev.ingest.sources.runtime.HttpEnvironment {
  private final transient HttpTransport transport;
  private final transient FakeTime time = new FakeTime(java.time.Instant.now());
  private final transient RateLimiterRegistry rateLimiters = RateLimiterRegistry.isolated();
  private final transient OAuth2Sessions sessions = OAuth2Sessions.isolated();

  ContractEnvironment(HttpTransport transport) {
    this.transport = transport;
  }

  FakeTime time() {
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
  public RateLimiterRegistry rateLimiters() {
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
