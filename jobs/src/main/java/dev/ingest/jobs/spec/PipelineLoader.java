package dev.ingest.jobs.spec;

import dev.ingest.sinks.write.WriteMode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sinks.catalog.DestinationConfig;
import dev.ingest.sources.airbyte.ManifestConnector;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.spec.ConnectorCatalog;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.SafeYaml;
import dev.ingest.sources.spec.SpecException;
import dev.ingest.sources.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads and validates pipeline definitions (YAML, see {@code docs/pipelines.md}). Every problem is reported with
 * its field path in one {@link SpecException}; a definition that loads is deployable.
 *
 * <p>Each top-level block has its own parser ({@link ConnectorReferenceParser}, {@link ConfigParser},
 * {@link CredentialsParser}, {@link EndpointsParser}, {@link DestinationParser}, {@link ScheduleParser},
 * {@link RuntimeParser}, {@link MaintenanceParser}, {@link LineageParser}); the loader reads the file and runs them in order, all
 * recording into one {@link SpecReader}. What a definition leaves out comes from the {@link SpecDefaults} the
 * caller passes in.
 */
public final class PipelineLoader {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final Set<String> TOP_LEVEL = Set.of(
      "name", "description", "connector", "connector_file", "config", "credentials", "endpoints", "destination",
      "schedule", "write_mode", "runtime", "maintenance", "lineage");

  private final SpecDefaults defaults;
  private final ConnectorCatalog catalog;

  /**
   * A loader with connectors from {@code catalog}; its connectors may call only the hosts the defaults' address
   * policy allows (the server-side request forgery guard: see {@link AddressPolicy}).
   */
  public PipelineLoader(SpecDefaults defaults, ConnectorCatalog catalog) {
    this.defaults = defaults;
    this.catalog = catalog;
  }

  /** A loader with the built-in connectors. */
  public PipelineLoader(SpecDefaults defaults) {
    this(defaults, ConnectorCatalog.builtIn());
  }

  /** Loads a pipeline file; a relative {@code connector_file} resolves against the file's folder. */
  public PipelineSpec load(Path file) throws SpecException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SpecException(file.toString(), "", "file not found");
    } catch (IOException e) {
      throw new SpecException(file.toString(), "", "cannot read: " + e.getMessage());
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(file.toString(), bytes, base);
  }

  /** Parses a pipeline from YAML bytes; {@code baseDir} resolves a relative {@code connector_file}. */
  public PipelineSpec parse(String source, byte[] yaml, Path baseDir) throws SpecException {
    JsonNode root = SafeYaml.parse(source, yaml);
    if (!root.isObject()) {
      throw new SpecException(source, "", "a pipeline definition must be a YAML mapping (name: …, connector: …), got "
          + SpecReader.describe(root));
    }
    SpecReader r = new SpecReader(source);
    r.onlyKeys(root, "", TOP_LEVEL);

    String name = r.requiredString(root, "", "name");
    r.matches(name, NAME, "name", "must match [a-z][a-z0-9_]* (at most 63 characters): it names the Iceberg namespace");

    AddressPolicy addresses = defaults.addresses();
    boolean manifestByName = ManifestParser.namesManifest(root, catalog, defaults.manifests());
    ManifestConnector manifest = ManifestParser.load(root, r, baseDir, catalog, defaults.manifests());
    ConnectorSpec connector = manifest != null ? ManifestParser.connector(manifest, root, r)
        : manifestByName || root.has("connector_file")
            && r.errors().stream().anyMatch(e -> e.path().startsWith("connector_file"))
            ? null : ConnectorReferenceParser.parse(root, r, catalog, baseDir);
    Map<String, String> config = ConfigParser.parse(root, r, connector, addresses);
    Optional<String> secret = CredentialsParser.parse(root, r, connector);
    WriteMode defaultMode = WriteModeParser.parse(root, r, "");
    List<EndpointSelection> endpoints = EndpointsParser.parse(root, r, connector, defaultMode);
    DestinationConfig destination = new DestinationParser(defaults, r).parse(root);
    String schedule = ScheduleParser.parse(root, r);
    RuntimeOptions runtime = RuntimeParser.parse(root, r);
    MaintenanceOptions maintenance = MaintenanceParser.parse(root, r);
    LineageOptions lineage = LineageParser.parse(root, r, defaults.lineage());

    if (manifest != null) {
      ManifestParser.checkStreams(manifest, root, r);
    }

    r.throwIfErrors();
    return new PipelineSpec(name, connector, config, secret, endpoints, destination, schedule, runtime, maintenance,
        addresses, manifest, lineage);
  }
}
