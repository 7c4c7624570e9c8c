package dev.ingest.control.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Trades an authorization code for tokens (RFC 6749 §4.1.3 with the PKCE {@code code_verifier}): one form POST to
 * the token endpoint, connect and response bounded. Errors name the endpoint's status and OAuth error code, never
 * the code, verifier, client secret or a token.
 */
public final class CodeExchange {
  /** Bound on connecting to the token endpoint. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Bound on the whole exchange. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_TEXT = 200;

  /** The tokens the endpoint granted. */
  public record Tokens(String refreshToken, Optional<String> accessToken, Optional<Long> expiresInSeconds) {
    @Override
    public String toString() {
      return "Tokens{***}";
    }
  }

  /** The exchange failed; the message is safe to show. */
  public static final class ExchangeException extends Exception {
    public ExchangeException(String message) {
      super(message);
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  /**
   * Exchanges {@code code}. {@code basicAuth} sends the client credentials as HTTP Basic, else as form fields.
   */
  public Tokens exchange(String tokenUrl, String code, String verifier, String redirectUri, String clientId,
      String clientSecret, boolean basicAuth) throws ExchangeException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri);
    form.put("code_verifier", verifier);
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(REQUEST_TIMEOUT)
          .header("Accept", "application/json").header("Content-Type", "application/x-www-form-urlencoded");
    } catch (IllegalArgumentException e) {
      throw new ExchangeException("the connector's token URL is not a valid URL");
    }
    if (basicAuth) {
      String pair = enc(clientId) + ":" + enc(clientSecret == null ? "" : clientSecret);
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    } else {
      form.put("client_id", clientId);
      if (clientSecret != null) {
        form.put("client_secret", clientSecret);
      }
    }
    String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    HttpResponse<String> response;
    try {
      response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ExchangeException("the token endpoint " + hostOf(tokenUrl) + " did not answer within "
          + REQUEST_TIMEOUT.toSeconds() + " s (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExchangeException("interrupted while waiting for the token endpoint");
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    if (response.statusCode() != 200) {
      String error = json != null && json.path("error").isTextual() ? json.path("error").asText() : "no error code";
      throw new ExchangeException("the token endpoint " + hostOf(tokenUrl) + " refused the code: HTTP "
          + response.statusCode() + " (" + shorten(error) + ")");
    }
    if (json == null || !json.path("refresh_token").isTextual() || json.path("refresh_token").asText().isEmpty()) {
      throw new ExchangeException("the token endpoint " + hostOf(tokenUrl) + " answered without a refresh_token "
          + "(does the app ask for offline access?)");
    }
    return new Tokens(json.path("refresh_token").asText(),
        json.path("access_token").isTextual() ? Optional.of(json.path("access_token").asText()) : Optional.empty(),
        json.path("expires_in").canConvertToLong() ? Optional.of(json.path("expires_in").asLong())
            : Optional.empty());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String hostOf(String url) {
    try {
      return URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return "(invalid URL)";
    }
  }

  private static String shorten(String text) {
    return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text;
  }
}
