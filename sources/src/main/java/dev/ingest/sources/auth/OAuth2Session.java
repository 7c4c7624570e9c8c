package dev.ingest.sources.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.spec.OAuth2Spec;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access token of one OAuth 2.0 credential, shared by every fetcher that uses the credential inside the JVM
 * (see {@link OAuth2Sessions}). Thread-safe; refreshes happen under the session's lock, so concurrent readers
 * wait for one refresh instead of racing (a rotating refresh token used twice would revoke the credential).
 *
 * <ul>
 *   <li>a token is fetched on first use and again {@code refresh_before_seconds} before it expires;
 *   <li>after a 401/403, {@link #refreshAfterRejection} refreshes once, unless another fetcher already replaced
 *       the rejected token;
 *   <li>a rotated refresh token (a token response carrying a new {@code refresh_token}) replaces the old one in
 *       memory and is written back through the {@link SecretWriter}, so the next job start uses it.
 * </ul>
 */
public final class OAuth2Session {
  private static final Logger LOG = LoggerFactory.getLogger(OAuth2Session.class);

  private final String name;
  private final TokenRequest request;
  private final String refreshTokenField;
  private final Duration refreshBefore;
  private final Clock clock;
  private final Set<String> knownRefreshTokens = new HashSet<>();
  private String refreshToken;
  private AccessToken current;
  private TokenEndpoint endpoint;
  private SecretWriter writer;

  /**
   * @param name what to call the credential in messages (connector and secret name, never a value)
   * @param refreshToken the refresh token read from the secret store (refresh-token grant), else null
   * @param refreshTokenField the credential field the refresh token is written back to, or null to keep none
   */
  OAuth2Session(String name, TokenRequest request, String refreshToken, String refreshTokenField,
      Duration refreshBefore, Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.request = Objects.requireNonNull(request, "request");
    this.refreshToken = refreshToken;
    this.refreshTokenField = refreshTokenField;
    this.refreshBefore = Objects.requireNonNull(refreshBefore, "refreshBefore");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (refreshToken != null) {
      knownRefreshTokens.add(refreshToken);
    }
  }

  /**
   * Attaches the caller's token endpoint and secret writer, and adopts {@code storedRefreshToken} when it is one
   * this session never saw (the user replaced the credential): then the next request fetches a new token.
   */
  synchronized void attach(TokenEndpoint endpoint, SecretWriter writer, String storedRefreshToken) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.writer = Objects.requireNonNull(writer, "writer");
    if (storedRefreshToken != null && knownRefreshTokens.add(storedRefreshToken)) {
      refreshToken = storedRefreshToken;
      current = null;
    }
  }

  /** A valid access token, fetched or refreshed first when missing or about to expire. */
  synchronized AccessToken token() throws EndpointException, InterruptedException {
    if (current == null || current.expiresBefore(clock.instant().plus(refreshBefore))) {
      refresh();
    }
    return current;
  }

  /**
   * Called after the API rejected {@code rejected}; true when a different token is now available.
   */
  synchronized boolean refreshAfterRejection(String rejected) throws EndpointException, InterruptedException {
    if (current != null && !current.value().equals(rejected)) {
      return true;
    }
    refresh();
    return !current.value().equals(rejected);
  }

  /** Secret values to mask in messages: client secret, refresh tokens, the current access token. */
  synchronized Set<String> secretValues() {
    Set<String> values = new HashSet<>(knownRefreshTokens);
    if (request.clientSecret() != null) {
      values.add(request.clientSecret());
    }
    if (current != null) {
      values.add(current.value());
    }
    return Set.copyOf(values);
  }

  private void refresh() throws EndpointException, InterruptedException {
    JsonNode answer;
    try {
      answer = endpoint.post(request.build(refreshToken));
    } catch (EndpointException e) {
      ErrorClass errorClass = switch (e.errorClass()) {
        case NETWORK, SERVER_ERROR, RATE_LIMITED -> e.errorClass();
        default -> ErrorClass.AUTH_FAILED;
      };
      throw new EndpointException(errorClass, e.httpStatus(), "OAuth token request for " + name + " failed: "
          + e.getMessage(), null, e.stats());
    }
    String accessToken = answer.path("access_token").asText("");
    if (accessToken.isEmpty()) {
      throw new EndpointException(ErrorClass.AUTH_FAILED, "OAuth token response for " + name
          + " has no access_token");
    }
    Optional<Instant> expiresAt = answer.path("expires_in").canConvertToLong() && answer.path("expires_in")
        .longValue() > 0 ? Optional.of(clock.instant().plusSeconds(answer.path("expires_in").longValue()))
        : Optional.empty();
    current = new AccessToken(accessToken, expiresAt);
    String rotated = answer.path("refresh_token").asText("");
    if (request.grant() == OAuth2Spec.Grant.REFRESH_TOKEN && !rotated.isEmpty()
        && !rotated.equals(refreshToken)) {
      refreshToken = rotated;
      knownRefreshTokens.add(rotated);
      writeBack(rotated);
    }
  }

  private void writeBack(String rotated) {
    if (refreshTokenField == null) {
      LOG.warn("OAuth refresh token of {} was rotated but the connector's refresh_token is not a single "
          + "credentials field: the new token is kept in memory only", name);
      return;
    }
    try {
      writer.replace(refreshTokenField, rotated);
    } catch (IOException | RuntimeException e) {
      LOG.error("OAuth refresh token of {} was rotated but writing it back to the secret store failed ({}); the "
          + "next job start will need a new credential", name, e.getClass().getSimpleName());
    }
  }

  @Override
  public String toString() {
    return "OAuth2Session{" + name + ", " + request + "}";
  }
}
