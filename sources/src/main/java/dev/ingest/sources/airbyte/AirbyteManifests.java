package dev.ingest.sources.airbyte;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.airbyte.manifest.ComponentSupport;
import dev.ingest.sources.airbyte.manifest.ManifestException;
import dev.ingest.sources.airbyte.manifest.ManifestParameters;
import dev.ingest.sources.airbyte.manifest.ManifestPaths;
import dev.ingest.sources.airbyte.manifest.ManifestReferences;
import dev.ingest.sources.airbyte.runtime.Component;
import dev.ingest.sources.airbyte.runtime.Interpolation;
import dev.ingest.sources.spec.FieldError;
import dev.ingest.sources.spec.SafeYaml;
import dev.ingest.sources.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads Airbyte declarative manifests: parses the YAML, resolves {@code $ref}s, infers types and propagates
 * {@code $parameters} (as Airbyte's CDK does), refuses components that need Python with their path, and marks each
 * stream runnable or not. Errors are {@link SpecException}s whose field paths are component paths.
 */
public final class AirbyteManifests {
  private AirbyteManifests() {}

  /** The Airbyte-compatible Jinja interpolation manifests are evaluated with. */
  public static Interpolation standardInterpolation() {
    return new JinjaInterpolation();
  }

  /** True when {@code file} holds a manifest ({@code type: DeclarativeSource} at the top). */
  public static boolean isManifest(Path file) {
    try {
      return isManifest(SafeYaml.parse(file.toString(), Files.readAllBytes(file)));
    } catch (IOException | SpecException e) {
      return false;
    }
  }

  /** True when {@code root} is a manifest. */
  public static boolean isManifest(JsonNode root) {
    return root.isObject() && "DeclarativeSource".equals(root.path("type").asText());
  }

  /** Loads {@code file} with the given template interpolation. */
  public static ManifestConnector load(Path file, Interpolation interpolation) throws SpecException {
    return load(file, connectorName(file), interpolation);
  }

  /** Loads {@code file} as the connector called {@code name}. */
  public static ManifestConnector load(Path file, String name, Interpolation interpolation) throws SpecException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new SpecException(file.toString(), "", "cannot read: " + e.getMessage());
    }
    if (Files.exists(file.resolveSibling("components.py"))) {
      throw new SpecException(file.toString(), "", "components.py beside the manifest: its custom components need "
          + "Python code");
    }
    return parse(file.toString(), bytes, name, interpolation);
  }

  /** Parses manifest YAML; {@code name} becomes the connector's name. */
  public static ManifestConnector parse(String source, byte[] yaml, String name, Interpolation interpolation)
      throws SpecException {
    JsonNode root = SafeYaml.parse(source, yaml);
    if (!isManifest(root)) {
      throw new SpecException(source, "type", "not an Airbyte manifest (expected type: DeclarativeSource)");
    }
    JsonNode resolved;
    try {
      resolved = ManifestParameters.propagate(ManifestReferences.resolve(root));
    } catch (ManifestException e) {
      throw new SpecException(source, e.path(), e.reason());
    }
    JsonNode streams = resolved.path("streams");
    if (!streams.isArray() || streams.isEmpty()) {
      throw new SpecException(source, "streams", "a manifest needs a list of streams (dynamic_streams are not "
          + "supported)");
    }
    List<ManifestException> python = ComponentSupport.pythonComponents(streams);
    if (!python.isEmpty()) {
      List<FieldError> errors = new ArrayList<>();
      python.forEach(e -> errors.add(new FieldError(e.path(), e.reason())));
      throw new SpecException(source, errors);
    }
    JsonNode spec = resolved.path("spec").path("connection_specification");
    if (!spec.isObject()) {
      throw new SpecException(source, "spec.connection_specification", "required (the manifest's config form)");
    }
    JsonNode level = resolved.path("concurrency_level");
    Optional<String> levelProblem = ComponentSupport.concurrencyProblem(level);
    if (levelProblem.isPresent()) {
      String problem = levelProblem.get();
      int colon = problem.indexOf(": ");
      throw new SpecException(source, "concurrency_level." + problem.substring(0, colon),
          problem.substring(colon + 2));
    }
    List<StreamEntry> entries = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      JsonNode stream = streams.get(i);
      String path = ManifestPaths.element("streams", i);
      String problem = ComponentSupport.unsupported(stream, path).map(Exception::getMessage).orElse(null);
      List<String> key = new ArrayList<>();
      JsonNode pk = stream.path("primary_key");
      if (pk.isTextual()) {
        key.add(pk.textValue());
      } else {
        pk.forEach(k -> key.add(k.isArray() ? k.path(0).asText() : k.asText()));
      }
      entries.add(new StreamEntry(stream.path("name").asText("stream_" + i), path, key, new Component(stream, path),
          problem));
    }
    return new ManifestConnector(name, entries, new Component(spec, "spec.connection_specification"),
        interpolation, level.isObject() ? new Component(level, "concurrency_level") : null);
  }

  /**
   * The connector name of a manifest file: the file name ({@code source-todoist.yaml}) or, for
   * {@code manifest.yaml}, its folder ({@code source-todoist/}), without {@code source-}, as {@code [a-z0-9_]}.
   */
  public static String connectorName(Path file) {
    String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    if (base.equals("manifest") && file.toAbsolutePath().getParent() != null) {
      base = file.toAbsolutePath().getParent().getFileName().toString();
    }
    String name = base.toLowerCase(Locale.ROOT).replaceFirst("^source-", "").replaceAll("[^a-z0-9]+", "_")
        .replaceAll("^_+|_+$", "");
    return name.isEmpty() || !Character.isLetter(name.charAt(0)) ? "manifest_" + name : name;
  }
}
