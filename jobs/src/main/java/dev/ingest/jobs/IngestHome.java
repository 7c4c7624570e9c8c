package dev.ingest.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.jobs.spec.LineageParser;
import dev.ingest.jobs.spec.SpecDefaults;
import dev.ingest.sources.airbyte.ManifestDirectory;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.spec.ConnectorCatalog;
import dev.ingest.sources.spec.SpecException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The Ingest home directory: {@code $INGEST_HOME}, by default {@code ~/.ingest}. The embedded defaults live here:
 * the local warehouse, Flink checkpoints, and the local secret store.
 *
 * <pre>
 * ~/.ingest/
 *   warehouse/        local Iceberg warehouse (Hadoop catalog), one namespace per pipeline
 *   checkpoints/      Flink checkpoints, one folder per pipeline
 *   savepoints/       savepoints of paused pipelines, one folder per pipeline
 *   catalog.db        SQLite catalog of s3 destinations without a catalog uri
 *   secrets.enc       local secret store, AES-256-GCM encrypted (mode 0600)
 *   keys/secrets.key  its key (mode 0600; $INGEST_SECRETS_KEY_FILE or secrets.key_file put it elsewhere)
 *   config.yaml       optional platform settings, e.g. the secret store (see SecretSettings)
 *   pipelines/        pipelines written by `ingest demo`
 * </pre>
 */
public final class IngestHome {
  public static final String ENV = "INGEST_HOME";

  private final Path root;

  public IngestHome(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /** The home from {@code $INGEST_HOME} or {@code ~/.ingest}. */
  public static IngestHome fromEnvironment() {
    return fromEnvironment(System.getenv(), System.getProperty("user.home"));
  }

  static IngestHome fromEnvironment(Map<String, String> env, String userHome) {
    String configured = env.get(ENV);
    if (configured != null && !configured.isBlank()) {
      return new IngestHome(Path.of(configured));
    }
    return new IngestHome(Path.of(userHome, ".ingest"));
  }

  public Path root() {
    return root;
  }

  public Path warehouse() {
    return root.resolve("warehouse");
  }

  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  public Path checkpoints(String pipeline) {
    return checkpoints().resolve(pipeline);
  }

  /** Where pauses of deployed pipelines put their savepoints (local and session deployers). */
  public Path savepoints(String pipeline) {
    return root.resolve("savepoints").resolve(pipeline);
  }

  /** The encrypted local secret store's data file. */
  public Path secretsFile() {
    return root.resolve("secrets.enc");
  }

  /** The local secret store's default key file, kept in its own folder apart from the data file. */
  public Path secretsKeyFile() {
    return root.resolve("keys").resolve("secrets.key");
  }

  /** Optional platform settings ({@code secrets:} selects the secret store). */
  public Path configFile() {
    return root.resolve("config.yaml");
  }

  public Path pipelines() {
    return root.resolve("pipelines");
  }

  /** The SQLite catalog of {@code s3} destinations that name no catalog {@code uri}. */
  public Path catalogDatabase() {
    return root.resolve("catalog.db");
  }

  /**
   * What pipelines loaded on this home default to: its warehouse and catalog database, and this installation's
   * network settings ({@link NetworkSettings}: public hosts only by default) and its {@code lineage:} settings.
   */
  public SpecDefaults specDefaults() {
    return specDefaults(NetworkSettings.policy(this));
  }

  /** This home's defaults, with connectors allowed to call only the hosts {@code addresses} allows. */
  public SpecDefaults specDefaults(AddressPolicy addresses) {
    return new SpecDefaults(warehouse(), catalogDatabase(), addresses,
        LineageParser.fromSettings(HomeConfig.section(configFile(), "lineage"), configFile().toString()),
        manifests());
  }

  /**
   * The Airbyte manifests this installation offers by name: the folders {@code airbyte.manifest_dirs} of
   * {@code config.yaml} lists (relative ones against this home), scanned as {@link ManifestDirectory} describes.
   *
   * @throws IllegalArgumentException the setting is malformed, a folder is missing, or two manifests share a name
   */
  public ManifestDirectory manifests() {
    JsonNode section = HomeConfig.sectionNode(configFile(), "airbyte");
    String field = configFile() + ": airbyte.manifest_dirs";
    if (section == null) {
      return ManifestDirectory.EMPTY;
    }
    section.fieldNames().forEachRemaining(key -> {
      if (!key.equals("manifest_dirs")) {
        throw new IllegalArgumentException(configFile() + ": airbyte." + key + ": unknown setting (known: "
            + "manifest_dirs)");
      }
    });
    if (!section.has("manifest_dirs")) {
      return ManifestDirectory.EMPTY;
    }
    JsonNode dirs = section.get("manifest_dirs");
    java.util.List<Path> folders = new java.util.ArrayList<>();
    if (dirs.isTextual()) {
      folders.add(root.resolve(dirs.textValue()));
    } else if (dirs.isArray()) {
      for (JsonNode dir : dirs) {
        if (!dir.isTextual() || dir.textValue().isBlank()) {
          throw new IllegalArgumentException(field + ": expected a list of folder paths, got " + dir);
        }
        folders.add(root.resolve(dir.textValue()));
      }
    } else {
      throw new IllegalArgumentException(field + ": expected a folder path or a list of them");
    }
    try {
      return ManifestDirectory.scanCached(folders, "airbyte.manifest_dirs", java.util.Set.copyOf(ConnectorCatalog.builtIn().names()));
    } catch (SpecException e) {
      throw new IllegalArgumentException(configFile() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
