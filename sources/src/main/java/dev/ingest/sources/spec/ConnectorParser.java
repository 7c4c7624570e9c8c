package dev.ingest.sources.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.template.Namespace;
import dev.ingest.sources.template.Template;
import dev.ingest.sources.template.TemplateContext;
import dev.ingest.sources.template.TemplateException;
import dev.ingest.sources.template.Variable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the JSON tree of a connector file into a validated {@link ConnectorSpec}, collecting every error. */
final class ConnectorParser {
  private static final List<String> KNOWN = List.of(
      "name", "description", "base_url", "config", "credentials", "auth", "auth_methods", "headers", "paging",
      "endpoints", "rate_limit");

  private ConnectorParser() {}

  static ConnectorSpec parse(JsonNode root, String source) throws SpecException {
    Problems problems = new Problems();
    if (!root.isObject()) {
      throw new SpecException(source, "", "a connector file must be a YAML mapping");
    }
    Fields f = Fields.of(root, "", problems);
    String name = f.requiredString("name");
    if (name != null && !HeaderNames.isName(name)) {
      problems.add("name", "invalid connector name '" + name + "' (expected [a-z][a-z0-9_]*)");
    }
    String description = f.string("description");
    String baseUrl = f.requiredString("base_url");
    problems.template("base_url", baseUrl, Namespace.CONFIG);
    Map<String, ConfigField> config = config(f.get("config"), problems);
    Map<String, CredentialField> credentials = credentials(f.get("credentials"), "credentials", problems);
    AuthSpec auth = AuthParser.parse(f.get("auth"), problems);
    Map<String, AuthMethod> authMethods = authMethods(f, problems);
    Map<String, String> headers = EndpointParser.scalarMap(f, "headers", true, problems);
    JsonNode pagingNode = f.get("paging");
    PagingSpec paging = PagingParser.parseDefault(pagingNode, problems);
    Map<String, EndpointSpec> endpoints = endpoints(f, pagingNode, paging, problems);
    RateLimitSpec rateLimit = rateLimit(f, problems);
    f.rejectUnknown(KNOWN);
    TemplateChecker.check(problems, config.keySet(), path -> credentialKeysAt(path, credentials, authMethods));
    if (baseUrl != null && problems.isEmpty()) {
      checkBaseUrl(baseUrl, config, problems);
    }
    problems.throwIfAny(source);
    if (!authMethods.isEmpty()) {
      return ConnectorSpec.withMethods(name, description, baseUrl, config, headers, paging, endpoints, rateLimit,
          authMethods);
    }
    return new ConnectorSpec(name, description, baseUrl, config, credentials, auth, headers, paging, endpoints,
        rateLimit);
  }

  /**
   * {@code auth_methods}: named alternatives, each with its own {@code credentials} form and {@code auth} block;
   * empty when absent. They replace the top-level {@code credentials} and {@code auth}.
   */
  private static Map<String, AuthMethod> authMethods(Fields root, Problems problems) {
    Map<String, AuthMethod> out = new LinkedHashMap<>();
    if (!root.has("auth_methods")) {
      return out;
    }
    if (root.has("auth") || root.has("credentials")) {
      problems.add("auth_methods", "give either auth_methods or a top-level auth and credentials, not both");
    }
    Fields all = Fields.of(root.get("auth_methods"), "auth_methods", problems);
    for (String key : all.keys()) {
      checkKey(all, key, problems);
      Fields m = Fields.of(all.get(key), all.path(key), problems);
      String label = m.string("label");
      String description = m.string("description");
      Map<String, CredentialField> credentials = credentials(m.get("credentials"), m.path("credentials"), problems);
      if (!m.has("auth")) {
        problems.add(m.path("auth"), "required: how this method authenticates");
      }
      AuthSpec auth = AuthParser.parse(m.get("auth"), m.path("auth"), problems);
      m.rejectUnknown(List.of("label", "description", "credentials", "auth"));
      out.put(key, new AuthMethod(key, label, description, credentials, auth));
    }
    if (out.isEmpty()) {
      problems.add("auth_methods", "must declare at least one auth method");
    }
    return out;
  }

