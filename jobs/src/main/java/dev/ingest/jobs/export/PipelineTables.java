package dev.ingest.jobs.export;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.deadletter.DeadLetterTable;
import dev.ingest.sinks.runs.RunsTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/** The existing tables of a pipeline: its endpoint tables in order, then the runs and dead-letter tables. */
public final class PipelineTables {
  private PipelineTables() {}

  public static List<Table> load(Catalog catalog, PipelineSpec pipeline) {
    Namespace namespace = Namespace.of(pipeline.name());
    List<String> names = new ArrayList<>(pipeline.endpointNames());
    names.add(RunsTable.NAME);
    names.add(DeadLetterTable.NAME);
    List<Table> tables = new ArrayList<>();
    for (String name : names) {
      TableIdentifier id = TableIdentifier.of(namespace, name);
      if (catalog.tableExists(id)) {
        tables.add(catalog.loadTable(id));
      }
    }
    return tables;
  }

  /** The table's own name (last part of its identifier). */
  public static String shortName(Table table) {
    String name = table.name();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
