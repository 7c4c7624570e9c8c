package dev.ingest.sources.auth;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.http.ApiRequest;
import java.util.Objects;
import java.util.Set;

/**
 * Sends the access token in a header, by default {@code Authorization: Bearer <access token>} (Shopify:
 * {@code X-Shopify-Access-Token: <access token>}), with tokens from a shared {@link OAuth2Session}
 * (refresh-token or client-credentials grant). After a rejection it asks the session for a fresh token once.
 * Used by one fetcher (not thread-safe); the session it shares is.
 */
public final class OAuth2Auth implements Authenticator {
  private final OAuth2Session session;
  private final String header;
  private final String prefix;
  private volatile String lastSent;

  OAuth2Auth(OAuth2Session session, String header, String prefix) {
    this.session = Objects.requireNonNull(session, "session");
    this.header = Objects.requireNonNull(header, "header");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  @Override
  public ApiRequest apply(ApiRequest request) throws EndpointException, InterruptedException {
    lastSent = session.token().value();
    return request.withHeader(header, prefix + lastSent).withSensitiveHeader(header);
  }

  @Override
  public boolean refreshAfterRejection() throws EndpointException, InterruptedException {
    return session.refreshAfterRejection(lastSent);
  }

  @Override
  public Set<String> secretValues() {
    return session.secretValues();
  }

  @Override
  public String toString() {
    return "OAuth2Auth{header=" + header + ", " + session + "}";
  }
}