  /** The credential keys a template at {@code path} may reference: its auth method's, else the top-level ones. */
  private static Set<String> credentialKeysAt(
      String path, Map<String, CredentialField> credentials, Map<String, AuthMethod> methods) {
    for (AuthMethod method : methods.values()) {
      if (path.startsWith("auth_methods." + method.name() + ".")) {
        return method.credentials().keySet();
      }
    }
    return credentials.keySet();
  }

  private static RateLimitSpec rateLimit(Fields root, Problems problems) {
    if (!root.has("rate_limit")) {
      root.get("rate_limit");
      return RateLimitSpec.NONE;
    }
    Fields f = Fields.of(root.get("rate_limit"), "rate_limit", problems);
    double rps = 0;
    JsonNode rate = f.get("requests_per_second");
    if (rate == null) {
      problems.add(f.path("requests_per_second"), "required");
    } else if (!rate.isNumber() || !(rate.doubleValue() > 0) || rate.doubleValue() > 1_000_000) {
      problems.add(f.path("requests_per_second"), "must be a number above 0 (e.g. 2.5, or 0.5 for one request "
          + "every two seconds)");
    } else {
      rps = rate.doubleValue();
    }
    long burst = f.integer("burst", Math.max(1, (long) Math.floor(rps)), 1, 100_000);
    boolean adaptive = f.bool("adapt_to_headers", true);
    f.rejectUnknown(List.of("requests_per_second", "burst", "adapt_to_headers"));
    return new RateLimitSpec(rps, (int) burst, adaptive);
  }

  private static Map<String, ConfigField> config(JsonNode node, Problems problems) {
    Map<String, ConfigField> out = new LinkedHashMap<>();
    Fields all = Fields.of(node, "config", problems);
    for (String key : all.keys()) {
      checkKey(all, key, problems);
      Fields f = Fields.of(all.get(key), all.path(key), problems);
      boolean required = f.bool("required", false);
      String description = f.string("description");
      String defaultValue = f.scalar("default");
      String label = f.string("label");
      f.rejectUnknown(List.of("required", "description", "default", "label"));
      out.put(key, new ConfigField(key, required, description, defaultValue, label));
    }
    return out;
  }

  private static Map<String, CredentialField> credentials(JsonNode node, String path, Problems problems) {
    Map<String, CredentialField> out = new LinkedHashMap<>();
    Fields all = Fields.of(node, path, problems);
    for (String key : all.keys()) {
      checkKey(all, key, problems);
      Fields f = Fields.of(all.get(key), all.path(key), problems);
      boolean secret = f.bool("secret", true);
      String label = f.string("label");
      String help = f.string("help");
      boolean required = f.bool("required", true);
      f.rejectUnknown(List.of("secret", "label", "help", "required"));
      out.put(key, new CredentialField(key, secret, label == null ? key : label, help == null ? "" : help, required));
    }
    return out;
  }

  private static void checkKey(Fields parent, String key, Problems problems) {
    if (!HeaderNames.isName(key)) {
      problems.add(parent.path(key), "invalid key (expected [a-z][a-z0-9_]*)");
    }
  }

  private static Map<String, EndpointSpec> endpoints(
      Fields root, JsonNode pagingNode, PagingSpec paging, Problems problems) {
    Map<String, EndpointSpec> out = new LinkedHashMap<>();
    boolean present = root.has("endpoints");
    Fields all = Fields.of(root.get("endpoints"), "endpoints", problems);
    for (String name : all.keys()) {
      out.put(name, EndpointParser.parse(name, all.get(name), pagingNode, paging, problems));
    }
    checkParents(out, problems);
    checkDeletes(out, problems);
    if (!present) {
      problems.add("endpoints", "required");
    } else if (out.isEmpty()) {
      problems.add("endpoints", "must declare at least one endpoint");
    }
    return out;
  }

