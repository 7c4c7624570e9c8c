package dev.ingest.sinks.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a pipeline's tables that earlier versions registered in a JDBC catalog ({@code s3} and {@code jdbc}
 * destinations) under the pipeline's name as catalog name over to {@link Catalogs#catalogName}: each table is
 * registered under the current name with its current metadata file, then its old entry is dropped without
 * touching files. Nothing is copied or rewritten. A table that exists under both names is left alone (the current
 * one is used, the old entry stays and is logged). Other catalog types ignore the name, so nothing moves.
 */
public final class LegacyCatalogTables {
  private static final Logger LOG = LoggerFactory.getLogger(LegacyCatalogTables.class);

  private LegacyCatalogTables() {}

  /**
   * Adopts the tables of namespace {@code pipeline} registered under the catalog name {@code pipeline}.
   *
   * @return the identifiers moved (empty when there was nothing to move)
   */
  public static List<TableIdentifier> adopt(DestinationConfig d, CatalogSecrets secrets, String pipeline) {
    if (!Catalogs.isJdbc(d) || pipeline.equals(Catalogs.catalogName(d))) {
      return List.of();
    }
    Catalog legacy = Catalogs.loader(pipeline, d, secrets).loadCatalog();
    Catalog current = Catalogs.open(d, secrets);
    try {
      Namespace namespace = Namespace.of(pipeline);
      SupportsNamespaces legacyNamespaces = (SupportsNamespaces) legacy;
      if (!legacyNamespaces.namespaceExists(namespace)) {
        return List.of();
      }
      List<TableIdentifier> moved = new ArrayList<>();
      for (TableIdentifier id : legacy.listTables(namespace)) {
        if (current.tableExists(id)) {
          LOG.warn("{} is registered under catalog names '{}' and '{}': using '{}', leaving the other entry",
              id, Catalogs.catalogName(d), pipeline, Catalogs.catalogName(d));
          continue;
        }
        String metadata = ((HasTableOperations) legacy.loadTable(id)).operations().current().metadataFileLocation();
        SupportsNamespaces namespaces = (SupportsNamespaces) current;
        if (!namespaces.namespaceExists(namespace)) {
          namespaces.createNamespace(namespace);
        }
        current.registerTable(id, metadata);
        legacy.dropTable(id, false);
        moved.add(id);
      }
      if (!moved.isEmpty()) {
        LOG.info("moved {} table(s) of {} from catalog name '{}' to '{}': {}", moved.size(), pipeline, pipeline,
            Catalogs.catalogName(d), moved);
      }
      return moved;
    } finally {
      Catalogs.closeQuietly(legacy);
      Catalogs.closeQuietly(current);
    }
  }
}
