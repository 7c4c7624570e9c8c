package dev.ingest.tools.chaos;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.SecretSettings;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link ChaosHarnessITCase}'s kill trials: {@code run --once --home HOME PIPELINE.yaml} as the
 * CLI's run command does it (load the pipeline from the home, run every endpoint once on a local MiniCluster with
 * the home's secret store; exit 0 when no endpoint failed). The CLI itself is in the control module, which depends
 * on this one.
 */
public final class RunOnceMain {
  private RunOnceMain() {}

  public static void main(String[] args) throws Exception {
    List<String> list = List.of(args);
    if (list.size() != 5 || !list.subList(0, 3).equals(List.of("run", "--once", "--home"))) {
      throw new IllegalArgumentException("usage: run --once --home HOME PIPELINE.yaml, not " + list);
    }
    IngestHome home = new IngestHome(Path.of(args[3]));
    PipelineSpec pipeline = new PipelineLoader(home.specDefaults()).load(Path.of(args[4]));
    RunReport report = new LocalPipelineRunner(home, SecretSettings.provider(home)).runOnce(pipeline);
    System.exit(report.failed() ? 1 : 0);
  }
}
