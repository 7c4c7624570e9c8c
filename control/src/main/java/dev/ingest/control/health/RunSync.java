package dev.ingest.control.health;

import dev.ingest.control.store.RunStore;
import dev.ingest.sinks.runs.RunReader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.runs.RunRow;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.iceberg.data.Record;

/**
 * Brings run results back to the control plane: reads a pipeline's {@code <pipeline>._ingest_runs} Iceberg table
 * (written by the job at each checkpoint) and records the rows the store does not have yet, each with the Flink
 * job that ran it ({@link RunJobs}).
 */
public final class RunSync {
  private final RunStore runs;

  public RunSync(RunStore runs) {
    this.runs = Objects.requireNonNull(runs, "runs");
  }

  /** Copies new run rows of {@code pipeline} into the store; returns how many were new. */
  public int sync(PipelineSpec pipeline) throws IOException {
    org.apache.iceberg.catalog.Catalog catalog = Catalogs.open(pipeline.destination());
    RunReader reader = new RunReader(catalog);
    List<RunRow> rows = new ArrayList<>();
    for (Record r : reader.runs(pipeline.name())) {
      rows.add(toRow(r));
    }
    if (rows.isEmpty() || runs.knowsAll(pipeline.name(), rows)) {
      return 0;
    }
    return runs.record(pipeline.name(), rows, RunJobs.of(catalog, pipeline.name()));
  }

  static RunRow toRow(Record r) {
    return new RunRow(
        (String) r.getField("run_id"),
        (String) r.getField("endpoint"),
        millis(r.getField("run_started_at")),
        millis(r.getField("started_at")),
        millis(r.getField("ended_at")),
        (Long) r.getField("duration_ms"),
        (Long) r.getField("pages"),
        (Long) r.getField("requests"),
        (Long) r.getField("rows"),
        (Long) r.getField("bytes"),
        (Long) r.getField("retries"),
        (Long) r.getField("throttled"),
        (Long) r.getField("waited_ms"),
        (Long) r.getField("errors"),
        (String) r.getField("status"),
        (String) r.getField("error_class"),
        (String) r.getField("error_message"),
        (String) r.getField("cursor_start"),
        (String) r.getField("cursor_end"),
        (Long) r.getField("decoded_bytes"),
        (Long) r.getField("api_total"));
  }

  private static long millis(Object timestamp) {
    return ((OffsetDateTime) timestamp).toInstant().toEpochMilli();
  }
}
