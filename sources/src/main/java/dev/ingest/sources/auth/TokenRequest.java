package dev.ingest.sources.auth;

import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.UrlCodec;
import dev.ingest.sources.spec.OAuth2Spec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The rendered values of an OAuth 2.0 grant and the token request they make (RFC 6749 §4.4 and §6): a form POST
 * with {@code grant_type}, the refresh token when the grant uses one, {@code scope}, extra parameters, and the
 * client credentials in the form or as HTTP Basic. Holds secrets: never printed.
 */
final class TokenRequest {
  private final OAuth2Spec.Grant grant;
  private final String tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final String scope;
  private final OAuth2Spec.ClientAuth clientAuth;
  private final Map<String, String> params;

  TokenRequest(OAuth2Spec.Grant grant, String tokenUrl, String clientId, String clientSecret, String scope,
      OAuth2Spec.ClientAuth clientAuth, Map<String, String> params) {
    this.grant = Objects.requireNonNull(grant, "grant");
    this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.clientSecret = clientSecret;
    this.scope = scope;
    this.clientAuth = clientAuth;
    this.params = Map.copyOf(params);
  }

  OAuth2Spec.Grant grant() {
    return grant;
  }

  String clientId() {
    return clientId;
  }

  String clientSecret() {
    return clientSecret;
  }

  /** The token request; {@code refreshToken} is used by the refresh-token grant only. */
  ApiRequest build(String refreshToken) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", grant == OAuth2Spec.Grant.REFRESH_TOKEN ? "refresh_token" : "client_credentials");
    if (grant == OAuth2Spec.Grant.REFRESH_TOKEN) {
      form.put("refresh_token", refreshToken);
    }
    if (scope != null && !scope.isEmpty()) {
      form.put("scope", scope);
    }
    form.putAll(params);
    ApiRequest request = ApiRequest.get(tokenUrl)
        .withHeader("Accept", "application/json")
        .withHeader("Content-Type", "application/x-www-form-urlencoded");
    if (clientAuth == OAuth2Spec.ClientAuth.BASIC) {
      String pair = UrlCodec.encodeQueryComponent(clientId) + ":"
          + UrlCodec.encodeQueryComponent(clientSecret == null ? "" : clientSecret);
      request = request.withHeader("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    } else {
      form.put("client_id", clientId);
      if (clientSecret != null) {
        form.put("client_secret", clientSecret);
      }
    }
    String body = form.entrySet().stream()
        .map(e -> UrlCodec.encodeQueryComponent(e.getKey()) + "=" + UrlCodec.encodeQueryComponent(e.getValue()))
        .collect(Collectors.joining("&"));
    return request.withMethodAndBody("POST", body);
  }

  @Override
  public String toString() {
    return "TokenRequest{" + grant.yamlName() + " at " + tokenUrl + "}";
  }
}
