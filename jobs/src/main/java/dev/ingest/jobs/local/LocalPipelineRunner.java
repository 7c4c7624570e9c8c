package dev.ingest.jobs.local;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.RuntimeSettings;
import dev.ingest.jobs.compile.CompileOptions;
import dev.ingest.jobs.compile.FullRefreshRecovery;
import dev.ingest.jobs.compile.StoreCatalogSecrets;
import dev.ingest.jobs.compile.JobConfiguration;
import dev.ingest.jobs.compile.NewColumnsException;
import dev.ingest.jobs.compile.PipelineGraphs;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.runs.RunReader;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.util.function.UnaryOperator;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline on a Flink MiniCluster in this JVM (the embedded default): {@code ./ingest run} and
 * {@code ./ingest demo}. Resumes from the latest checkpoint a crashed or killed earlier local job of the same
 * pipeline left behind; after a successful {@code --once} run, the pipeline's checkpoints are removed.
 */
public final class LocalPipelineRunner {
  private static final Logger LOG = LoggerFactory.getLogger(LocalPipelineRunner.class);
  /** Schema restarts allowed while the latest recorded run stays the same (see {@link #execute}). */
  static final int MAX_SCHEMA_RESTARTS = 3;

  private final IngestHome home;
  private final SecretStoreProvider secrets;
  private boolean progress = true;
  private int webUiPort = -1;
  private Configuration extra = new Configuration();
  private UnaryOperator<PageFetcherFactory> decorateFetchers = UnaryOperator.identity();
  private UnaryOperator<CatalogLoader> decorateCatalog = UnaryOperator.identity();

  public LocalPipelineRunner(IngestHome home, SecretStoreProvider secrets) {
    this.home = home;
    this.secrets = secrets;
  }

  /** Print per-endpoint progress lines while running (default on). */
  public LocalPipelineRunner progress(boolean enabled) {
    this.progress = enabled;
    return this;
  }

  /** Serve Flink's web UI on this port (0 = any free port); off by default. */
  public LocalPipelineRunner webUi(int port) {
    this.webUiPort = port;
    return this;
  }

  /** Extra Flink configuration, applied last (tests use it for fixed job ids and short intervals). */
  public LocalPipelineRunner configure(Configuration configuration) {
    this.extra = configuration;
    return this;
  }

  /** Passes the pipeline's fetchers through {@code decorate} (chaos runs); see {@link PipelineGraphs}. */
  public LocalPipelineRunner decorateFetchers(UnaryOperator<PageFetcherFactory> decorate) {
    this.decorateFetchers = decorate;
    return this;
  }

  /** Passes the pipeline's catalog loader through {@code decorate} (chaos runs: commit failures). */
  public LocalPipelineRunner decorateCatalog(UnaryOperator<CatalogLoader> decorate) {
    this.decorateCatalog = decorate;
    return this;
  }

  /** Runs once and returns the run's report read back from the runs table. */
  public RunReport runOnce(PipelineSpec pipeline) throws Exception {
    execute(pipeline, CompileOptions.Mode.ONCE);
    deleteCheckpoints(pipeline);
    Catalog catalog = Catalogs.open(pipeline.destination(), new StoreCatalogSecrets(secrets));
    FullRefreshRecovery.publishFinished(catalog, pipeline);
    return new RunReader(catalog)
        .latest(pipeline.name(), pipeline.destination().warehouse())
        .orElseThrow(() -> new IllegalStateException("the job finished but recorded no run in "
            + pipeline.name() + "._ingest_runs"));
  }

  /** Runs on the pipeline's schedule until the job is cancelled or the JVM stops. */
  public JobExecutionResult runScheduled(PipelineSpec pipeline) throws Exception {
    return execute(pipeline, CompileOptions.Mode.SCHEDULED);
  }

