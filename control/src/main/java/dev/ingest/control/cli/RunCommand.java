package dev.ingest.control.cli;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.compile.StoreCatalogSecrets;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.DestinationProbe;
import dev.ingest.sources.schedule.CronSchedule;
import dev.ingest.sources.spec.SpecException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./ingest run PIPELINE.yaml [--once]}: runs a pipeline on a local Flink MiniCluster. */
@Command(name = "run", description = "Run a pipeline locally: on its schedule, or once with --once.")
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PIPELINE.yaml") Path file;

  @Option(names = "--once", description = "Run every endpoint once, then stop.") boolean once;

  @Option(names = "--ui-port", description = "Serve the Flink web UI on this port (scheduled runs).", defaultValue = "-1")
  int uiPort;

  @Mixin HomeOption homeOption;

  @Override
  public Integer call() {
    IngestHome home = homeOption.home();
    PipelineSpec pipeline;
    try {
      pipeline = new PipelineLoader(home.specDefaults()).load(file);
    } catch (SpecException e) {
      System.err.println(e.getMessage());
      return IngestCli.INVALID;
    }
    LocalPipelineRunner runner = new LocalPipelineRunner(home, homeOption.secrets()).webUi(uiPort);
    try {
      if (once) {
        System.out.printf("running %s once: %s%n", pipeline.name(), String.join(", ", pipeline.endpointNames()));
        RunReport report = runner.runOnce(pipeline);
        ReportPrinter.print(report, System.out);
        if (report.failed()) {
          System.err.println("run " + report.runId() + " failed for "
              + report.endpoints().stream().filter(RunReport.EndpointResult::failed)
                  .map(RunReport.EndpointResult::endpoint).toList());
          return IngestCli.FAILED;
        }
        return IngestCli.OK;
      }
      System.out.printf("running %s on schedule '%s' (%s); Ctrl-C to stop%n", pipeline.name(), pipeline.schedule(),
          CronSchedule.parse(pipeline.schedule()).describe());
      runner.runScheduled(pipeline);
      return IngestCli.OK;
    } catch (Exception e) {
      System.err.println("pipeline " + pipeline.name() + " failed: " + Failures.describe(e));
      // a store that refuses or corrupts writes shows up above only as its symptom: name the destination and why
      DestinationProbe.Result probe = DestinationProbe.run(pipeline.destination(),
          new StoreCatalogSecrets(homeOption.secrets()), pipeline.name());
      if (!probe.ok()) {
        System.err.println("destination check failed: " + probe.failure());
      }
      return IngestCli.FAILED;
    }
  }
}
