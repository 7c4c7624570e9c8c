package dev.ingest.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.airbyte.AirbyteManifests;
import dev.ingest.sources.airbyte.ManifestConnector;
import dev.ingest.sources.airbyte.StreamEntry;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.FieldError;
import dev.ingest.sources.spec.SpecException;
import dev.ingest.sources.spec.SpecReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a pipeline whose {@code connector_file} is an Airbyte manifest ({@code type: DeclarativeSource}): loads it
 * (refusals name {@code connector_file.<component path>}), checks {@code config} against the manifest's
 * connection specification (an inline {@code airbyte_secret} value is refused naming the field), translates it into
 * the {@link ConnectorSpec} the other blocks read, and refuses selected streams that cannot run, naming the
 * component and why.
 */
final class ManifestParser {
  private ManifestParser() {}

  /** The manifest {@code connector_file} names, or null when it names none (or a native connector file). */
  static ManifestConnector load(JsonNode root, SpecReader r, Path baseDir) {
    JsonNode file = root.get("connector_file");
    if (file == null || !file.isTextual() || root.has("connector")) {
      return null;
    }
    Path path = baseDir == null ? Path.of(file.textValue()) : baseDir.resolve(file.textValue());
    if (!AirbyteManifests.isManifest(path)) {
      return null;
    }
    try {
      return AirbyteManifests.load(path, AirbyteManifests.standardInterpolation());
    } catch (SpecException e) {
      for (FieldError error : e.errors()) {
        r.error(error.path().isEmpty() ? "connector_file" : "connector_file." + error.path(), error.message());
      }
      return null;
    }
  }

  /** The connector model of {@code manifest} for this pipeline's config; config problems are recorded. */
  static ConnectorSpec connector(ManifestConnector manifest, JsonNode root, SpecReader r) {
    Map<String, String> config = r.stringMap(root, "", "config");
    manifest.checkConfig(config).forEach(error -> r.error(error.path(), error.message()));
    return manifest.connectorSpec(config);
  }

  /** Records an error for every selected stream that cannot run. */
  static void checkStreams(ManifestConnector manifest, JsonNode root, SpecReader r) {
    JsonNode list = root.path("endpoints");
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String name = item.isTextual() ? item.textValue() : item.path("name").asText("");
      Optional<StreamEntry> stream = manifest.stream(name);
      if (stream.isPresent() && !stream.get().runnable()) {
        r.error("endpoints[" + i + "]", "stream '" + name + "' cannot run: " + stream.get().problem());
      }
    }
  }
}