  /**
   * Runs the job; when it fails because a run met fields that became new columns ({@link NewColumnsException}),
   * rebuilds the graph from the new table schema and resumes from the latest checkpoint. At most
   * {@value #MAX_SCHEMA_RESTARTS} such restarts while the latest recorded run stays the same; after that the job
   * runs without the check and new fields stay in {@code _ingest_extra} until the next start.
   */
  private JobExecutionResult execute(PipelineSpec pipeline, CompileOptions.Mode mode) throws Exception {
    int restarts = 0;
    String restartedAtRun = null;
    while (true) {
      try {
        return executeJob(pipeline, mode, restarts < MAX_SCHEMA_RESTARTS);
      } catch (Exception e) {
        if (!NewColumnsException.isCause(e)) {
          throw e;
        }
        String latestRun = latestRunId(pipeline);
        restarts = latestRun.equals(restartedAtRun) ? restarts + 1 : 1;
        restartedAtRun = latestRun;
        LOG.info("{}: the run met fields that are now columns; rebuilding the job (schema restart {})",
            pipeline.name(), restarts);
        System.out.println("  new columns: rebuilding the job from the table schema and resuming");
      }
    }
  }

  private String latestRunId(PipelineSpec pipeline) throws IOException {
    Catalog catalog = Catalogs.open(pipeline.destination(), new StoreCatalogSecrets(secrets));
    return new RunReader(catalog).latest(pipeline.name(), pipeline.destination().warehouse())
        .map(RunReport::runId).orElse("");
  }

  private JobExecutionResult executeJob(PipelineSpec pipeline, CompileOptions.Mode mode, boolean evolveWithinRun)
      throws Exception {
    Path checkpoints = home.checkpoints(pipeline.name());
    Files.createDirectories(checkpoints);
    Configuration conf = JobConfiguration.forPipeline(pipeline, checkpoints,
        RuntimeSettings.stateBackend(home).flinkName());
    Optional<Path> resume = CheckpointLocator.latest(checkpoints);
    resume.ifPresent(path -> {
      LOG.info("Resuming {} from checkpoint {}", pipeline.name(), path);
      System.out.println("  resuming from checkpoint " + path);
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toUri().toString());
      conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
    });
    if (progress) {
      conf.setString("metrics.reporter.progress.factory.class", ProgressReporterFactory.class.getName());
      conf.setString("metrics.reporter.progress.interval", "2 s");
    }
    if (webUiPort >= 0) {
      conf.set(RestOptions.PORT, webUiPort);
    }
    // The job runs in this JVM on the application's own classpath. Iceberg's AWS module caches its HTTP clients
    // statically; one created inside a task remembers the job's class loader, which Flink's leak check closes when
    // the job ends, and the next catalog call on this side (reading _ingest_runs, a schema restart) then fails
    // with "Trying to access closed classloader". Nothing leaks here: there are no user jars to unload.
    conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
    conf.addAll(extra);
    LocalMemory.apply(conf);

    StreamExecutionEnvironment env = webUiPort >= 0
        ? StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf)
        : StreamExecutionEnvironment.createLocalEnvironment(pipeline.runtime().parallelism(), conf);
    env.setParallelism(pipeline.runtime().parallelism());

    PipelineGraphs.addTo(env, pipeline, secrets, CompileOptions.of(mode).withFetcherDecorator(decorateFetchers)
        .withCatalogDecorator(decorateCatalog).withColumnsEvolvingWithinRun(evolveWithinRun));
    return env.execute("ingest " + pipeline.name());
  }

  private void deleteCheckpoints(PipelineSpec pipeline) {
    Path dir = home.checkpoints(pipeline.name());
    if (!Files.isDirectory(dir)) {
      return;
    }
    // Flink's checkpoint cleaner may still be removing directories: tolerate files vanishing under the walk
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          try {
            Files.deleteIfExists(d);
          } catch (DirectoryNotEmptyException stillWritten) {
            LOG.debug("{} not empty yet; left in place", d);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      LOG.warn("Could not remove old checkpoints under {}: {}", dir, e.getMessage());
    }
  }
}
