package dev.ingest.sinks.runs;

import dev.ingest.sinks.read.LiveRows;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/** Reads run history back from a pipeline's {@code _ingest_runs} table with Iceberg's own reader. */
public final class RunReader {
  private final Catalog catalog;

  public RunReader(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Every endpoint-run row of the pipeline, oldest first. */
  public List<Record> runs(String pipeline) throws IOException {
    TableIdentifier id = TableIdentifier.of(Namespace.of(pipeline), RunsTable.NAME);
    if (!catalog.tableExists(id)) {
      return List.of();
    }
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(catalog.loadTable(id)).build()) {
      it.forEach(r -> rows.add(r.copy()));
    }
    rows.sort(Comparator.comparing((Record r) -> (String) r.getField("run_id"))
        .thenComparing(r -> (String) r.getField("endpoint")));
    return rows;
  }

  /** The report of the pipeline's latest run, if any. */
  public Optional<RunReport> latest(String pipeline, String warehouse) throws IOException {
    List<Record> all = runs(pipeline);
    if (all.isEmpty()) {
      return Optional.empty();
    }
    String runId = (String) all.get(all.size() - 1).getField("run_id");
    List<RunReport.EndpointResult> results = new ArrayList<>();
    for (Record r : all) {
      if (!runId.equals(r.getField("run_id"))) {
        continue;
      }
      String endpoint = (String) r.getField("endpoint");
      results.add(new RunReport.EndpointResult(
          endpoint, (String) r.getField("status"), (Long) r.getField("rows"), (Long) r.getField("pages"),
          (Long) r.getField("requests"), (Long) r.getField("duration_ms"),
          tableRows(TableIdentifier.of(Namespace.of(pipeline), endpoint)),
          (String) r.getField("error_class"), (String) r.getField("error_message")));
    }
    return Optional.of(new RunReport(pipeline, runId, results, warehouse));
  }

  /** The table's live rows ({@link LiveRows}: deletes applied), 0 when empty or missing. */
  public long tableRows(TableIdentifier id) {
    if (!catalog.tableExists(id)) {
      return 0;
    }
    return LiveRows.count(catalog.loadTable(id));
  }
}
