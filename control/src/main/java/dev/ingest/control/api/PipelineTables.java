package dev.ingest.control.api;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Drops a deleted pipeline's tables when the caller asks ({@code DELETE /api/pipelines/{name}?drop_tables=true}):
 * every table in the pipeline's namespace of its destination (the endpoints' tables, {@code _ingest_runs}, dead
 * letters), data files purged, then the namespace. Without the flag a delete keeps them.
 */
final class PipelineTables {
  private PipelineTables() {}

  /** Drops the tables; returns their names. */
  static List<String> drop(PipelineSpec spec) {
    Catalog catalog = Catalogs.open(spec.destination());
    try {
      Namespace namespace = Namespace.of(spec.name());
      List<String> dropped = new ArrayList<>();
      if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
        return dropped;
      }
      for (TableIdentifier table : catalog.listTables(namespace)) {
        if (catalog.dropTable(table, true)) {
          dropped.add(table.toString());
        }
      }
      if (catalog instanceof SupportsNamespaces namespaces) {
        namespaces.dropNamespace(namespace);
      }
      return dropped;
    } catch (RuntimeException e) {
      throw new ApiException(502, "warehouse", "the pipeline " + spec.name() + " was deleted but dropping its "
          + "tables failed (" + e.getClass().getSimpleName() + "); drop them in the catalog, or ask again");
    } finally {
      if (catalog instanceof Closeable closeable) {
        try {
          closeable.close();
        } catch (IOException e) {
          // nothing held that matters
        }
      }
    }
  }
}
