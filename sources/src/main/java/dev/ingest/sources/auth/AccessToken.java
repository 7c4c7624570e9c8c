package dev.ingest.sources.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An OAuth 2.0 access token and when it expires (empty: the server did not say). Never printed.
 *
 * @param value the token
 * @param expiresAt when it stops working, if known
 */
record AccessToken(String value, Optional<Instant> expiresAt) {
  AccessToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** True when the token expires before {@code now + margin}. */
  boolean expiresBefore(Instant deadline) {
    return expiresAt.map(at -> !at.isAfter(deadline)).orElse(false);
  }

  @Override
  public String toString() {
    return "AccessToken{***, expiresAt=" + expiresAt.map(Instant::toString).orElse("unknown") + "}";
  }
}
