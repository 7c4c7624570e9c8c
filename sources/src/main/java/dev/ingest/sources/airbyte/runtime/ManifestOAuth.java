package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.auth.Authenticator;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.http.ApiRequest;
import java.util.Set;

/**
 * Airbyte's {@code OAuthAuthenticator} (refresh-token and client-credentials grants, {@code refresh_token_updater}):
 * {@code Authorization: Bearer <access token>}, the token from the credential's shared {@link OAuthTokens}. After a
 * rejection it asks for a fresh token once. Used by one fetcher; the tokens it shares are thread-safe.
 */
final class ManifestOAuth implements Authenticator {
  private final OAuthGrant grant;
  private final OAuthTokens tokens;
  private final AuthSetup setup;
  private String lastSent;

  ManifestOAuth(OAuthGrant grant, AuthSetup setup) {
    this.grant = grant;
    this.setup = setup;
    this.tokens = OAuthTokens.shared(setup, grant);
  }

  @Override
  public ApiRequest apply(ApiRequest request) throws EndpointException, InterruptedException {
    lastSent = tokens.token(grant, setup);
    return request.withHeader("Authorization", "Bearer " + lastSent).withSensitiveHeader("Authorization");
  }

  @Override
  public boolean refreshAfterRejection() throws EndpointException, InterruptedException {
    return tokens.refreshAfterRejection(lastSent, grant, setup);
  }

  @Override
  public Set<String> secretValues() {
    return tokens.secretValues(grant);
  }

  /** Token requests made for this credential in this JVM. */
  int refreshes() {
    return tokens.refreshes();
  }

  @Override
  public String toString() {
    return "ManifestOAuth{" + grant + ", " + tokens + "}";
  }
}
