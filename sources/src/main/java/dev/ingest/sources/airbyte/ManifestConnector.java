package dev.ingest.sources.airbyte;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.airbyte.runtime.Component;
import dev.ingest.sources.airbyte.runtime.ConfigValues;
import dev.ingest.sources.airbyte.runtime.EvalContext;
import dev.ingest.sources.airbyte.runtime.Interpolation;
import dev.ingest.sources.airbyte.runtime.ManifestFetcherFactory;
import dev.ingest.sources.airbyte.runtime.SpecProperties;
import dev.ingest.sources.airbyte.runtime.Templates;
import dev.ingest.sources.spec.AuthSpec;
import dev.ingest.sources.spec.ConfigField;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.CredentialField;
import dev.ingest.sources.spec.EndpointSpec;
import dev.ingest.sources.spec.IncrementalSpec;
import dev.ingest.sources.spec.FieldError;
import dev.ingest.sources.spec.PagingSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded Airbyte manifest: its streams (runnable or not, and why), its config form
 * ({@code spec.connection_specification}: {@code airbyte_secret} fields are the credential form, the others the
 * config), the checks a pipeline's {@code config} passes, the {@link ConnectorSpec} the pipeline model sees, and
 * the fetcher factory that runs it. Immutable and serializable (it travels in job graphs); holds no secret.
 */
