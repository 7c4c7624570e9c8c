package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.auth.NoAuth;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The access token of one OAuth credential, shared by every fetcher of the credential in the JVM (a substream opens
 * one fetcher per parent record: they share one token, so a token is fetched once, not once per partition).
 * Thread-safe: refreshes happen under the lock.
 *
 * <ul>
 *   <li>a token is fetched on first use and again once expired; a configured access token (or, with
 *       {@code refresh_token_updater}, the one stored in the config) is used until its expiry;
 *   <li>after a 401/403 the runtime asks once for a fresh token ({@link #refreshAfterRejection});
 *   <li>with {@code refresh_token_updater}, the answer's rotated refresh token, the access token and its expiry are
 *       written to the secret store <em>before</em> the access token is used: if the write fails the request fails
 *       (the values stay pending in memory and the next request writes them first), so a restart never finds a
 *       revoked refresh token in the store.
 * </ul>
 */
final class OAuthTokens {
  private static final ConcurrentMap<String, OAuthTokens> SHARED = new ConcurrentHashMap<>();

  private final String name;
  private final Set<String> known = new HashSet<>();
  private String refreshToken;
  private String accessToken;
  private Optional<Instant> expiresAt = Optional.empty();
  private Map<String, String> unsaved;
  private String pendingAccess;
  private Optional<Instant> pendingExpiry = Optional.empty();
  private int refreshes;

  private OAuthTokens(String name) {
    this.name = name;
  }

  /** The shared tokens of a credential, adopting the stored values when they are new to this JVM. */
  static OAuthTokens shared(AuthSetup setup, OAuthGrant grant) {
    OAuthTokens tokens = SHARED.computeIfAbsent(setup.key("oauth", grant.tokenUrl, grant.clientId),
        k -> new OAuthTokens(setup.connector() + " secret '" + setup.credential() + "'"));
    tokens.adopt(grant);
    return tokens;
  }

  private synchronized void adopt(OAuthGrant grant) {
    if (!grant.initialRefreshToken.isEmpty() && known.add(grant.initialRefreshToken)) {
      refreshToken = grant.initialRefreshToken; // first use, or the user replaced the credential
      accessToken = null;
      expiresAt = Optional.empty();
    }
    if (accessToken == null && !grant.initialAccessToken.isEmpty() && known.add(grant.initialAccessToken)) {
      Optional<Instant> expiry = grant.storedExpiry(grant.initialExpiry);
      if (expiry.isPresent()) { // Airbyte uses a configured access token only with its expiry date
        accessToken = grant.initialAccessToken;
        expiresAt = expiry;
      }
    }
  }

  /** A valid access token: fetched first when missing or expired. */
  synchronized String token(OAuthGrant grant, AuthSetup setup) throws EndpointException, InterruptedException {
    if (unsaved != null) {
      persist(setup);
    }
    Instant now = setup.clock().instant();
    if (accessToken == null || expiresAt.map(now::isAfter).orElse(false)) {
      refresh(grant, setup);
    }
    return accessToken;
  }

  /** After the API rejected {@code rejected}: true when another token is now available. */
  synchronized boolean refreshAfterRejection(String rejected, OAuthGrant grant, AuthSetup setup)
      throws EndpointException, InterruptedException {
    if (accessToken != null && !accessToken.equals(rejected)) {
      return true;
    }
    refresh(grant, setup);
    return !accessToken.equals(rejected);
  }

  /** Token requests made so far (tests). */
  synchronized int refreshes() {
    return refreshes;
  }

  synchronized Set<String> secretValues(OAuthGrant grant) {
    Set<String> values = new HashSet<>(known);
    if (!grant.clientSecret.isEmpty()) {
      values.add(grant.clientSecret);
    }
    if (accessToken != null) {
      values.add(accessToken);
    }
    if (unsaved != null) {
      values.addAll(unsaved.values());
    }
    return Set.copyOf(values);
  }

  private void refresh(OAuthGrant grant, AuthSetup setup) throws EndpointException, InterruptedException {
    refreshes++;
    JsonNode answer;
    try {
      answer = setup.executor().execute(grant.request(refreshToken), NoAuth.INSTANCE).body();
    } catch (EndpointException e) {
      ErrorClass errorClass = switch (e.errorClass()) {
        case NETWORK, SERVER_ERROR, RATE_LIMITED, ADDRESS_REFUSED -> e.errorClass();
        default -> ErrorClass.AUTH_FAILED;
      };
      throw new EndpointException(errorClass, e.httpStatus(), "OAuth token request for " + name + " failed: "
          + e.getMessage(), null, e.stats());
    }
    String token = grant.accessToken(answer);
    if (token.isEmpty()) {
      throw new EndpointException(ErrorClass.AUTH_FAILED, "OAuth token response for " + name + " has no access "
          + "token");
    }
    Optional<Instant> expiry;
    try {
      expiry = grant.expiry(answer, setup.clock().instant());
    } catch (RuntimeException e) {
      throw new EndpointException(ErrorClass.AUTH_FAILED, "OAuth token response for " + name + ": "
          + e.getMessage());
    }
    known.add(token);
    String rotated = grant.rotatedRefreshToken(answer);
    if (grant.updater.isPresent()) {
      OAuthGrant.Updater updater = grant.updater.get();
      Map<String, String> fields = new LinkedHashMap<>();
      if (!rotated.isEmpty()) {
        fields.put(String.join(".", updater.refreshTokenPath()), rotated);
        known.add(rotated);
        refreshToken = rotated; // the old one may be revoked now: never send it again
      }
      fields.put(String.join(".", updater.accessTokenPath()), token);
      expiry.ifPresent(at -> fields.put(String.join(".", updater.expiryPath()), at.toString()));
      unsaved = fields;
      pendingAccess = token;
      pendingExpiry = expiry;
      accessToken = null;
      persist(setup);
      return;
    }
    accessToken = token;
    expiresAt = expiry;
  }

  /** Writes the pending values to the secret store; on failure they stay pending and the request fails. */
  private void persist(AuthSetup setup) throws EndpointException {
    try {
      setup.writeBack().write(unsaved);
    } catch (IOException | RuntimeException e) {
      throw new EndpointException(ErrorClass.AUTH_FAILED, "OAuth tokens of " + name + " were rotated but could "
          + "not be written to the secret store (" + e.getClass().getSimpleName() + "); the new token is not used "
          + "until they are");
    }
    unsaved = null;
    accessToken = pendingAccess;
    expiresAt = pendingExpiry;
    pendingAccess = null;
  }

  @Override
  public String toString() {
    return "OAuthTokens{" + name + ", refreshes=" + refreshes + "}";
  }
}
