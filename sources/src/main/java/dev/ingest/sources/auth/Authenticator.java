package dev.ingest.sources.auth;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.http.ApiRequest;
import java.util.Set;

/**
 * Turns a request into an authenticated request. One small implementation per scheme ({@link NoAuth},
 * {@link BearerAuth}, {@link ApiKeyAuth}, {@link BasicAuth}, {@link OAuth2Auth}); build them with
 * {@link Authenticators}.
 *
 * <p>Implementations hold rendered secret values: their {@code toString()} redacts, and the values are exposed
 * only through {@link #secretValues()} so the runtime can mask them in messages.
 */
public interface Authenticator {

  /**
   * {@code request} with credentials added; also marks the added header or parameter as sensitive.
   *
   * @throws EndpointException when no credential can be obtained (an OAuth token request failed)
   * @throws InterruptedException when interrupted while obtaining one
   */
  ApiRequest apply(ApiRequest request) throws EndpointException, InterruptedException;

  /** The secret values this authenticator sends, for masking; never log them. */
  Set<String> secretValues();

  /**
   * Called when the API rejected the credential {@link #apply} sent (401/403). Returns true when a fresh
   * credential was obtained and the request is worth sending once more; the runtime calls this at most once per
   * request, so a bad credential fails fast instead of looping. Static credentials return false.
   */
  default boolean refreshAfterRejection() throws EndpointException, InterruptedException {
    return false;
  }
}