  /**
   * Every {@code parent} names another endpoint, following parents never loops, and only endpoints with a parent
   * (an incremental block) use {@code {{ parent.* }}} ({@code {{ incremental.* }}}).
   */
  private static void checkParents(Map<String, EndpointSpec> endpoints, Problems problems) {
    for (Problems.TemplateUse use : problems.templates()) {
      String[] path = use.path().split("\\.");
      EndpointSpec endpoint = path.length > 1 && path[0].equals("endpoints") ? endpoints.get(path[1]) : null;
      if (endpoint != null && endpoint.parent() == null && use.text().matches("(?s).*\\{\\{\\s*parent\\..*")) {
        problems.add(use.path(), "uses {{ parent.* }} but endpoint '" + endpoint.name() + "' declares no parent");
      }
      if (endpoint != null && endpoint.incremental() == null
          && use.text().matches("(?s).*\\{\\{\\s*incremental\\..*")) {
        problems.add(use.path(), "uses {{ incremental.* }} but endpoint '" + endpoint.name()
            + "' declares no incremental block");
      }
    }
    for (EndpointSpec endpoint : endpoints.values()) {
      Set<String> chain = new LinkedHashSet<>(List.of(endpoint.name()));
      String parent = endpoint.parent();
      while (parent != null) {
        EndpointSpec next = endpoints.get(parent);
        if (next == null) {
          problems.add("endpoints." + endpoint.name() + ".parent", "unknown endpoint '" + parent + "' (known: "
              + String.join(", ", endpoints.keySet()) + ")");
          break;
        }
        if (!chain.add(parent)) {
          problems.add("endpoints." + endpoint.name() + ".parent", "parents form a loop: "
              + String.join(" -> ", chain) + " -> " + parent);
          break;
        }
        parent = next.parent();
      }
    }
  }

  /**
   * Every {@code deletes} names another endpoint that has a primary key, with one key path per key column.
   */
  private static void checkDeletes(Map<String, EndpointSpec> endpoints, Problems problems) {
    for (EndpointSpec endpoint : endpoints.values()) {
      if (endpoint.deletes() == null) {
        continue;
      }
      String at = "endpoints." + endpoint.name() + ".deletes";
      EndpointSpec target = endpoints.get(endpoint.deletes().endpoint());
      if (target == null || target == endpoint) {
        problems.add(at + ".endpoint", (target == null ? "unknown endpoint '" : "an endpoint cannot delete its own "
            + "rows: '") + endpoint.deletes().endpoint() + "' (known: " + String.join(", ", endpoints.keySet()) + ")");
      } else if (target.primaryKey().isEmpty()) {
        problems.add(at + ".endpoint", "endpoint '" + target.name() + "' declares no primary_key, so its rows "
            + "cannot be deleted by key");
      } else if (!endpoint.deletes().key().isEmpty()
          && endpoint.deletes().key().size() != target.primaryKey().size()) {
        problems.add(at + ".key", "needs one JSON path per primary-key column of '" + target.name() + "' "
            + target.primaryKey() + ", got " + endpoint.deletes().key());
      }
    }
  }

  /**
   * Checks the base URL as far as the file allows: rendered with config defaults when every variable has one;
   * otherwise only when it starts with literal text (placeholders stand in for the missing values).
   */
  private static void checkBaseUrl(String baseUrl, Map<String, ConfigField> config, Problems problems) {
    Template template;
    try {
      template = Template.parse(baseUrl);
    } catch (TemplateException e) {
      return; // already reported
    }
    Map<String, String> values = new HashMap<>();
    for (Variable v : template.variables()) {
      ConfigField field = config.get(v.key());
      if (field != null && field.hasDefault()) {
        values.put(v.key(), field.defaultValue());
      } else if (baseUrl.startsWith("{{")) {
        return; // decided by the pipeline's config: ConnectorSpec.resolveConfig checks it
      } else {
        values.put(v.key(), "example");
      }
    }
    String rendered = template.render(TemplateContext.ofConfig(values));
    ConfigResolver.baseUrlProblem(rendered).ifPresent(p -> problems.add("base_url", p));
  }
}
