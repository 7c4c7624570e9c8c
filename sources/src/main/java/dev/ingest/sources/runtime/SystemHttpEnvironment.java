package dev.ingest.sources.runtime;

import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.sources.retry.Sleeper;
import java.time.Clock;

/** {@link HttpEnvironment#system()}: one lazily created JDK HTTP client per JVM (thread-safe, pooled). */
final class SystemHttpEnvironment implements HttpEnvironment {
  private static final long serialVersionUID = 1L;
  static final SystemHttpEnvironment INSTANCE = new SystemHttpEnvironment();

  private SystemHttpEnvironment() {}

  @Override
  public HttpTransport transport() {
    return Shared.TRANSPORT;
  }

  @Override
  public Sleeper sleeper() {
    return Sleeper.system();
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "HttpEnvironment.system()";
  }

  private static final class Shared {
    static final HttpTransport TRANSPORT = ApacheHttpTransport.withDefaults();
  }
}
