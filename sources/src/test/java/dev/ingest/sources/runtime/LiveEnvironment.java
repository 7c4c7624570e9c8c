package dev.ingest.sources.runtime;

import dev.ingest.sources.auth.OAuth2Sessions;
import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.ratelimit.RateLimiterRegistry;
import dev.ingest.sources.retry.Sleeper;
import java.time.Clock;

/** Real time and a real transport, with rate limiters and OAuth sessions private to the test. Not serialized. */
final class LiveEnvironment implements HttpEnvironment {
  private final transient HttpTransport transport;
  private final transient RateLimiterRegistry rateLimiters = RateLimiterRegistry.isolated();
  private final transient OAuth2Sessions sessions = OAuth2Sessions.isolated();

  LiveEnvironment(HttpTransport transport) {
    this.transport = transport;
  }

  @Override
  public HttpTransport transport() {
    return transport;
  }

  @Override
  public Sleeper sleeper() {
    return Sleeper.system();
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public RateLimiterRegistry rateLimiters() {
    return rateLimiters;
  }

  @Override
  public OAuth2Sessions oauth2Sessions() {
    return sessions;
  }
}
