package dev.ingest.sources.airbyte.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, per stream of a resolved manifest, whether the engine can run it: a component that needs Python
 * ({@code Custom*} types, {@code class_name}) refuses the whole manifest; a component the engine does not run yet
 * (or a supported one with an unsupported option) makes the stream not runnable, with the component's path and
 * why. JSON schemas ({@code schema_loader}) and {@code $parameters} are not components and are skipped.
 */
public final class ComponentSupport {
  /** The component types the engine runs. */
  public static final Set<String> SUPPORTED = Set.of(
      "DeclarativeStream", "SimpleRetriever", "HttpRequester", "RecordSelector", "DpathExtractor", "RecordFilter",
      "InlineSchemaLoader", "JsonFileSchemaLoader", "RequestOption", "RequestPath", "DefaultPaginator",
      "NoPagination", "CursorPagination", "PageIncrement", "OffsetIncrement", "NoAuth", "BearerAuthenticator",
      "BasicHttpAuthenticator", "ApiKeyAuthenticator", "DefaultErrorHandler", "CompositeErrorHandler",
      "HttpResponseFilter", "ExponentialBackoffStrategy", "ConstantBackoffStrategy", "WaitTimeFromHeader",
      "WaitUntilTimeFromHeader", "AddFields", "AddedFieldDefinition", "RemoveFields", "SubstreamPartitionRouter",
      "ParentStreamConfig", "JsonDecoder", "OAuthAuthenticator", "SessionTokenAuthenticator",
      "SelectiveAuthenticator", "ApiKey", "Bearer", "ListPartitionRouter", "DatetimeBasedCursor", "MinMaxDatetime");
  /** Options of a supported component that the engine does not run: refused when set (truthy). */
  private static final Map<String, List<String>> UNSUPPORTED_OPTIONS = Map.of(
      "DatetimeBasedCursor", List.of("allow_catalog_defined_cursor_field"),
      "ParentStreamConfig", List.of("lazy_read_pointer", "extra_fields"));

  private ComponentSupport() {}

