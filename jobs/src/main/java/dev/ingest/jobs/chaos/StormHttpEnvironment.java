package dev.ingest.jobs.chaos;

import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.http.JdkHttpTransport;
import dev.ingest.sources.retry.Sleeper;
import dev.ingest.sources.runtime.HttpEnvironment;
import java.time.Clock;
import java.time.Duration;

/**
 * The system HTTP environment with a short request timeout, so a fault storm's stalled responses become timeouts
 * within the run instead of after the production minute. The environment travels in the job graph; each
 * deserialized copy creates its own keep-alive transport on first use.
 */
final class StormHttpEnvironment implements HttpEnvironment {
  private static final long serialVersionUID = 1L;

  private final Duration requestTimeout;
  private transient HttpTransport transport;

  StormHttpEnvironment(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  @Override
  public synchronized HttpTransport transport() {
    if (transport == null) {
      transport = new JdkHttpTransport(JdkHttpTransport.DEFAULT_CONNECT_TIMEOUT, requestTimeout);
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
    return "StormHttpEnvironment{requestTimeout=" + requestTimeout + "}";
  }
}
