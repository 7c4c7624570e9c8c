package dev.ingest.sources.spec;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated connector definition: one SaaS API, its credential form, auth scheme, default paging and endpoints.
 * Immutable and serializable (it travels in Flink job graphs); it never holds a secret value, only templates
 * that reference {@code credentials.*}. Obtain one from {@link ConnectorLoader} or {@link ConnectorCatalog}.
 *
 * @param name the connector's name, {@code [a-z][a-z0-9_]*}
 * @param description a one-line description for catalogs; empty when not given
 * @param baseUrl the base URL template; renders to an http(s) URL
 * @param config the non-secret settings, in declaration order
 * @param credentials the credential form of the selected auth method, in declaration order; empty when the API
 *     needs no credential
 * @param auth the auth scheme of the selected auth method
 * @param headers default header templates sent with every request
 * @param paging the default paging of endpoints that do not override it
 * @param endpoints the endpoints, in declaration order
 * @param rateLimit the request budget of one credential, shared by all endpoints
 * @param authMethods every auth method the connector offers, in declaration order (the first is the default)
 * @param authMethod the name of the selected method, whose {@code credentials} and {@code auth} the fields above are
 */
public record ConnectorSpec(
    String name,
    String description,
    String baseUrl,
    Map<String, ConfigField> config,
    Map<String, CredentialField> credentials,
    AuthSpec auth,
    Map<String, String> headers,
    PagingSpec paging,
    Map<String, EndpointSpec> endpoints,
    RateLimitSpec rateLimit,
    Map<String, AuthMethod> authMethods,
    String authMethod) implements Serializable {

  /** A connector with one auth method: its top-level {@code credentials} and {@code auth}. */
  public ConnectorSpec(String name, String description, String baseUrl, Map<String, ConfigField> config,
      Map<String, CredentialField> credentials, AuthSpec auth, Map<String, String> headers, PagingSpec paging,
      Map<String, EndpointSpec> endpoints, RateLimitSpec rateLimit) {
    this(name, description, baseUrl, config, credentials, auth, headers, paging, endpoints, rateLimit,
        implicitMethod(credentials, auth), null);
  }

  /** A connector without a declared rate limit (response headers still adapt the pace). */
  public ConnectorSpec(String name, String description, String baseUrl, Map<String, ConfigField> config,
      Map<String, CredentialField> credentials, AuthSpec auth, Map<String, String> headers, PagingSpec paging,
      Map<String, EndpointSpec> endpoints) {
    this(name, description, baseUrl, config, credentials, auth, headers, paging, endpoints, RateLimitSpec.NONE);
  }

  /**
   * A connector offering several auth methods, with the first selected.
   *
   * @throws IllegalArgumentException when {@code authMethods} is empty
   */
  public static ConnectorSpec withMethods(String name, String description, String baseUrl,
      Map<String, ConfigField> config, Map<String, String> headers, PagingSpec paging,
      Map<String, EndpointSpec> endpoints, RateLimitSpec rateLimit, Map<String, AuthMethod> authMethods) {
    AuthMethod first = authMethods.values().stream().findFirst()
        .orElseThrow(() -> new IllegalArgumentException("authMethods: at least one is required"));
    return new ConnectorSpec(name, description, baseUrl, config, first.credentials(), first.auth(), headers, paging,
        endpoints, rateLimit, authMethods, first.name());
  }

  private static Map<String, AuthMethod> implicitMethod(Map<String, CredentialField> credentials, AuthSpec auth) {
    AuthMethod only = AuthMethod.implicit(credentials, auth == null ? AuthSpec.NONE : auth);
    return Map.of(only.name(), only);
  }

  public ConnectorSpec {
    rateLimit = rateLimit == null ? RateLimitSpec.NONE : rateLimit;
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(paging, "paging");
    description = description == null ? "" : description;
    config = ordered(config);
    credentials = ordered(credentials);
    headers = ordered(headers);
    endpoints = ordered(endpoints);
    authMethods = ordered(authMethods == null || authMethods.isEmpty() ? implicitMethod(credentials, auth) : authMethods);
    authMethod = authMethod == null ? authMethods.keySet().iterator().next() : authMethod;
    if (!authMethods.containsKey(authMethod)) {
      throw new IllegalArgumentException("authMethod '" + authMethod + "' is not one of " + authMethods.keySet());
    }
  }

  private static <V> Map<String, V> ordered(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** The selected auth method. */
  public AuthMethod selectedAuthMethod() {
    return authMethods.get(authMethod);
  }

  /**
   * This connector authenticating with the method called {@code name}: its credential form and auth scheme
   * become {@link #credentials()} and {@link #auth()}. Empty when the connector has no such method.
   */
  public Optional<ConnectorSpec> withAuthMethod(String name) {
    AuthMethod method = authMethods.get(name);
    if (method == null) {
      return Optional.empty();
    }
    return Optional.of(new ConnectorSpec(this.name, description, baseUrl, config, method.credentials(), method.auth(),
        headers, paging, endpoints, rateLimit, authMethods, name));
  }

  /** The endpoint called {@code name}, if the connector has one. */
  public Optional<EndpointSpec> endpoint(String name) {
    return Optional.ofNullable(endpoints.get(name));
  }

  /** The endpoint names, in declaration order. */
  public List<String> endpointNames() {
    return List.copyOf(endpoints.keySet());
  }

  /** True when requests need a secret (the auth scheme is not {@code none}). */
  public boolean needsSecret() {
    return auth.type() != AuthSpec.Type.NONE;
  }

  /**
   * Checks a pipeline's config values against {@link #config()} and returns the effective values (defaults
   * applied). Errors name {@code config.<key>}: unknown keys, missing required values, and a base URL that does
   * not render to an http(s) URL.
   *
   * @throws SpecException listing every problem
   */
  public Map<String, String> resolveConfig(Map<String, String> values) throws SpecException {
    return ConfigResolver.resolve(this, values);
  }
}
