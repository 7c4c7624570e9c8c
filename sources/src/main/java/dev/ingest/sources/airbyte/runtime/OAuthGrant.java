package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.airbyte.interpolation.DatetimeFormats;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.UrlCodec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rendered fields of an Airbyte {@code OAuthAuthenticator} and the token request they make: a form POST to
 * {@code token_refresh_endpoint} with {@code grant_type_name: grant_type}, the client id and secret (left out when
 * {@code refresh_request_headers} carry an {@code Authorization}), the refresh token when there is one,
 * {@code scopes} (one form field per scope), then the {@code refresh_request_body} keys not set yet; on the query
 * string instead with {@code send_refresh_request_as_query_params}. Reads {@code access_token_name} and
 * {@code expires_in_name} (seconds, or a datetime in {@code token_expiry_date_format}) from the answer. Holds
 * secrets: never printed.
 */
final class OAuthGrant {
  /** Where {@code refresh_token_updater} keeps the rotated values in the config (and so in the secret). */
  record Updater(String refreshTokenName, List<String> refreshTokenPath, List<String> accessTokenPath,
      List<String> expiryPath) {}

  final String tokenUrl;
  final String clientId;
  final String clientSecret;
  final String grantType;
  final String initialRefreshToken;
  final String initialAccessToken;
  final String initialExpiry;
  final Optional<Updater> updater;
  private final String grantTypeName;
  private final String clientIdName;
  private final String clientSecretName;
  private final String refreshTokenName;
  private final String accessTokenName;
  private final String expiresInName;
  private final String expiryFormat;
  private final List<String> scopes;
  private final Map<String, String> extraBody;
  private final Map<String, String> headers;
  private final boolean asQuery;

  OAuthGrant(Component auth, Templates templates, EvalContext context, String tokenUrlOverride) {
    tokenUrl = tokenUrlOverride != null ? tokenUrlOverride
        : templates.text(auth, "token_refresh_endpoint", context, "");
    if (tokenUrl.isEmpty()) {
      throw auth.refuse("token_refresh_endpoint is required");
    }
    grantTypeName = templates.text(auth, "grant_type_name", context, "grant_type");
    grantType = templates.text(auth, "grant_type", context, "refresh_token");
    clientIdName = templates.text(auth, "client_id_name", context, "client_id");
    clientId = templates.text(auth, "client_id", context, "");
    clientSecretName = templates.text(auth, "client_secret_name", context, "client_secret");
    clientSecret = templates.text(auth, "client_secret", context, "");
    refreshTokenName = templates.text(auth, "refresh_token_name", context, "refresh_token");
    accessTokenName = templates.text(auth, "access_token_name", context, "access_token");
    expiresInName = templates.text(auth, "expires_in_name", context, "expires_in");
    expiryFormat = templates.text(auth, "token_expiry_date_format", context, "");
    asQuery = templates.condition(auth, "send_refresh_request_as_query_params", context, false);
    scopes = new ArrayList<>();
    if (templates.value(auth, "scopes", context) instanceof List<?> list) {
      list.forEach(s -> scopes.add(Templates.asText(s)));
    }
    extraBody = texts(templates.value(auth, "refresh_request_body", context));
    headers = texts(templates.value(auth, "refresh_request_headers", context));
    Component updaterComponent = auth.child("refresh_token_updater");
    updater = updaterComponent == null ? Optional.empty() : Optional.of(new Updater(
        templates.text(updaterComponent, "refresh_token_name", context, "refresh_token"),
        path(updaterComponent, "refresh_token_config_path", "credentials", "refresh_token"),
        path(updaterComponent, "access_token_config_path", "credentials", "access_token"),
        path(updaterComponent, "token_expiry_date_config_path", "credentials", "token_expiry_date")));
    Map<String, Object> config = config(context);
    initialRefreshToken = updater.isPresent()
        ? text(ConfigPaths.get(config, updater.get().refreshTokenPath()))
        : templates.text(auth, "refresh_token", context, "");
    initialAccessToken = updater.isPresent()
        ? text(ConfigPaths.get(config, updater.get().accessTokenPath()))
        : templates.text(auth, "access_token_value", context, "");
    initialExpiry = updater.isPresent()
        ? text(ConfigPaths.get(config, updater.get().expiryPath()))
        : templates.text(auth, "token_expiry_date", context, "");
    if (grantType.equals("refresh_token") && initialRefreshToken.isEmpty()) {
      throw auth.refuse("a refresh_token is required when grant_type is refresh_token (is the secret's field "
          + "missing?)");
    }
    if (clientId.isEmpty() && !headers.containsKey("Authorization")) {
      throw auth.refuse("client_id renders empty (is the config or secret value missing?)");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> config(EvalContext context) {
    Object config = context.values().get("config");
    return config instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static String text(Object value) {
    return value == null ? "" : Templates.asText(value);
  }

  private static List<String> path(Component updater, String field, String... fallback) {
    JsonNode node = updater.field(field);
    if (!node.isArray() || node.isEmpty()) {
      return List.of(fallback);
    }
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  private static Map<String, String> texts(Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (v != null) {
          out.put(String.valueOf(k), Templates.asText(v));
        }
      });
    }
    return out;
  }

  /** The token request; {@code refreshToken} is sent when non-empty. */
  ApiRequest request(String refreshToken) {
    List<Map.Entry<String, String>> args = new ArrayList<>();
    args.add(Map.entry(grantTypeName, grantType));
    if (!headers.containsKey("Authorization")) {
      args.add(Map.entry(clientIdName, clientId));
      if (!clientSecret.isEmpty()) {
        args.add(Map.entry(clientSecretName, clientSecret));
      }
    }
    if (refreshToken != null && !refreshToken.isEmpty()) {
      args.add(Map.entry(refreshTokenName, refreshToken));
    }
    if (asQuery && !scopes.isEmpty()) {
      args.add(Map.entry("scopes", String.join(" ", scopes)));
    } else {
      scopes.forEach(scope -> args.add(Map.entry("scopes", scope)));
    }
    extraBody.forEach((k, v) -> {
      if (args.stream().noneMatch(a -> a.getKey().equals(k))) {
        args.add(Map.entry(k, v));
      }
    });
    ApiRequest request = ApiRequest.get(tokenUrl).withHeader("Accept", "application/json");
    for (Map.Entry<String, String> h : headers.entrySet()) {
      request = request.withHeader(h.getKey(), h.getValue()).withSensitiveHeader(h.getKey());
    }
    if (asQuery) {
      for (Map.Entry<String, String> a : args) {
        request = request.withParam(a.getKey(), a.getValue()).withSensitiveParam(a.getKey());
      }
      return request.withMethodAndBody("POST", "");
    }
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, String> a : args) {
      body.append(body.length() == 0 ? "" : "&").append(UrlCodec.encodeQueryComponent(a.getKey())).append('=')
          .append(UrlCodec.encodeQueryComponent(a.getValue()));
    }
    return request.withHeader("Content-Type", "application/x-www-form-urlencoded")
        .withMethodAndBody("POST", body.toString());
  }

