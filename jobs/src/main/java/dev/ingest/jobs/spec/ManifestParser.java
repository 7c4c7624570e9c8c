package dev.ingest.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.airbyte.AirbyteManifests;
import dev.ingest.sources.airbyte.ManifestConnector;
import dev.ingest.sources.airbyte.ManifestDirectory;
import dev.ingest.sources.airbyte.StreamEntry;
import dev.ingest.sources.spec.ConnectorCatalog;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.FieldError;
import dev.ingest.sources.spec.SpecException;
import dev.ingest.sources.spec.SpecReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a pipeline whose {@code connector_file} is an Airbyte manifest ({@code type: DeclarativeSource}), or whose
 * {@code connector} names one the installation offers ({@link ManifestDirectory}): loads it
 * (refusals name {@code connector_file.<component path>}), checks {@code config} against the manifest's
 * connection specification (an inline {@code airbyte_secret} value is refused naming the field), translates it into
 * the {@link ConnectorSpec} the other blocks read, and refuses selected streams that cannot run, naming the
 * component and why.
 */
final class ManifestParser {
  private ManifestParser() {}

  /**
   * True when {@code connector} names a manifest the installation offers ({@link ManifestDirectory}) rather than a
   * built-in connector (built-ins keep their names; a manifest of the same name is offered as {@code airbyte_<name>}).
   */
  static boolean namesManifest(JsonNode root, ConnectorCatalog catalog, ManifestDirectory manifests) {
    JsonNode name = root.get("connector");
    return name != null && name.isTextual() && !root.has("connector_file")
        && catalog.find(name.textValue()).isEmpty() && manifests.find(name.textValue()).isPresent();
  }

  /**
   * The manifest {@code connector_file} names, or the one {@code connector} names from {@code manifests} (when
   * {@link #namesManifest}); null when neither (a built-in or a native connector file). Refusals are recorded under
   * {@code connector_file.<component path>} or {@code connector.<component path>}.
   */
  static ManifestConnector load(JsonNode root, SpecReader r, Path baseDir, ConnectorCatalog catalog,
      ManifestDirectory manifests) {
    if (namesManifest(root, catalog, manifests)) {
      return loaded(r, "connector", () -> manifests.load(root.get("connector").textValue(),
          AirbyteManifests.standardInterpolation()));
    }
    JsonNode file = root.get("connector_file");
    if (file == null || !file.isTextual() || root.has("connector")) {
      return null;
    }
    Path path = baseDir == null ? Path.of(file.textValue()) : baseDir.resolve(file.textValue());
    if (!AirbyteManifests.isManifest(path)) {
      return null;
    }
    return loaded(r, "connector_file", () -> AirbyteManifests.load(path, AirbyteManifests.standardInterpolation()));
  }

  private interface Loading {
    ManifestConnector load() throws SpecException;
  }

  private static ManifestConnector loaded(SpecReader r, String field, Loading loading) {
    try {
      return loading.load();
    } catch (SpecException e) {
      for (FieldError error : e.errors()) {
        r.error(error.path().isEmpty() ? field : field + "." + error.path(), error.message());
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
