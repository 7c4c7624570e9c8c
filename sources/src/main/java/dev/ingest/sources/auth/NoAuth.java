package dev.ingest.sources.auth;

import dev.ingest.sources.http.ApiRequest;
import java.util.Set;

/** Sends requests as they are. */
public final class NoAuth implements Authenticator {
  /** The one instance. */
  public static final NoAuth INSTANCE = new NoAuth();

  private NoAuth() {}

  @Override
  public ApiRequest apply(ApiRequest request) {
    return request;
  }

  @Override
  public Set<String> secretValues() {
    return Set.of();
  }

  @Override
  public String toString() {
    return "NoAuth";
  }
}
