package dev.ingest.control.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.control.connection.ConnectionTester;
import dev.ingest.control.connection.FirstRecords;
import dev.ingest.control.connection.TypedCredential;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.http.Redactor;
import dev.ingest.sources.runtime.EndpointCheck;
import dev.ingest.sources.secret.SecretStore;
import dev.ingest.sources.secret.SecretStoreProvider;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/connections/test}: the wizard's Test connection step. The body names a connector, its config, a
 * credential (a secret's name, or values typed in) and endpoints; it is validated as a pipeline is (the same
 * loader: config, auth method, endpoints, the network policy), then {@link ConnectionTester} fetches one first page
 * per endpoint. Typed values live only in a {@link TypedCredential} for the test: never stored, never in a response,
 * a log line or an error message; every message and the first record shown are masked of the credential's values.
 */
final class ConnectionRoutes {
  static final int MAX_ENDPOINTS = 20;
  /** The secret name a typed credential goes by during its test (it is never stored under it). */
  static final String TYPED_SECRET = "connection-test";
  private static final String PIPELINE_NAME = "connection_test";
  private static final Set<String> KEYS = Set.of("connector", "auth_method", "config", "credentials", "endpoints");

  private final DefinitionReader reader;
  private final SecretStore secrets;
  private final ConnectionTester tester;

  ConnectionRoutes(DefinitionReader reader, SecretStore secrets, ConnectionTester tester) {
    this.reader = reader;
    this.secrets = secrets;
    this.tester = tester;
  }

  void register(RouteTable routes) {
    routes.post("/api/connections/test", this::test);
  }

  private void test(Context ctx) throws InterruptedException {
    ObjectNode body = body(ctx);
    JsonNode credentials = body.path("credentials");
    JsonNode typed = credentials.get("fields");
    PipelineSpec spec = reader.validate(definition(body, typed != null)).spec();
    Map<String, String> values;
    SecretStoreProvider store;
    if (typed != null) {
      values = CredentialRoutes.fields(Json.object().set("fields", typed), Optional.of(spec.connector()));
      store = new TypedCredential(TYPED_SECRET, values);
    } else {
      values = stored(spec);
      store = new LiveStore(secrets);
    }
    ConnectionTester.Result result = tester.test(spec, store);
    Json.respond(ctx, 200, json(result, spec, Redactor.of(values.values())));
  }

  /** The body as a pipeline definition: a placeholder name and schedule, the typed credential's placeholder secret. */
  private static ObjectNode definition(ObjectNode body, boolean typed) {
    List<FieldProblem> problems = new java.util.ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        problems.add(new FieldProblem(key, "unknown field (expected " + new java.util.TreeSet<>(KEYS) + ")"));
      }
    }
    JsonNode endpoints = body.get("endpoints");
    if (endpoints != null && endpoints.isArray() && endpoints.size() > MAX_ENDPOINTS) {
      problems.add(new FieldProblem("endpoints", "at most " + MAX_ENDPOINTS + " endpoints per test, got "
          + endpoints.size()));
    }
    JsonNode credentials = body.get("credentials");
    ObjectNode credential = Json.object();
    if (credentials != null && !credentials.isNull()) {
      if (!credentials.isObject() || credentials.has("secret") == credentials.has("fields")
          || credentials.size() != 1) {
        problems.add(new FieldProblem("credentials", "expected {\"secret\": \"<name in the secret store>\"} or "
            + "{\"fields\": {\"<field>\": \"<value>\"}}"));
      } else if (typed) {
        credential.put("secret", TYPED_SECRET);
      } else {
        credential.set("secret", credentials.get("secret"));
      }
    }
    if (!problems.isEmpty()) {
      throw ApiException.invalid("connection", problems);
    }
    ObjectNode definition = Json.object().put("name", PIPELINE_NAME);
    definition.set("connector", body.get("connector"));
    if (body.has("config")) {
      definition.set("config", body.get("config"));
    }
    if (body.has("auth_method")) {
      credential.set("auth_method", body.get("auth_method"));
    }
    if (!credential.isEmpty()) {
      definition.set("credentials", credential);
    }
    definition.set("endpoints", endpoints);
    definition.put("schedule", "0 0 1 1 *");
    return definition;
  }

  /** The stored secret's values, to mask them in what is shown; empty when it cannot be read (the test says why). */
  private Map<String, String> stored(PipelineSpec spec) {
    if (spec.credentialsSecret().isEmpty()) {
      return Map.of();
    }
    try {
      return secrets.read(spec.credentialsSecret().get()).orElse(Map.of());
    } catch (IOException e) {
      return Map.of();
    }
  }

  private static ObjectNode json(ConnectionTester.Result result, PipelineSpec spec, Redactor redactor) {
    ObjectNode out = Json.object().put("ok", result.ok());
    ArrayNode endpoints = out.putArray("endpoints");
    for (EndpointCheck check : result.checks()) {
      ObjectNode e = endpoints.addObject().put("endpoint", check.endpoint()).put("ok", check.ok());
      if (check.httpStatus() > 0) {
        e.put("http_status", check.httpStatus());
      } else {
        e.putNull("http_status");
      }
      e.put("error_class", check.ok() ? null : check.errorClass().name())
          .put("message", redactor.mask(check.message()))
          .put("records", check.records()).put("has_more", check.hasMore()).put("requests", check.stats().requests());
      e.set("first_record", check.first().map(json -> FirstRecords.redacted(json,
          spec.connector().endpoints().get(check.endpoint()), redactor)).orElse(null));
    }
    for (String endpoint : result.notTested()) {
      endpoints.addObject().put("endpoint", endpoint).put("ok", false).putNull("http_status")
          .put("error_class", "NOT_TESTED").put("message", "not tested: the test's " + ConnectionTester.TIME
              .toSeconds() + " s had passed before this endpoint's turn").put("records", 0).put("has_more", false)
          .put("requests", 0).putNull("first_record");
    }
    return out;
  }

  private static ObjectNode body(Context ctx) {
    return Json.objectBody(ctx, "request body must be a JSON object {\"connector\": …, \"config\": {…}, "
        + "\"credentials\": {…}, \"endpoints\": […]}");
  }

  /** The control plane's secret store, for a test of a stored secret; never leaves this process. */
  private static final class LiveStore implements SecretStoreProvider {
    private static final long serialVersionUID = 1L;
    private final transient SecretStore store;

    LiveStore(SecretStore store) {
      this.store = store;
    }

    @Override
    public SecretStore open() {
      return store;
    }
  }
}
