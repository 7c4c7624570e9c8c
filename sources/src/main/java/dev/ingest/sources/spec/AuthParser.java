package dev.ingest.sources.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.template.Namespace;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code auth:} block. */
final class AuthParser {
  private static final Map<AuthSpec.Type, String> OWN_KEY = Map.of(
      AuthSpec.Type.BEARER, "token", AuthSpec.Type.API_KEY, "api_key", AuthSpec.Type.BASIC, "basic");
  private static final List<String> KNOWN = List.of("type", "token", "api_key", "basic");

  private AuthParser() {}

  static AuthSpec parse(JsonNode node, Problems problems) {
    if (node == null) {
      return AuthSpec.NONE;
    }
    Fields f = Fields.of(node, "auth", problems);
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

  private static String template(Fields f, String key, boolean required, Problems problems) {
    String value = required ? f.requiredString(key) : f.scalar(key);
    problems.template(f.path(key), value, Namespace.CONFIG, Namespace.CREDENTIALS);
    return value;
  }
}
