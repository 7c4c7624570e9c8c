package dev.ingest.control.cli;

import dev.ingest.jobs.export.PipelineMaintenance;
import dev.ingest.sinks.maintenance.TableMaintenance;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ./ingest maintain PIPELINE.yaml}: compacts small files and expires old snapshots of a pipeline's tables. */
@Command(name = "maintain",
    description = "Compact small data files and expire old snapshots of a pipeline's tables (its maintenance settings).")
final class MaintainCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PIPELINE.yaml") Path file;

  @Mixin HomeOption homeOption;

  @Override
  public Integer call() {
    Optional<PipelineTarget> loaded = PipelineTarget.loadOrReport(file, homeOption);
    if (loaded.isEmpty()) {
      return IngestCli.INVALID;
    }
    PipelineTarget target = loaded.get();
    try {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
      List<TableMaintenance.Result> results =
          PipelineMaintenance.run(target.catalog(), target.pipeline(), env, Clock.systemUTC());
      System.out.printf("%-48s %10s %8s %12s%n", "table", "rewritten", "added", "snapshots");
      for (TableMaintenance.Result r : results) {
        System.out.printf("%-48s %10d %8d %5d → %-5d%n", r.table(), r.filesRewritten(), r.filesAdded(),
            r.snapshotsBefore(), r.snapshotsAfter());
      }
      return IngestCli.OK;
    } catch (Exception e) {
      System.err.println("maintenance of " + target.pipeline().name() + " failed: " + Failures.describe(e));
      return IngestCli.FAILED;
    }
  }
}