  /** The access token of a token answer, or empty. */
  String accessToken(JsonNode answer) {
    JsonNode token = answer.path(accessTokenName);
    return token.isValueNode() ? token.asText("") : "";
  }

  /** The rotated refresh token of a token answer (only with {@code refresh_token_updater}), or empty. */
  String rotatedRefreshToken(JsonNode answer) {
    return updater.map(u -> answer.path(u.refreshTokenName()).asText("")).orElse("");
  }

  /**
   * When the answer's token expires: {@code expires_in_name} as seconds from {@code now}, or as a datetime in
   * {@code token_expiry_date_format}; empty when the answer does not say.
   *
   * @throws IllegalArgumentException when the value is not a number of seconds or a datetime of the format
   */
  Optional<Instant> expiry(JsonNode answer, Instant now) {
    JsonNode value = answer.path(expiresInName);
    if (value.isMissingNode() || value.isNull() || value.asText("").isEmpty()) {
      return Optional.empty();
    }
    if (!expiryFormat.isEmpty()) {
      return Optional.of(DatetimeFormats.parse(value.asText(), expiryFormat).toInstant());
    }
    try {
      return Optional.of(now.plusSeconds((long) Double.parseDouble(value.asText().trim())));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the token answer's " + expiresInName + " is not a number of seconds "
          + "(set token_expiry_date_format for a datetime)");
    }
  }

  /** A stored expiry (ISO 8601, or {@code token_expiry_date_format}); empty when blank or unreadable. */
  Optional<Instant> storedExpiry(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return expiryFormat.isEmpty() ? Optional.empty()
            : Optional.of(DatetimeFormats.parse(text.trim(), expiryFormat).toInstant());
      } catch (RuntimeException e2) {
        return Optional.empty();
      }
    }
  }

  @Override
  public String toString() {
    return "OAuthGrant{" + grantType + " at " + tokenUrl + "}";
  }
}
