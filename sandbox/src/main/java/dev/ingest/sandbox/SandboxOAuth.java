package dev.ingest.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's OAuth 2.0 token endpoint ({@code POST /oauth/token}, RFC 6749 form body): the
 * {@code refresh_token} grant (rotating the refresh token on every use when asked to) and the
 * {@code client_credentials} grant, client credentials in the form or as HTTP Basic. Issued access tokens expire
 * after the configured lifetime; {@link #accepts} checks a bearer token. Thread-safe.
 */
final class SandboxOAuth {
  static final String PATH = "/oauth/token";

  private final String clientId;
  private final String clientSecret;
  private final Duration lifetime;
  private final boolean rotate;
  private final Clock clock;
  private final Map<String, Instant> issued = new HashMap<>();
  private String refreshToken;
  private int sequence;

  SandboxOAuth(String clientId, String clientSecret, String refreshToken, Duration lifetime, boolean rotate,
      Clock clock) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.refreshToken = refreshToken;
    this.lifetime = lifetime;
    this.rotate = rotate;
    this.clock = clock;
  }

  synchronized SandboxResponse token(SandboxRequest request) {
    if (!"POST".equals(request.method())) {
      return error(405, "invalid_request");
    }
    Map<String, String> form = form(request.body());
    String id = form.get("client_id");
    String secret = form.get("client_secret");
    Optional<String[]> basic = basic(request.authorization());
    if (basic.isPresent()) {
      id = basic.get()[0];
      secret = basic.get()[1];
    }
    if (!same(clientId, id) || !same(clientSecret, secret)) {
      return error(401, "invalid_client");
    }
    String grant = form.getOrDefault("grant_type", "");
    String newRefresh = null;
    if (grant.equals("refresh_token")) {
      if (!same(refreshToken, form.get("refresh_token"))) {
        return error(400, "invalid_grant");
      }
      if (rotate) {
        refreshToken = "refresh-" + (++sequence) + "-" + Long.toHexString(clock.millis());
        newRefresh = refreshToken;
      }
    } else if (!grant.equals("client_credentials")) {
      return error(400, "unsupported_grant_type");
    }
    String access = "access-" + (++sequence) + "-" + Long.toHexString(clock.millis());
    issued.put(access, clock.instant().plus(lifetime));
    String refresh = newRefresh;
    return SandboxResponse.json(200, Json.bytes(json -> {
      json.writeStartObject();
      json.writeStringField("access_token", access);
      json.writeStringField("token_type", "bearer");
      json.writeNumberField("expires_in", lifetime.toSeconds());
      if (refresh != null) {
        json.writeStringField("refresh_token", refresh);
      }
      json.writeEndObject();
    }));
  }

  /** True when {@code bearer} was issued here and has not expired. */
  synchronized boolean accepts(String bearer) {
    Instant expiry = issued.get(bearer);
    return expiry != null && clock.instant().isBefore(expiry);
  }

  /** Expires every issued access token at once (a revocation, or a clock jump on the provider's side). */
  synchronized void expireAll() {
    issued.replaceAll((token, expiry) -> Instant.EPOCH);
  }

  synchronized String refreshToken() {
    return refreshToken;
  }

  synchronized int tokensIssued() {
    return issued.size();
  }

  private static SandboxResponse error(int status, String code) {
    return SandboxResponse.json(status, Json.bytes(json -> {
      json.writeStartObject();
      json.writeStringField("error", code);
      json.writeEndObject();
    }));
  }

  private static boolean same(String expected, String presented) {
    return expected != null && presented != null && MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<String[]> basic(Optional<String> header) {
    if (header.isEmpty() || !header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String pair = new String(Base64.getDecoder().decode(header.get().substring(6).trim()), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0 ? Optional.empty() : Optional.of(new String[] {
          URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8)});
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }
}
