package dev.ingest.sources.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/** One {@link OAuth2Session} per credential (connector and secret name) inside the JVM. Thread-safe. */
public final class OAuth2Sessions {
  private static final OAuth2Sessions JVM = new OAuth2Sessions();

  private final ConcurrentMap<String, OAuth2Session> sessions = new ConcurrentHashMap<>();

  /** The JVM-wide registry the runtime uses. */
  public static OAuth2Sessions jvm() {
    return JVM;
  }

  /** A private registry (tests). */
  public static OAuth2Sessions isolated() {
    return new OAuth2Sessions();
  }

  OAuth2Session session(String connector, String credential, Supplier<OAuth2Session> create) {
    return sessions.computeIfAbsent(connector + "\u0000" + credential, k -> create.get());
  }

  @Override
  public String toString() {
    return "OAuth2Sessions{" + sessions.size() + "}";
  }
}
