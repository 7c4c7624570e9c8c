package dev.ingest.sources.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.template.Namespace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code auth:} block. */
final class AuthParser {
  private static final Map<AuthSpec.Type, String> OWN_KEY = Map.of(AuthSpec.Type.BEARER, "token",
      AuthSpec.Type.API_KEY, "api_key", AuthSpec.Type.BASIC, "basic", AuthSpec.Type.OAUTH2, "oauth2");
  private static final List<String> KNOWN = List.of("type", "token", "api_key", "basic", "oauth2");
  private static final List<String> OAUTH2_KNOWN = List.of("grant", "token_url", "client_id", "client_secret",
      "refresh_token", "scopes", "client_auth", "params", "refresh_before_seconds", "token_header", "token_prefix",
      "authorize_url", "authorize_scopes");

  private AuthParser() {}

  static AuthSpec parse(JsonNode node, Problems problems) {
    return parse(node, "auth", problems);
  }

  /** The auth block {@code node} found at {@code path} ({@code auth}, {@code auth_methods.oauth2.auth}). */
  static AuthSpec parse(JsonNode node, String path, Problems problems) {
    if (node == null) {
      return AuthSpec.NONE;
    }
    Fields f = Fields.of(node, path, problems);
    String typeName = f.requiredString("type");
    AuthSpec.Type type = typeName == null ? null : AuthSpec.Type.of(typeName).orElse(null);
    if (typeName != null && type == null) {
      problems.add(f.path("type"), "unknown auth type '" + typeName + "' (expected one of " + AuthSpec.Type.names()
          + ")");
    }
    if (type == null) {
      OWN_KEY.values().forEach(f::get);
      f.rejectUnknown(KNOWN);
      return AuthSpec.NONE;
    }
    OWN_KEY.forEach((t, key) -> {
      if (t != type) {
        f.rejectPresent(Set.of(key), "not used by auth type '" + type.yamlName() + "'");
      }
    });
    AuthSpec spec = switch (type) {
      case NONE -> AuthSpec.NONE;
      case BEARER -> AuthSpec.bearer(template(f, "token", true, problems));
      case API_KEY -> apiKey(Fields.of(f.get("api_key"), f.path("api_key"), problems), f.has("api_key"), problems);
      case BASIC -> basic(Fields.of(f.get("basic"), f.path("basic"), problems), f.has("basic"), problems);
      case OAUTH2 -> oauth2(Fields.of(f.get("oauth2"), f.path("oauth2"), problems), f.has("oauth2"), problems);
    };
    f.rejectUnknown(KNOWN);
    return spec;
  }

  private static AuthSpec apiKey(Fields k, boolean present, Problems problems) {
    if (!present) {
      problems.add(k.path(), "required");
    }
    String in = k.requiredString("in");
    AuthSpec.ApiKeyIn where = null;
    if (in != null) {
      switch (in) {
        case "header" -> where = AuthSpec.ApiKeyIn.HEADER;
        case "query" -> where = AuthSpec.ApiKeyIn.QUERY;
        default -> problems.add(k.path("in"), "must be header or query, got '" + in + "'");
      }
    }
    String name = k.requiredString("name");
    if (name != null && !HeaderNames.isToken(name)) {
      problems.add(k.path("name"), "not a valid header or parameter name: '" + name + "'");
    }
    String value = template(k, "value", true, problems);
    k.rejectUnknown(List.of("in", "name", "value"));
    return AuthSpec.apiKey(where == null ? AuthSpec.ApiKeyIn.HEADER : where, name, value);
  }

  private static AuthSpec basic(Fields b, boolean present, Problems problems) {
    if (!present) {
      problems.add(b.path(), "required");
    }
    String username = template(b, "username", true, problems);
    String password = template(b, "password", false, problems);
    b.rejectUnknown(List.of("username", "password"));
    return AuthSpec.basic(username, password);
  }