  /** Where a component needs Python code, as {@code path: Type needs Python code}; empty when nowhere. */
  public static List<ManifestException> pythonComponents(JsonNode streams) {
    List<ManifestException> found = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      python(streams.get(i), ManifestPaths.element("streams", i), found);
    }
    return found;
  }

  private static void python(JsonNode node, String path, List<ManifestException> found) {
    if (node.isObject()) {
      String type = node.path("type").asText("");
      if (type.startsWith("Custom") || node.has("class_name")) {
        String what = type.isEmpty() ? "class_name " + node.path("class_name").asText() : type;
        found.add(new ManifestException(path, what + " needs Python code"));
        return;
      }
      node.fields().forEachRemaining(f -> {
        if (!skipped(f.getKey())) {
          python(f.getValue(), ManifestPaths.child(path, f.getKey()), found);
        }
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        python(node.get(i), ManifestPaths.element(path, i), found);
      }
    }
  }

  /** Why the stream at {@code path} cannot run yet, or empty when it can. */
  public static Optional<ManifestException> unsupported(JsonNode stream, String path) {
    if (!stream.path("name").isTextual()) {
      return Optional.of(new ManifestException(path, "DeclarativeStream needs a name"));
    }
    return walk(stream, path);
  }

  private static Optional<ManifestException> walk(JsonNode node, String path) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<ManifestException> found = walk(node.get(i), ManifestPaths.element(path, i));
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (!node.isObject()) {
      return Optional.empty();
    }
    String type = node.path("type").asText("");
    if (!type.isEmpty() && Character.isUpperCase(type.charAt(0))) {
      for (String option : UNSUPPORTED_OPTIONS.getOrDefault(type, List.of())) {
        if (truthy(node.path(option))) {
          return Optional.of(new ManifestException(ManifestPaths.child(path, option), "not supported"));
        }
      }
      if (type.equals("ParentStreamConfig") && truthy(node.path("incremental_dependency"))
          && dependsIncrementally(node.path("stream"))) {
        return Optional.of(new ManifestException(ManifestPaths.child(path, "incremental_dependency"),
            "not supported on a parent stream that itself sets incremental_dependency on its own parent"));
      }
      Optional<String> problem = problem(type, node);
      if (problem.isPresent()) {
        return Optional.of(new ManifestException(path, problem.get()));
      }
    }
    for (var it = node.fields(); it.hasNext(); ) {
      var field = it.next();
      if (skipped(field.getKey())) {
        continue;
      }
      Optional<ManifestException> found = walk(field.getValue(), ManifestPaths.child(path, field.getKey()));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> problem(String type, JsonNode node) {
    if (!SUPPORTED.contains(type)) {
      return Optional.of(type + " is not supported");
    }
    return switch (type) {
      case "SimpleRetriever" -> node.path("partition_router").size() > 1 && node.path("partition_router").isArray()
          ? Optional.of("a list of more than one partition router is not supported") : Optional.empty();
      case "OAuthAuthenticator" -> node.has("profile_assertion") ? Optional.of(
          "OAuthAuthenticator.profile_assertion is not supported") : Optional.empty();
      case "SubstreamPartitionRouter" -> node.path("parent_stream_configs").size() == 1 ? Optional.empty()
          : Optional.of("exactly one parent_stream_configs entry is supported, got "
              + node.path("parent_stream_configs").size());
      case "RemoveFields", "AddFields" -> node.path("condition").asText("").isEmpty() ? Optional.empty()
          : Optional.of(type + " with a condition is not supported yet");
      case "DpathExtractor" -> node.has("record_expander")
          ? Optional.of("DpathExtractor.record_expander is not supported") : Optional.empty();
      case "DatetimeBasedCursor" -> clampingProblem(node.path("clamping"));
      case "HttpRequester" -> node.has("request_body")
          ? Optional.of("HttpRequester.request_body is not supported yet") : Optional.empty();
      default -> Optional.empty();
    };
  }

  /**
   * What Airbyte refuses in a {@code clamping} whose target is written out (an interpolated target is checked
   * when the stream is read): a target other than DAY, WEEK, MONTH, or WEEK without a known
   * {@code target_details.weekday}.
   */
  private static Optional<String> clampingProblem(JsonNode clamping) {
    if (clamping.isMissingNode() || clamping.isNull()) {
      return Optional.empty();
    }
    String target = clamping.path("target").asText("");
    if (target.contains("{{") || target.contains("{%")) {
      return Optional.empty();
    }
    if (!Set.of("DAY", "WEEK", "MONTH").contains(target)) {
      return Optional.of("DatetimeBasedCursor.clamping.target: invalid clamping target '" + target
          + "', expected DAY, WEEK, MONTH");
    }
    if (target.equals("WEEK") && !Set.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
        "SUNDAY").contains(clamping.path("target_details").path("weekday").asText(""))) {
      return Optional.of("DatetimeBasedCursor.clamping.target_details.weekday: WEEK clamping needs a weekday "
          + "(MONDAY ... SUNDAY), got '" + clamping.path("target_details").path("weekday").asText("") + "'");
    }
    return Optional.empty();
  }

  /**
   * What Airbyte refuses when it builds a manifest's {@code concurrency_level}: no {@code default_concurrency}, a {@code max_concurrency}
   * that is not a positive integer, or a {@code default_concurrency} from the config without a
   * {@code max_concurrency}; as {@code field: reason}. Empty when the component is fine or absent.
   */
  public static Optional<String> concurrencyProblem(JsonNode level) {
    if (level == null || level.isMissingNode() || level.isNull()) {
      return Optional.empty();
    }
    JsonNode given = level.path("default_concurrency");
    JsonNode max = level.path("max_concurrency");
    if (!given.isIntegralNumber() && !given.isTextual()) {
      return Optional.of("default_concurrency: required, an integer or a template");
    }
    if (!max.isMissingNode() && !max.isNull() && !(max.isIntegralNumber() && max.asLong() > 0)) {
      return Optional.of("max_concurrency: must be a positive integer, got " + max);
    }
    if (given.isTextual() && given.asText().contains("config") && (max.isMissingNode() || max.isNull())) {
      return Optional.of("max_concurrency: required when default_concurrency comes from the config (Airbyte's "
          + "safeguard against a user-defined level that is too high)");
    }
    return Optional.empty();
  }

  /** True when {@code stream}'s partition router has a parent config with {@code incremental_dependency}. */
  private static boolean dependsIncrementally(JsonNode stream) {
    JsonNode router = stream.path("retriever").path("partition_router");
    List<JsonNode> routers = new ArrayList<>();
    if (router.isArray()) {
      router.forEach(routers::add);
    } else {
      routers.add(router);
    }
    for (JsonNode r : routers) {
      for (JsonNode config : r.path("parent_stream_configs")) {
        if (truthy(config.path("incremental_dependency"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean truthy(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    return !(value.isContainerNode() && value.isEmpty()) && !(value.isTextual() && value.asText().isEmpty());
  }

  private static boolean skipped(String key) {
    return key.equals("schema_loader") || key.equals("$parameters") || key.equals("schema");
  }
}
