package dev.ingest.control.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Flink Kubernetes Operator's CRD schemas (release 1.15.0, copied verbatim from its generated CRDs into
 * src/test/resources/k8s/crds/) as JSON Schemas, validated with networknt's json-schema-validator.
 *
 * <p>A CRD's {@code openAPIV3Schema} is not quite a JSON Schema; the API server reads it as a structural schema.
 * The translation follows the API server's rules: an object with {@code properties} admits no other field unless
 * it says {@code x-kubernetes-preserve-unknown-fields: true} (the API server would prune unknown fields silently;
 * here they are errors, so a misspelt key cannot slip through), {@code x-kubernetes-int-or-string} accepts an
 * integer or a string, and {@code nullable: true} adds {@code null} to the type. {@code apiVersion}, {@code kind}
 * and {@code metadata}, which every custom resource has, are added at the root as the API server does.
 */
final class CrdSchemas {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

  private static final Map<String, Schema> BY_KIND = new java.util.concurrent.ConcurrentHashMap<>();

  private CrdSchemas() {}

  /** The schema of {@code kind} (FlinkDeployment, FlinkSessionJob) at version v1beta1. */
  static Schema forKind(String kind) {
    return BY_KIND.computeIfAbsent(kind, CrdSchemas::load);
  }

  private static Schema load(String kind) {
    String file = switch (kind) {
      case "FlinkDeployment" -> "k8s/crds/flinkdeployments.flink.apache.org-v1.yml";
      case "FlinkSessionJob" -> "k8s/crds/flinksessionjobs.flink.apache.org-v1.yml";
      default -> throw new IllegalArgumentException("no CRD for kind " + kind);
    };
    JsonNode crd = read(file);
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (version.path("name").asText().equals("v1beta1")) {
        ObjectNode schema = (ObjectNode) structural(version.path("schema").path("openAPIV3Schema").deepCopy());
        // the API server adds these to every custom resource's schema
        ObjectNode properties = (ObjectNode) schema.path("properties");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        properties.putObject("metadata").put("type", "object");
        return REGISTRY.getSchema(schema.toString(), InputFormat.JSON);
      }
    }
    throw new IllegalStateException(file + " has no v1beta1 version");
  }

  /** The problems of {@code resource} against its kind's schema, as "path: message" lines (empty = valid). */
  static List<String> problems(JsonNode resource) {
    List<Error> errors = forKind(resource.path("kind").asText()).validate(resource);
    return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
  }

  /** The API server's reading of an openAPIV3Schema node, as a JSON Schema (in place). */
  static JsonNode structural(JsonNode node) {
    if (!(node instanceof ObjectNode schema)) {
      return node;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      schema.remove("type");
      ArrayNode anyOf = schema.putArray("anyOf");
      anyOf.addObject().put("type", "integer");
      anyOf.addObject().put("type", "string");
    }
    if (schema.path("nullable").asBoolean(false) && schema.path("type").isTextual()) {
      ArrayNode types = JsonNodeFactory.instance.arrayNode().add(schema.path("type").asText()).add("null");
      schema.set("type", types);
    }
    JsonNode properties = schema.get("properties");
    if (properties != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
        structural(it.next().getValue());
      }
      if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
          && !schema.has("additionalProperties")) {
        schema.put("additionalProperties", false);
      }
    }
    structural(schema.get("items"));
    if (schema.get("additionalProperties") instanceof ObjectNode additional) {
      structural(additional);
    }
    for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
      schema.path(combinator).forEach(CrdSchemas::structural);
    }
    return schema;
  }

  static JsonNode read(String resource) {
    try (InputStream in = CrdSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the test classpath");
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
