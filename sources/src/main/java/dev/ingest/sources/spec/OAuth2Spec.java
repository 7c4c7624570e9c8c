package dev.ingest.sources.spec;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The OAuth 2.0 block of an {@code auth: {type: oauth2}} connector ({@code auth.oauth2} in YAML). Values are
 * templates over {@code config.*} and {@code credentials.*}, rendered when a fetcher opens.
 *
 * @param grant how access tokens are obtained
 * @param tokenUrl the token endpoint template
 * @param clientId the client id template
 * @param clientSecret the client secret template, or null for public clients
 * @param refreshToken the refresh token template ({@link Grant#REFRESH_TOKEN}), else null
 * @param scopes scopes requested (space-joined in the {@code scope} form field); may be empty
 * @param clientAuth how the client authenticates at the token endpoint
 * @param params extra form fields templates (Greenhouse's {@code sub}); may be empty
 * @param refreshBeforeSeconds how long before expiry a token is refreshed
 * @param tokenHeader the request header the access token is sent in ({@code Authorization} by default; Shopify's
 *     {@code X-Shopify-Access-Token})
 * @param tokenPrefix the text before the access token in that header ({@code "Bearer "} by default; may be empty)
 * @param authorizeUrl the provider's authorization endpoint template (authorization-code flow: the dashboard's
 *     Connect button sends the browser there; the code it returns is exchanged at {@code tokenUrl} for the refresh
 *     token), or null when the connector has no Connect flow
 * @param authorizeScopes the scopes asked for at the authorization endpoint (space-joined {@code scope}); may be
 *     empty
 */
public record OAuth2Spec(
    Grant grant,
    String tokenUrl,
    String clientId,
    String clientSecret,
    String refreshToken,
    List<String> scopes,
    ClientAuth clientAuth,
    Map<String, String> params,
    long refreshBeforeSeconds,
    String tokenHeader,
    String tokenPrefix,
    String authorizeUrl,
    List<String> authorizeScopes) implements Serializable {

  /** The default refresh margin before expiry. */
  public static final long DEFAULT_REFRESH_BEFORE_SECONDS = 60;
  /** The default header of the access token. */
  public static final String DEFAULT_TOKEN_HEADER = "Authorization";
  /** The default text before the access token. */
  public static final String DEFAULT_TOKEN_PREFIX = "Bearer ";

  public OAuth2Spec {
    Objects.requireNonNull(grant, "grant");
    Objects.requireNonNull(tokenUrl, "tokenUrl");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientAuth, "clientAuth");
    Objects.requireNonNull(tokenHeader, "tokenHeader");
    Objects.requireNonNull(tokenPrefix, "tokenPrefix");
    scopes = List.copyOf(scopes);
    authorizeScopes = List.copyOf(authorizeScopes);
    if (authorizeUrl != null && grant != Grant.REFRESH_TOKEN) {
      throw new IllegalArgumentException("authorizeUrl needs grant refresh_token (the code flow yields one)");
    }
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    if (refreshBeforeSeconds < 0) {
      throw new IllegalArgumentException("refreshBeforeSeconds must be >= 0");
    }
  }

  /** A grant without an authorization-code (Connect) flow. */
  public OAuth2Spec(Grant grant, String tokenUrl, String clientId, String clientSecret, String refreshToken,
      List<String> scopes, ClientAuth clientAuth, Map<String, String> params, long refreshBeforeSeconds,
      String tokenHeader, String tokenPrefix) {
    this(grant, tokenUrl, clientId, clientSecret, refreshToken, scopes, clientAuth, params, refreshBeforeSeconds,
        tokenHeader, tokenPrefix, null, List.of());
  }

  /** True when the dashboard can obtain the refresh token through the authorization-code flow. */
  public boolean connectable() {
    return authorizeUrl != null;
  }

  /** The grants. */
  public enum Grant {
    /** {@code grant_type=refresh_token}: a long-lived refresh token, possibly rotated on each use. */
    REFRESH_TOKEN,
    /** {@code grant_type=client_credentials}: the client's own id and secret. */
    CLIENT_CREDENTIALS;

    /** The name used in YAML. */
    public String yamlName() {
      return name().toLowerCase();
    }

    /** The grant named {@code name} in YAML. */
    public static Optional<Grant> of(String name) {
      return Arrays.stream(values()).filter(g -> g.yamlName().equals(name)).findFirst();
    }
  }

  /** How the client authenticates at the token endpoint. */
  public enum ClientAuth {
    /** {@code client_id} and {@code client_secret} as form fields. */
    BODY,
    /** HTTP Basic {@code client_id:client_secret}. */
    BASIC;

    /** The name used in YAML. */
    public String yamlName() {
      return name().toLowerCase();
    }
  }
}
