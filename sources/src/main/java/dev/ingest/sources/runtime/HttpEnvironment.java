package dev.ingest.sources.runtime;

import dev.ingest.sources.auth.OAuth2Sessions;
import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.ratelimit.RateBudgetSettings;
import dev.ingest.sources.ratelimit.RateBudgets;
import dev.ingest.sources.ratelimit.RateLimiterRegistry;
import dev.ingest.sources.retry.Sleeper;
import java.io.Serializable;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The moving parts a fetcher runs on: the HTTP transport, the sleeper every wait goes through, the clock and the
 * jitter source. Serializable because it travels inside a {@link ConnectorPageFetcherFactory}; the
 * {@link #system()} environment shares one keep-alive HTTP client per JVM. Tests pass their own (fake clock,
 * instant sleeps).
 */
public interface HttpEnvironment extends Serializable {

  /** The transport requests are sent with. */
  HttpTransport transport();

  /** Where the runtime waits (backoff, Retry-After). */
  Sleeper sleeper();

  /** Wall-clock time (HTTP dates, the retry budget). */
  Clock clock();

  /** Uniform values in [0, 1) for backoff jitter. */
  default DoubleSupplier random() {
    return () -> ThreadLocalRandom.current().nextDouble();
  }

  /** Where credentials' rate limiters live: one per credential in the JVM by default. */
  default RateBudgets rateLimiters() {
    return RateLimiterRegistry.jvm();
  }

  /** Where credentials' OAuth sessions live: one per credential in the JVM by default. */
  default OAuth2Sessions oauth2Sessions() {
    return OAuth2Sessions.jvm();
  }

  /** The real environment: a shared {@code ApacheHttpTransport} with default timeouts, real waits, UTC clock. */
  static HttpEnvironment system() {
    return SystemHttpEnvironment.INSTANCE;
  }

  /**
   * {@code base} with its credentials' rate budgets leased from the control plane at {@code budget}'s address
   * instead of kept per JVM.
   */
  static HttpEnvironment withLeasedBudgets(HttpEnvironment base, RateBudgetSettings budget) {
    return new LeasedBudgetEnvironment(base, budget);
  }

  /**
   * The real environment with other timeouts, e.g. a short request timeout so that stalled responses of a fault
   * storm become timeouts within the run. Each copy of it (it travels in job graphs) has its own transport.
   */
  static HttpEnvironment withTimeouts(java.time.Duration connectTimeout, java.time.Duration requestTimeout) {
    return new TimeoutHttpEnvironment(connectTimeout, requestTimeout);
  }
}
