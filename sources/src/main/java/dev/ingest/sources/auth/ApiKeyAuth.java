package dev.ingest.sources.auth;

import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.spec.AuthSpec.ApiKeyIn;
import java.util.Objects;
import java.util.Set;

/** Sends an API key in a header ({@code X-Api-Key: <key>}) or a query parameter ({@code ?api_token=<key>}). */
public final class ApiKeyAuth implements Authenticator {
  private final ApiKeyIn in;
  private final String name;
  private final String key;

  public ApiKeyAuth(ApiKeyIn in, String name, String key) {
    this.in = Objects.requireNonNull(in, "in");
    this.name = Objects.requireNonNull(name, "name");
    this.key = Objects.requireNonNull(key, "key");
  }

  @Override
  public ApiRequest apply(ApiRequest request) {
    return in == ApiKeyIn.HEADER
        ? request.withHeader(name, key).withSensitiveHeader(name)
        : request.withParam(name, key).withSensitiveParam(name);
  }

  @Override
  public Set<String> secretValues() {
    return Set.of(key);
  }

  @Override
  public String toString() {
    return "ApiKeyAuth{" + in.yamlName() + " " + name + "=***}";
  }
}
