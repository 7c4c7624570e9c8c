package dev.ingest.control.cli;

import dev.ingest.control.store.Database;
import dev.ingest.control.store.PipelineStore;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.control.store.StoredPipeline;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.spec.SpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which pipelines name which secrets: the pipeline files {@code $INGEST_HOME/pipelines/*.yaml} and, when the
 * control-plane store is there to read, the pipelines defined through the control API. A pipeline names a secret
 * for its API credential ({@code credentials.secret}) and for its destination ({@code destination.credentials}:
 * the catalog's, {@code destination.s3.credentials}: the object store's). Only names are read, never a value. What cannot be read (an
 * invalid file, a store in use by {@code ./ingest up}) becomes a warning: the secrets it names are not counted.
 */
final class SecretUsage {
  /** How long a peek at a PostgreSQL control store may wait for a connection. */
  static final Duration STORE_TIMEOUT = Duration.ofSeconds(3);

  /**
   * One reference to a secret.
   *
   * @param pipeline the pipeline's name
   * @param where the pipeline file (relative to the home) or {@code control store}
   * @param role what the secret is for: {@code credentials}, {@code destination}, {@code destination s3}
   */
  record Use(String pipeline, String where, String role) {
    @Override
    public String toString() {
      return pipeline + " (" + where + ", " + role + ")";
    }
  }

  private final Map<String, List<Use>> bySecret = new TreeMap<>();
  private final List<String> warnings = new ArrayList<>();

  private SecretUsage() {}

  /** Scans the home's pipeline files and its control store (as {@code env} configures it). */
  static SecretUsage scan(IngestHome home, Map<String, String> env) {
    SecretUsage usage = new SecretUsage();
    PipelineLoader loader = new PipelineLoader(home.specDefaults());
    usage.scanFiles(home, loader);
    usage.scanControlStore(home, env, loader);
    return usage;
  }

  /** Every secret some pipeline names, with its uses. */
  Map<String, List<Use>> bySecret() {
    return bySecret;
  }

  /** The pipelines naming {@code secret}; empty when none does. */
  List<Use> uses(String secret) {
    return bySecret.getOrDefault(secret, List.of());
  }

  /** What could not be read, one line each. */
  List<String> warnings() {
    return warnings;
  }

  private void scanFiles(IngestHome home, PipelineLoader loader) {
    Path dir = home.pipelines();
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
      stream.forEach(files::add);
    } catch (IOException e) {
      warnings.add(dir + ": not listed (" + e.getClass().getSimpleName() + ")");
      return;
    }
    files.sort(null);
    for (Path file : files) {
      String where = home.root().relativize(file).toString();
      try {
        add(loader.load(file), where);
      } catch (SpecException e) {
        warnings.add(where + ": not read (" + e.errors().get(0) + "); the secrets it names are not counted");
      } catch (RuntimeException e) {
        warnings.add(where + ": not read (" + Failures.describe(e) + "); the secrets it names are not counted");
      }
    }
  }

  private void scanControlStore(IngestHome home, Map<String, String> env, PipelineLoader loader) {
    Path embedded = home.root().resolve("control");
    StoreConfig config;
    try {
      config = StoreConfig.fromEnvironment(env, embedded);
    } catch (IllegalArgumentException e) {
      warnings.add("control store: not read (" + e.getMessage() + ")");
      return;
    }
    if (!config.isPostgres() && !Files.exists(embedded.resolve("ingest.mv.db"))) {
      return; // no control plane has run in this home
    }
    List<StoredPipeline> stored;
    try (Database database = Database.open(config, STORE_TIMEOUT)) {
      stored = new PipelineStore(database.dataSource(), Clock.systemUTC()).list();
    } catch (RuntimeException e) {
      warnings.add("control store " + config + ": not read (" + Failures.describe(e) + "; in use by "
          + "./ingest up?); pipelines defined through the control API are not counted");
      return;
    }
    for (StoredPipeline pipeline : stored) {
      try {
        add(loader.parse("control store pipeline " + pipeline.name(),
            pipeline.definition().getBytes(StandardCharsets.UTF_8), home.root()), "control store");
      } catch (SpecException | RuntimeException e) {
        warnings.add("control store pipeline " + pipeline.name() + ": not read; the secrets it names are not "
            + "counted");
      }
    }
  }

  private void add(PipelineSpec pipeline, String where) {
    pipeline.credentialsSecret().ifPresent(s -> use(s, new Use(pipeline.name(), where, "credentials")));
    pipeline.destination().catalogSecretName().ifPresent(s -> use(s, new Use(pipeline.name(), where,
        "destination")));
    pipeline.destination().storageSecretName().ifPresent(s -> use(s, new Use(pipeline.name(), where,
        "destination s3")));
  }

  private void use(String secret, Use use) {
    bySecret.computeIfAbsent(secret, k -> new ArrayList<>()).add(use);
  }
}
