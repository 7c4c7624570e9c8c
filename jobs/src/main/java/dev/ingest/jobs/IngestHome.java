package dev.ingest.jobs;

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
 *   secrets.json      local secret store (mode 0600)
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

  public Path secretsFile() {
    return root.resolve("secrets.json");
  }

  public Path pipelines() {
    return root.resolve("pipelines");
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
