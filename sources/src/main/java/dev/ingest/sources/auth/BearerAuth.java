package dev.ingest.sources.auth;

import dev.ingest.sources.http.ApiRequest;
import java.util.Objects;
import java.util.Set;

/** Sends {@code Authorization: Bearer <token>}. */
public final class BearerAuth implements Authenticator {
  private final String token;

  public BearerAuth(String token) {
    this.token = Objects.requireNonNull(token, "token");
  }

  @Override
  public ApiRequest apply(ApiRequest request) {
    return request.withHeader("Authorization", "Bearer " + token);
  }

  @Override
  public Set<String> secretValues() {
    return Set.of(token);
  }

  @Override
  public String toString() {
    return "BearerAuth{token=***}";
  }
}
