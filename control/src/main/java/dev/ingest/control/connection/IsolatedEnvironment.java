package dev.ingest.control.connection;

import dev.ingest.sources.auth.OAuth2Sessions;
import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.ratelimit.RateBudgets;
import dev.ingest.sources.ratelimit.RateLimiterRegistry;
import dev.ingest.sources.retry.Sleeper;
import dev.ingest.sources.runtime.HttpEnvironment;
import java.time.Clock;
import java.util.function.DoubleSupplier;

/**
 * A run's HTTP environment (transport and its timeouts, sleeper, clock) with rate limiters and OAuth sessions of
 * one connection test's own: a test neither reuses a token a running pipeline obtained (it tests the credential it
 * was given) nor leaves a limiter or session behind in the JVM.
 */
final class IsolatedEnvironment implements HttpEnvironment {
  private static final long serialVersionUID = 1L;

  private final HttpEnvironment run;
  private final transient RateBudgets limiters = RateLimiterRegistry.isolated();
  private final transient OAuth2Sessions sessions = OAuth2Sessions.isolated();

  IsolatedEnvironment(HttpEnvironment run) {
    this.run = run;
  }

  @Override
  public HttpTransport transport() {
    return run.transport();
  }

  @Override
  public Sleeper sleeper() {
    return run.sleeper();
  }

  @Override
  public Clock clock() {
    return run.clock();
  }

  @Override
  public DoubleSupplier random() {
    return run.random();
  }

  @Override
  public RateBudgets rateLimiters() {
    return limiters;
  }

  @Override
  public OAuth2Sessions oauth2Sessions() {
    return sessions;
  }

  @Override
  public String toString() {
    return "IsolatedEnvironment{" + run + "}";
  }
}
