package dev.ingest.control.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.spec.SafeYaml;
import dev.ingest.sources.spec.SpecException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

/**
 * Turns a request body into a validated pipeline. The body is the pipeline definition of docs/pipelines.md as a
 * JSON object (or YAML, with a YAML content type), parsed with the same limits as pipeline files (size, depth,
 * aliases). An optional top-level {@code version} is the version the client read (for versioned updates) and is
 * not part of the definition. Every problem comes back as a {@link FieldProblem} naming its field.
 */
final class DefinitionReader {
  static final String VERSION_FIELD = "version";

  private final PipelineLoader loader;

  DefinitionReader(PipelineLoader loader) {
    this.loader = loader;
  }

  /**
   * A validated pipeline, its definition as canonical JSON, and the version the body carried.
   *
   * @param spec the validated pipeline
   * @param json the definition (without {@code version}) as JSON text, as stored
   * @param version the {@code version} field of the body, if given
   */
  record Definition(PipelineSpec spec, String json, OptionalLong version) {}

  /** Parses and validates a request body. */
  Definition read(byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest("", "request body is empty: send the pipeline definition as a JSON object");
    }
    JsonNode root;
    try {
      root = SafeYaml.parse("request body", body);
    } catch (SpecException e) {
      throw ApiException.badRequest("", "request body is not a JSON or YAML object: "
          + e.errors().get(0).message());
    }
    if (root == null || !root.isObject()) {
      throw ApiException.badRequest("", "request body must be a JSON object or YAML mapping (the pipeline definition)");
    }
    ObjectNode definition = ((ObjectNode) root).deepCopy();
    OptionalLong version = version(definition.remove(VERSION_FIELD));
    if (definition.has("connector_file")) {
      throw ApiException.invalid("pipeline", List.of(new FieldProblem("connector_file",
          "not accepted through the API (it names a file on the server): use a built-in connector")));
    }
    return read(definition, version);
  }

  /** Validates a stored definition (JSON text). */
  Definition read(String storedJson) {
    try {
      return read((ObjectNode) Json.MAPPER.readTree(storedJson), OptionalLong.empty());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("stored pipeline definition is not JSON", e);
    }
  }

  /** Validates a definition built by the control plane itself (a connection test's). */
  Definition validate(ObjectNode definition) {
    return read(definition, OptionalLong.empty());
  }

  private Definition read(ObjectNode definition, OptionalLong version) {
    String json = Json.write(definition);
    try {
      PipelineSpec spec = loader.parse("pipeline", json.getBytes(StandardCharsets.UTF_8), null);
      return new Definition(spec, json, version);
    } catch (SpecException e) {
      throw ApiException.invalid("pipeline", FieldProblem.of(e.errors()));
    }
  }

  private static OptionalLong version(JsonNode node) {
    if (node == null || node.isNull()) {
      return OptionalLong.empty();
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 1) {
      throw ApiException.invalid("request", List.of(new FieldProblem(VERSION_FIELD,
          "expected the pipeline version you read (an integer >= 1)")));
    }
    return OptionalLong.of(node.asLong());
  }
}
