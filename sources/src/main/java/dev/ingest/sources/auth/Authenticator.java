package dev.ingest.sources.auth;

import dev.ingest.sources.http.ApiRequest;
import java.util.Set;

/**
 * Turns a request into an authenticated request. One small implementation per scheme ({@link NoAuth},
 * {@link BearerAuth}, {@link ApiKeyAuth}, {@link BasicAuth}); build them with {@link Authenticators}.
 *
 * <p>Implementations hold rendered secret values: their {@code toString()} redacts, and the values are exposed
 * only through {@link #secretValues()} so the runtime can mask them in messages.
 */
public interface Authenticator {

  /** {@code request} with credentials added; also marks the added header or parameter as sensitive. */
  ApiRequest apply(ApiRequest request);

  /** The secret values this authenticator sends, for masking; never log them. */
  Set<String> secretValues();
}
