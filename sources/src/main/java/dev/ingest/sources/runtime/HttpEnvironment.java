package dev.ingest.sources.runtime;

import dev.ingest.sources.http.HttpTransport;
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

  /** The real environment: a shared {@code JdkHttpTransport} with default timeouts, real waits, UTC clock. */
  static HttpEnvironment system() {
    return SystemHttpEnvironment.INSTANCE;
  }
}
