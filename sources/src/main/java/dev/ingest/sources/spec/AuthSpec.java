package dev.ingest.sources.spec;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How requests of a connector are authenticated ({@code auth:} in YAML). Values are templates, normally
 * referencing {@code credentials.*}; they are rendered when a fetcher opens.
 *
 * @param type the scheme
 * @param token the bearer token template ({@link Type#BEARER}), else null
 * @param apiKeyIn where the API key goes ({@link Type#API_KEY}), else null
 * @param apiKeyName the header or query parameter name of the API key ({@link Type#API_KEY}), else null
 * @param apiKeyValue the API key template ({@link Type#API_KEY}), else null
 * @param username the user name template ({@link Type#BASIC}), else null
 * @param password the password template ({@link Type#BASIC}; empty string when not given), else null
 * @param oauth2 the OAuth 2.0 settings ({@link Type#OAUTH2}), else null
 */
public record AuthSpec(
    Type type,
    String token,
    ApiKeyIn apiKeyIn,
    String apiKeyName,
    String apiKeyValue,
    String username,
    String password,
    OAuth2Spec oauth2) implements Serializable {

  /** No authentication. */
  public static final AuthSpec NONE = new AuthSpec(Type.NONE, null, null, null, null, null, null);

  /** A scheme other than OAuth 2.0. */
  public AuthSpec(Type type, String token, ApiKeyIn apiKeyIn, String apiKeyName, String apiKeyValue,
      String username, String password) {
    this(type, token, apiKeyIn, apiKeyName, apiKeyValue, username, password, null);
  }

  public AuthSpec {
    Objects.requireNonNull(type, "type");
  }

  /** Creates a bearer scheme sending {@code Authorization: Bearer <token>}. */
  public static AuthSpec bearer(String token) {
    return new AuthSpec(Type.BEARER, token, null, null, null, null, null);
  }

  /** Creates an API key scheme sending the key in a header or query parameter called {@code name}. */
  public static AuthSpec apiKey(ApiKeyIn in, String name, String value) {
    return new AuthSpec(Type.API_KEY, null, in, name, value, null, null);
  }

  /** Creates an HTTP Basic scheme. */
  public static AuthSpec basic(String username, String password) {
    return new AuthSpec(Type.BASIC, null, null, null, null, username, password == null ? "" : password);
  }

  /** Creates an OAuth 2.0 scheme (bearer access tokens obtained from a token endpoint). */
  public static AuthSpec oauth2(OAuth2Spec oauth2) {
    return new AuthSpec(Type.OAUTH2, null, null, null, null, null, null, Objects.requireNonNull(oauth2, "oauth2"));
  }

  /** The authentication schemes, by their YAML name. */
  public enum Type {
    NONE, BEARER, API_KEY, BASIC, OAUTH2;

    /** The name used in YAML ({@code api_key}). */
    public String yamlName() {
      return name().toLowerCase();
    }

    /** The scheme named {@code name} in YAML. */
    public static Optional<Type> of(String name) {
      return Arrays.stream(values()).filter(t -> t.yamlName().equals(name)).findFirst();
    }

    /** The YAML names, comma separated, for error messages. */
    public static String names() {
      return Arrays.stream(values()).map(Type::yamlName).collect(Collectors.joining(", "));
    }
  }

  /** Where an API key is sent. */
  public enum ApiKeyIn {
    HEADER, QUERY;

    /** The name used in YAML. */
    public String yamlName() {
      return name().toLowerCase();
    }
  }
}
