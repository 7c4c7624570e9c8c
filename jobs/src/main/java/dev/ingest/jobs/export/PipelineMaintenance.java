package dev.ingest.jobs.export;

import dev.ingest.jobs.spec.MaintenanceOptions;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.maintenance.TableMaintenance;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;

/** Runs {@link TableMaintenance} with the pipeline's {@code maintenance} settings on all of its tables. */
public final class PipelineMaintenance {
  private PipelineMaintenance() {}

  public static List<TableMaintenance.Result> run(
      Catalog catalog, PipelineSpec pipeline, StreamExecutionEnvironment env, Clock clock) {
    MaintenanceOptions options = pipeline.maintenance();
    TableMaintenance maintenance = new TableMaintenance(env, clock);
    List<TableMaintenance.Result> results = new ArrayList<>();
    for (Table table : PipelineTables.load(catalog, pipeline)) {
      results.add(maintenance.maintain(
          table, options.targetFileSizeBytes(), options.snapshotRetention(), options.retainLast()));
    }
    return results;
  }
}