public final class ManifestConnector implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The pipeline config key that overrides every stream's {@code url_base}. */
  public static final String URL_BASE = "url_base";

  private final String name;
  private final List<StreamEntry> streams;
  private final Component connectionSpecification;
  private final Interpolation interpolation;
  private final Component concurrencyLevel;

  /** @param concurrencyLevel the manifest's {@code concurrency_level}, or null */
  ManifestConnector(String name, List<StreamEntry> streams, Component connectionSpecification,
      Interpolation interpolation, Component concurrencyLevel) {
    this.concurrencyLevel = concurrencyLevel;
    this.name = Objects.requireNonNull(name, "name");
    this.streams = List.copyOf(streams);
    this.connectionSpecification = connectionSpecification;
    this.interpolation = Objects.requireNonNull(interpolation, "interpolation");
  }

  public String name() {
    return name;
  }

  /** Every stream, in manifest order. */
  public List<StreamEntry> streams() {
    return streams;
  }

  /** The stream called {@code name}. */
  public Optional<StreamEntry> stream(String name) {
    return streams.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The manifest's {@code spec.connection_specification}. */
  public JsonNode connectionSpecification() {
    return connectionSpecification.node().deepCopy();
  }

  private JsonNode properties() {
    return connectionSpecification.node().path("properties");
  }

  /** The {@code airbyte_secret: true} properties: their values come only from the secret store. */
  public List<String> secretFields() {
    return new ArrayList<>(SpecProperties.secretPaths(connectionSpecification.node()));
  }

  /** The property at a config path ({@code start_date}, {@code credentials.client_id}), or a missing node. */
  public JsonNode property(String path) {
    return SpecProperties.property(connectionSpecification.node(), path);
  }

  private List<String> required() {
    List<String> required = new ArrayList<>();
    connectionSpecification.node().path("required").forEach(r -> required.add(r.asText()));
    return required;
  }

  /**
   * Checks a pipeline's {@code config} against the connection specification: an {@code airbyte_secret} field
   * given inline is refused (it belongs in the secret store), required non-secret fields must have a value or a
   * default, values must have their declared type, unknown keys are refused when the specification says
   * {@code additionalProperties: false}; {@code url_base} is the pipeline's override of every stream's URL base.
   * Errors name {@code config.<key>} and never echo a secret value.
   */
  public List<FieldError> checkConfig(Map<String, String> values) {
    List<FieldError> errors = new ArrayList<>();
    List<String> secrets = secretFields();
    JsonNode properties = properties();
    for (Map.Entry<String, String> value : values.entrySet()) {
      String key = value.getKey();
      String field = "config." + key;
      if (secrets.contains(key)) {
        errors.add(new FieldError(field, "is an airbyte_secret field: its value comes only from the secret store "
            + "(put it in the secret named by credentials.secret), never inline"));
      } else if (key.equals(URL_BASE) || key.equals(ManifestFetcherFactory.TOKEN_URL)) {
        continue;
      } else if (property(key).isMissingNode()) {
        if (!connectionSpecification.node().path("additionalProperties").asBoolean(true)) {
          errors.add(new FieldError(field, "unknown config key of manifest " + name + " (expected one of "
              + String.join(", ", nonSecretKeys()) + ")"));
        }
      } else if (value.getValue() == null) {
        errors.add(new FieldError(field, "must not be null"));
      } else {
        try {
          Object typed = ConfigValues.typed(key, value.getValue(), property(key));
          if (typed instanceof Map<?, ?> given) { // an inline object must not carry its secret fields
            given.keySet().stream().map(k -> key + "." + k).filter(secrets::contains).forEach(k -> errors.add(
                new FieldError("config." + k, "is an airbyte_secret field: its value comes only from the secret "
                    + "store (put it in the secret named by credentials.secret), never inline")));
          }
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError(field, e.getMessage().substring(e.getMessage().indexOf(':') + 2)));
        }
      }
    }
    for (String key : required()) {
      boolean nestedGiven = values.keySet().stream().anyMatch(k -> k.startsWith(key + "."))
          || secrets.stream().anyMatch(k -> k.startsWith(key + "."));
      if (!secrets.contains(key) && !values.containsKey(key) && !nestedGiven
          && !properties.path(key).has("default")) {
        errors.add(new FieldError("config." + key, "required (" + properties.path(key).path("title").asText(key)
            + ")"));
      }
    }
    return errors;
  }

  /** True when a required field is secret, so the pipeline must name a secret. */
  public boolean needsSecret() {
    return required().stream().anyMatch(secretFields()::contains);
  }

  private List<String> nonSecretKeys() {
    List<String> keys = new ArrayList<>();
    properties().fieldNames().forEachRemaining(k -> {
      if (!secretFields().contains(k)) {
        keys.add(k);
      }
    });
    return keys;
  }

  /**
   * The URL base the pipeline's requests go to: the {@code url_base} override, else the first runnable stream's
   * {@code url_base} evaluated with the (non-secret) config; empty when it needs a secret to evaluate.
   */
  public Optional<String> urlBase(Map<String, String> config) {
    if (config.containsKey(URL_BASE)) {
      return Optional.of(config.get(URL_BASE));
    }
    Map<String, String> plain = new LinkedHashMap<>(config);
    Templates templates = new Templates(interpolation);
    for (StreamEntry stream : streams) {
      if (!stream.runnable()) {
        continue;
      }
      Component requester = stream.component().child("retriever").child("requester");
      try {
        EvalContext context = EvalContext.of(ConfigValues.typed(plain, connectionSpecification.node()),
            stream.component().parameters(), Map.of());
        return Optional.ofNullable(templates.text(requester, "url_base", context, null));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * The connector as the pipeline model sees it: one endpoint per stream (primary key, parent stream), the
   * non-secret properties (and {@code url_base}) as config, the secret ones as the credential form, and the base URL
   * the pipeline's config resolves to (which the network policy checks).
   */
  public ConnectorSpec connectorSpec(Map<String, String> config) {
    Map<String, ConfigField> fields = new LinkedHashMap<>();
    properties().fields().forEachRemaining(p -> {
      if (!p.getValue().path("airbyte_secret").asBoolean(false)) {
        JsonNode property = p.getValue();
        // the title names the field; the description (else the title, as before) helps
        String help = property.path("description").asText("");
        fields.put(p.getKey(), new ConfigField(p.getKey(), false, help.isEmpty() ? property.path("title").asText("")
            : help, null, property.path("title").asText("")));
      }
    });
    config.keySet().forEach(k -> fields.putIfAbsent(k, new ConfigField(k, false, "", null)));
    fields.putIfAbsent(URL_BASE, new ConfigField(URL_BASE, false, "overrides every stream's url_base", null));
    fields.putIfAbsent(ManifestFetcherFactory.TOKEN_URL, new ConfigField(ManifestFetcherFactory.TOKEN_URL, false,
        "overrides every OAuthAuthenticator's token_refresh_endpoint", null));
    Map<String, CredentialField> credentials = new LinkedHashMap<>();
    List<String> required = required();
    for (String key : secretFields()) {
      JsonNode p = property(key);
      credentials.put(key, new CredentialField(key, true, p.path("title").asText(key),
          p.path("description").asText(""), required.contains(key)));
    }
    AuthSpec auth = credentials.isEmpty() ? AuthSpec.NONE
        : AuthSpec.bearer("{{ credentials." + credentials.keySet().iterator().next() + " }}");
    Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
    for (StreamEntry stream : streams) {
      endpoints.put(stream.name(), new EndpointSpec(stream.name(), stream.problem() == null ? ""
          : "not runnable: " + stream.problem(), "/", Map.of(), Map.of(), "$", stream.primaryKey(), null,
          PagingSpec.NONE, "GET", null, incremental(stream), parentName(stream)));
    }
    // with an override the network policy check names config.url_base; else the manifest's own base is checked
    String base = config.containsKey(URL_BASE) ? "{{ config." + URL_BASE + " }}"
        : urlBase(config).orElse("https://manifest.invalid").replace("{{", "{ {");
    return new ConnectorSpec(name, "Airbyte manifest " + name, base, fields, credentials,
        auth, Map.of(), PagingSpec.NONE, endpoints);
  }

  /**
   * A stream with a {@code DatetimeBasedCursor} is incremental: its cursor ({@code cursor_field}; the runtime
   * reads and compares the values itself) is kept like a native endpoint's high-water mark.
   */
  private static IncrementalSpec incremental(StreamEntry stream) {
    Component cursor = stream.component().child("incremental_sync");
    if (cursor == null || !cursor.type().equals("DatetimeBasedCursor")) {
      return null;
    }
    return new IncrementalSpec(cursor.text("cursor_field", "cursor"), null, null, java.time.Duration.ZERO);
  }

  private static String parentName(StreamEntry stream) {
    Component retriever = stream.component().child("retriever");
    Component router = retriever == null ? null : retriever.child("partition_router");
    if (router != null && router.node().isArray()) { // a list of one router is that router
      router = router.node().size() == 1 ? retriever.element("partition_router", 0) : null;
    }
    if (router == null || !router.type().equals("SubstreamPartitionRouter")) {
      return null;
    }
    return router.element("parent_stream_configs", 0).child("stream").text("name", null);
  }

  /** The factory that runs the runnable streams with these settings. */
  public ManifestFetcherFactory fetcherFactory(ManifestFetcherFactory.Settings settings) {
    Map<String, Component> runnable = new LinkedHashMap<>();
    streams.stream().filter(StreamEntry::runnable).forEach(s -> runnable.put(s.name(), s.component()));
    return new ManifestFetcherFactory(runnable, connectionSpecification, settings, interpolation, concurrencyLevel);
  }

  @Override
  public String toString() {
    return "ManifestConnector{" + name + ", streams=" + streams.stream().map(StreamEntry::name).toList() + "}";
  }
}
