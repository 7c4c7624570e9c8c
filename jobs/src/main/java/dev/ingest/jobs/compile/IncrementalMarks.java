package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.EndpointSelection;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.runs.RunsTable;
import dev.ingest.sinks.write.WriteMode;
import dev.ingest.sources.source.event.EndpointRun;
import dev.ingest.sources.spec.EndpointSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Where a pipeline's incremental endpoints start when a job starts fresh (not from a checkpoint or savepoint): the
 * high-water mark ({@code cursor_end}) of the latest <em>succeeded</em> run of each endpoint in the pipeline's
 * {@value RunsTable#NAME} table. Failed runs record no mark, so they never advance it. This is what carries the
 * mark from one {@code ./ingest run --once} job to the next; a scheduled job keeps it in its enumerator state
 * between runs, and a restored job's checkpointed marks win over these. A mark is kept as the run wrote it: one
 * cursor value, or a partitioned stream's per-partition state as JSON text ({@code CursorState}), read back by the
 * connector; single values written before partitions were kept stay readable as the stream's global cursor.
 *
 * <p>Only append and upsert endpoints are seeded: a full-refresh endpoint replaces its table with each run, so it
 * always fetches everything.
 */
public final class IncrementalMarks {
  private IncrementalMarks() {}

  /** Endpoint name → high-water mark, for the pipeline's incremental endpoints that have one. */
  public static Map<String, String> latest(Catalog catalog, PipelineSpec pipeline) {
    Set<String> incremental = new HashSet<>();
    for (EndpointSelection selection : pipeline.endpoints()) {
      EndpointSpec endpoint = pipeline.connector().endpoints().get(selection.name());
      if (endpoint != null && endpoint.incremental() != null && selection.writeMode() != WriteMode.FULL_REFRESH) {
        incremental.add(selection.name());
      }
    }
    TableIdentifier runsId = TableIdentifier.of(Namespace.of(pipeline.name()), RunsTable.NAME);
    if (incremental.isEmpty() || !catalog.tableExists(runsId)) {
      return Map.of();
    }
    return latest(catalog.loadTable(runsId), incremental);
  }

  static Map<String, String> latest(Table runs, Set<String> endpoints) {
    if (runs.schema().findField("cursor_end") == null) {
      return Map.of(); // written before marks were recorded
    }
    Map<String, String> marks = new HashMap<>();
    Map<String, OffsetDateTime> when = new HashMap<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(runs)
        .where(Expressions.and(Expressions.equal("status", EndpointRun.SUCCEEDED), Expressions.notNull("cursor_end")))
        .select("endpoint", "run_started_at", "ended_at", "status", "cursor_end").build()) {
      for (Record row : rows) {
        String endpoint = (String) row.getField("endpoint");
        String mark = (String) row.getField("cursor_end");
        if (!endpoints.contains(endpoint) || mark == null || !EndpointRun.SUCCEEDED.equals(row.getField("status"))) {
          continue; // the filter prunes files, not rows
        }
        OffsetDateTime started = (OffsetDateTime) row.getField("run_started_at");
        OffsetDateTime previous = when.get(endpoint);
        if (previous == null || started.isAfter(previous)) {
          when.put(endpoint, started);
          marks.put(endpoint, mark);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return marks;
  }
}
