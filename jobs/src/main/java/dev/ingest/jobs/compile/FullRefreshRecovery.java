package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.EndpointSelection;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.refresh.StagedRun;
import dev.ingest.sinks.refresh.StagedRunPublisher;
import dev.ingest.sinks.runs.RunsTable;
import dev.ingest.sinks.write.WriteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Publishes, from the client, the latest finished run of each full-refresh endpoint when the job did not get to it:
 * after a bounded ({@code --once}) job ends, and before a job starts (a run that finished just before a crash or a
 * stateless restart). Reads the run's outcome from the runs table; {@link StagedRunPublisher} does the rest and is
 * idempotent, so calling this when the job already published is harmless.
 */
public final class FullRefreshRecovery {
  private FullRefreshRecovery() {}

  /** Publishes (or discards, when it failed) the latest recorded run of every full-refresh endpoint. */
  public static void publishFinished(Catalog catalog, PipelineSpec pipeline) {
    Namespace namespace = Namespace.of(pipeline.name());
    TableIdentifier runsId = TableIdentifier.of(namespace, RunsTable.NAME);
    for (EndpointSelection endpoint : pipeline.endpoints()) {
      TableIdentifier id = TableIdentifier.of(namespace, endpoint.name());
      if (endpoint.writeMode() != WriteMode.FULL_REFRESH || !catalog.tableExists(id) || !catalog.tableExists(runsId)) {
        continue;
      }
      Optional<Record> latest = latestRun(catalog.loadTable(runsId), endpoint.name());
      if (latest.isEmpty()) {
        continue;
      }
      Table table = catalog.loadTable(id);
      Record run = latest.get();
      String runId = (String) run.getField("run_id");
      if (!"SUCCEEDED".equals(run.getField("status"))) {
        StagedRunPublisher.discard(table, runId);
        continue;
      }
      long startedAt = ((OffsetDateTime) run.getField("run_started_at")).toInstant().toEpochMilli();
      StagedRunPublisher.publish(table, new StagedRun(runId, (Long) run.getField("rows"), startedAt), Map.of(
          "ingest.pipeline", pipeline.name(), "ingest.endpoint", endpoint.name(),
          "ingest.write-mode", WriteMode.FULL_REFRESH.yamlName()));
    }
  }

  private static Optional<Record> latestRun(Table runs, String endpoint) {
    Record latest = null;
    try (CloseableIterable<Record> rows = IcebergGenerics.read(runs)
        .where(Expressions.equal("endpoint", endpoint)).build()) {
      for (Record r : rows) {
        if (endpoint.equals(r.getField("endpoint")) && (latest == null
            || ((OffsetDateTime) r.getField("run_started_at")).isAfter((OffsetDateTime) latest.getField("run_started_at")))) {
          latest = r.copy();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.ofNullable(latest);
  }
}
