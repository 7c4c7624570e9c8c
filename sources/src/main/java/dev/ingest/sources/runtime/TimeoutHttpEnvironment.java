package dev.ingest.sources.runtime;

import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.sources.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link HttpEnvironment#withTimeouts}: the system environment (real waits, UTC clock, JVM-wide rate limiters and
 * OAuth sessions) with its own connect and request timeouts. It travels in the job graph; each deserialized copy
 * creates its own keep-alive transport on first use.
 */
final class TimeoutHttpEnvironment implements HttpEnvironment {
  private static final long serialVersionUID = 1L;

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private transient HttpTransport transport;

  TimeoutHttpEnvironment(Duration connectTimeout, Duration requestTimeout) {
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  @Override
  public synchronized HttpTransport transport() {
    if (transport == null) {
      transport = new ApacheHttpTransport(connectTimeout, requestTimeout);
    }
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
  public String toString() {
    return "HttpEnvironment.withTimeouts(connect=" + connectTimeout + ", request=" + requestTimeout + ")";
  }
}
