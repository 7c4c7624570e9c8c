package dev.ingest.control.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.secret.SecretStore;
import dev.ingest.sources.spec.ConnectorCatalog;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.CredentialField;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Credential list and create/replace. The body {@code {"fields": {"token": "…"}}} is checked against the
 * connector's credential form and written to the {@link SecretStore}; responses name the stored fields but never
 * carry a value, and values never reach logs or error messages. {@code GET /api/credentials} lists every secret by
 * name with the pipelines that use it. Replacing a secret other pipelines use too is refused with 409
 * {@code shared_credential} and the list of those pipelines, unless the request says {@code ?confirm_shared=true}.
 */
final class CredentialRoutes {
  static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_.+=@-]{1,256}");
  static final int MAX_VALUE = 65_536;

  private final SecretStore secrets;
  private final ConnectorCatalog catalog;
  private final PipelineService pipelines;

  CredentialRoutes(SecretStore secrets, ConnectorCatalog catalog, PipelineService pipelines) {
    this.secrets = secrets;
    this.catalog = catalog;
    this.pipelines = pipelines;
  }

  void register(RouteTable routes) {
    routes.get("/api/credentials", this::list);
    routes.put("/api/credentials/{secret}", this::putSecret);
    routes.put("/api/pipelines/{name}/credentials", this::putPipelineCredential);
  }

  /** {@code PUT /api/credentials/{secret}}: any secret; checked against {@code connector}'s form when named. */
  private void putSecret(Context ctx) {
    String secret = ctx.pathParam("secret");
    if (!SECRET_NAME.matcher(secret).matches()) {
      throw ApiException.badRequest("secret", "secret name must match " + SECRET_NAME.pattern());
    }
    ObjectNode body = body(ctx);
    Optional<ConnectorSpec> connector = Optional.empty();
    JsonNode named = body.get("connector");
    if (named != null && !named.isNull()) {
      if (!named.isTextual() || catalog.find(named.textValue()).isEmpty()) {
        throw ApiException.invalid("credential", List.of(new FieldProblem("connector",
            "unknown connector (known: " + String.join(", ", catalog.names()) + ")")));
      }
      connector = catalog.find(named.textValue()).map(c -> withAuthMethod(c, body.get("auth_method")));
    } else if (body.has("auth_method")) {
      throw ApiException.invalid("credential", List.of(new FieldProblem("auth_method",
          "only used with connector (whose auth method's credential form the fields are checked against)")));
    }
    Map<String, String> fields = fields(body, connector);
    List<String> users = CredentialUsage.othersUsing(pipelines, secret, "");
    requireConfirmedIfShared(ctx, secret, users.size() > 1 ? users : List.of());
    store(ctx, secret, fields);
  }

  /**
   * {@code GET /api/credentials}: every secret in the store or named by a pipeline, with the pipelines using it;
   * the control plane's own job tokens (run-request poll tokens, the rate-lease token) are not credentials and are
   * left out.
   */
  private void list(Context ctx) {
    Map<String, List<CredentialUsage.Use>> uses = CredentialUsage.of(pipelines);
    java.util.Set<String> stored;
    try {
      stored = secrets.names();
    } catch (IOException e) {
      throw new ApiException(502, "secret_store", "could not list the secret store");
    }
    java.util.SortedSet<String> names = new java.util.TreeSet<>(stored);
    names.removeIf(RunRequestAccess::ownsSecret);
    names.addAll(uses.keySet());
    com.fasterxml.jackson.databind.node.ArrayNode list = Json.array();
    for (String name : names) {
      ObjectNode item = list.addObject().put("name", name).put("stored", stored.contains(name));
      com.fasterxml.jackson.databind.node.ArrayNode users = item.putArray("pipelines");
      uses.getOrDefault(name, List.of()).forEach(u -> users.addObject().put("pipeline", u.pipeline())
          .put("role", u.role()));
      item.put("shared", uses.getOrDefault(name, List.of()).stream().map(CredentialUsage.Use::pipeline).distinct()
          .count() > 1);
    }
    Json.respond(ctx, 200, Json.object().set("credentials", list));
  }

  /** Refuses (409 shared_credential) to replace a secret {@code others} use too, unless confirmed. */
  static void requireConfirmedIfShared(Context ctx, String secret, List<String> others) {
    if (others.isEmpty() || "true".equals(ctx.queryParam("confirm_shared"))) {
      return;
    }
    ObjectNode body = Json.object().put("error", "shared_credential").put("secret", secret)
        .put("message", "secret " + secret + " is also used by pipeline(s) " + String.join(", ", others)
            + ": replacing it changes their credential too. Send the request again with ?confirm_shared=true to "
            + "replace it for all of them, or give this pipeline its own secret");
    others.forEach(body.putArray("pipelines")::add);
    body.putArray("errors");
    throw new SharedCredentialException(body);
  }

  /** {@code PUT /api/pipelines/{name}/credentials}: the pipeline's secret, checked against its connector's form. */
  private void putPipelineCredential(Context ctx) {
    PipelineSpec spec = pipelines.spec(pipelines.get(ctx.pathParam("name")));
    String secret = spec.credentialsSecret().orElseThrow(() -> new ApiException(409, "conflict",
        "pipeline " + spec.name() + " uses connector " + spec.connector().name() + ", which needs no credential"));
    Map<String, String> fields = fields(body(ctx), Optional.of(spec.connector()));
    requireConfirmedIfShared(ctx, secret, CredentialUsage.othersUsing(pipelines, secret, spec.name()));
    store(ctx, secret, fields);
  }

  private void store(Context ctx, String secret, Map<String, String> fields) {
    try {
      secrets.write(secret, fields);
    } catch (IOException e) {
      throw new ApiException(502, "secret_store", "could not store secret " + secret + " in the secret store");
    }
    ObjectNode response = Json.object().put("secret", secret);
    fields.keySet().forEach(response.putArray("fields")::add);
    Json.respond(ctx, 200, response);
  }

  private static ObjectNode body(Context ctx) {
    return Json.objectBody(ctx, "request body must be a JSON object {\"fields\": {\"<field>\": \"<value>\"}}");
  }

  /** {@code connector} with the auth method named in the body selected; its default method when none is named. */
  private static ConnectorSpec withAuthMethod(ConnectorSpec connector, JsonNode method) {
    if (method == null || method.isNull()) {
      return connector;
    }
    return (method.isTextual() ? connector.withAuthMethod(method.textValue()) : Optional.<ConnectorSpec>empty())
        .orElseThrow(() -> ApiException.invalid("credential", List.of(new FieldProblem("auth_method",
            "unknown auth method of connector " + connector.name() + " (expected one of "
                + String.join(", ", connector.authMethods().keySet()) + ")"))));
  }

  /**
   * The credential values of {@code body}'s {@code fields}, checked (and against {@code connector}'s form when given);
   * a 422 naming {@code fields.<key>} for each problem, never quoting a value.
   */
  static Map<String, String> fields(ObjectNode body, Optional<ConnectorSpec> connector) {
    List<FieldProblem> problems = new ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("fields") && !key.equals("connector") && !key.equals("auth_method")) {
        problems.add(new FieldProblem(key, "unknown field (expected fields, and optionally connector and "
            + "auth_method)"));
      }
    }
    JsonNode node = body.get("fields");
    Map<String, String> fields = new LinkedHashMap<>();
    if (node == null || !node.isObject() || node.isEmpty()) {
      problems.add(new FieldProblem("fields", "required: an object of credential field names to values"));
      throw ApiException.invalid("credential", problems);
    }
    node.fields().forEachRemaining(e -> {
      String path = "fields." + e.getKey();
      JsonNode value = e.getValue();
      if (!value.isTextual()) {
        problems.add(new FieldProblem(path, "expected a string value"));
      } else if (value.textValue().isEmpty() || value.textValue().length() > MAX_VALUE) {
        problems.add(new FieldProblem(path, "must be 1 to " + MAX_VALUE + " characters"));
      } else {
        fields.put(e.getKey(), value.textValue());
      }
    });
    connector.ifPresent(c -> checkForm(c, node, problems));
    if (!problems.isEmpty()) {
      throw ApiException.invalid("credential", problems);
    }
    return fields;
  }

  private static void checkForm(ConnectorSpec connector, JsonNode given, List<FieldProblem> problems) {
    Map<String, CredentialField> form = connector.credentials();
    given.fieldNames().forEachRemaining(key -> {
      if (!form.containsKey(key)) {
        problems.add(new FieldProblem("fields." + key, "connector " + connector.name()
            + " has no credential field '" + key + "' (expected " + form.keySet() + ")"));
      }
    });
    form.values().stream().filter(CredentialField::required).filter(f -> !given.has(f.key()))
        .forEach(f -> problems.add(new FieldProblem("fields." + f.key(), "required (" + f.label() + ")")));
  }

  /** The 409 a shared secret gets: its body lists the other pipelines (answered by {@link ErrorMapping}). */
  static final class SharedCredentialException extends RuntimeException {
    final transient ObjectNode body;

    SharedCredentialException(ObjectNode body) {
      super(body.get("message").asText(), null, false, false);
      this.body = body;
    }
  }
}