  private static AuthSpec oauth2(Fields o, boolean present, Problems problems) {
    if (!present) {
      problems.add(o.path(), "required");
    }
    String grantName = o.requiredString("grant");
    OAuth2Spec.Grant grant = grantName == null ? OAuth2Spec.Grant.CLIENT_CREDENTIALS
        : OAuth2Spec.Grant.of(grantName).orElseGet(() -> {
          problems.add(o.path("grant"), "must be refresh_token or client_credentials, got '" + grantName + "'");
          return OAuth2Spec.Grant.CLIENT_CREDENTIALS;
        });
    String tokenUrl = template(o, "token_url", true, problems);
    String clientId = template(o, "client_id", true, problems);
    String clientSecret = template(o, "client_secret", grant == OAuth2Spec.Grant.CLIENT_CREDENTIALS, problems);
    String refreshToken = template(o, "refresh_token", grant == OAuth2Spec.Grant.REFRESH_TOKEN, problems);
    if (grant == OAuth2Spec.Grant.CLIENT_CREDENTIALS && refreshToken != null) {
      problems.add(o.path("refresh_token"), "not used by grant 'client_credentials'");
    }
    List<String> scopes = scopes(o, "scopes", problems);
    String authorizeUrl = template(o, "authorize_url", false, problems);
    if (authorizeUrl != null && grant != OAuth2Spec.Grant.REFRESH_TOKEN) {
      problems.add(o.path("authorize_url"), "needs grant 'refresh_token' (the authorization-code flow yields one)");
      authorizeUrl = null;
    }
    List<String> authorizeScopes = scopes(o, "authorize_scopes", problems);
    String clientAuthName = o.string("client_auth");
    OAuth2Spec.ClientAuth clientAuth = OAuth2Spec.ClientAuth.BODY;
    if ("basic".equals(clientAuthName)) {
      clientAuth = OAuth2Spec.ClientAuth.BASIC;
    } else if (clientAuthName != null && !clientAuthName.equals("body")) {
      problems.add(o.path("client_auth"), "must be body or basic, got '" + clientAuthName + "'");
    }
    Map<String, String> params = new LinkedHashMap<>();
    Fields p = Fields.of(o.get("params"), o.path("params"), problems);
    for (String key : p.keys()) {
      String value = template(p, key, true, problems);
      if (value != null) {
        params.put(key, value);
      }
    }
    long before = o.integer("refresh_before_seconds", OAuth2Spec.DEFAULT_REFRESH_BEFORE_SECONDS, 0, 86_400);
    String tokenHeader = tokenHeader(o, problems);
    String tokenPrefix = tokenPrefix(o, problems);
    o.rejectUnknown(OAUTH2_KNOWN);
    if (tokenUrl == null || clientId == null) {
      return AuthSpec.NONE;
    }
    return AuthSpec.oauth2(new OAuth2Spec(grant, tokenUrl, clientId, clientSecret, refreshToken, scopes, clientAuth,
        params, before, tokenHeader, tokenPrefix, authorizeUrl, authorizeScopes));
  }

  private static List<String> scopes(Fields o, String key, Problems problems) {
    List<String> scopes = new ArrayList<>();
    JsonNode scopeNode = o.get(key);
    if (scopeNode != null) {
      if (scopeNode.isArray()) {
        scopeNode.forEach(n -> scopes.add(n.asText()));
      } else {
        problems.add(o.path(key), "must be a list of scope names");
      }
    }
    return scopes;
  }

  /** {@code token_header}: a literal header name (default {@code Authorization}). */
  private static String tokenHeader(Fields o, Problems problems) {
    if (!o.has("token_header")) {
      return OAuth2Spec.DEFAULT_TOKEN_HEADER;
    }
    String name = o.requiredString("token_header");
    if (name != null && !HeaderNames.isToken(name)) {
      problems.add(o.path("token_header"), "not a valid header name: '" + name + "'");
    }
    return name == null ? OAuth2Spec.DEFAULT_TOKEN_HEADER : name;
  }

  /** {@code token_prefix}: literal text before the token (default {@code "Bearer "}; {@code ""} for none). */
  private static String tokenPrefix(Fields o, Problems problems) {
    String prefix = o.string("token_prefix");
    if (prefix == null) {
      return OAuth2Spec.DEFAULT_TOKEN_PREFIX;
    }
    if (prefix.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      problems.add(o.path("token_prefix"), "must not contain control characters (line breaks, tabs)");
    } else if (prefix.contains("{{")) {
      problems.add(o.path("token_prefix"), "must be literal text, not a template");
    }
    return prefix;
  }

  private static String template(Fields f, String key, boolean required, Problems problems) {
    String value = required ? f.requiredString(key) : f.scalar(key);
    problems.template(f.path(key), value, Namespace.CONFIG, Namespace.CREDENTIALS);
    return value;
  }
}
