package dev.ingest.sources.auth;

import java.time.Clock;
import java.util.Objects;

/**
 * What an OAuth 2.0 authenticator needs besides its spec: the credential's identity (for the shared session),
 * how to reach the token endpoint, where rotated refresh tokens go, the clock and the session registry.
 *
 * @param connector the connector name
 * @param credential the secret name (a reference)
 */
public record OAuth2Context(String connector, String credential, TokenEndpoint endpoint, SecretWriter writer,
    Clock clock, OAuth2Sessions sessions) {
  public OAuth2Context {
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(writer, "writer");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sessions, "sessions");
  }
}
