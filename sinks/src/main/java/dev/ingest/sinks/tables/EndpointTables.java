package dev.ingest.sinks.tables;

import dev.ingest.sinks.schema.MetadataColumns;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates endpoint tables before the job graph is built, or evolves existing ones.
 *
 * <p>A new table gets the data columns plus {@link MetadataColumns}, format version 2 (unless the caller's
 * table properties say otherwise) and the partition spec {@code day(_ingested_at)}. An existing table is never
 * dropped or rewritten: data columns it lacks are added as optional columns (at any struct depth) through
 * {@code updateSchema().unionByNameWith(...)}; columns it has keep their type even when the new data schema says
 * otherwise (values that do not fit go to {@code _ingest_extra}); its partition spec and properties stay as they
 * are.
 */
public final class EndpointTables {

  /** Format version of new tables. */
  public static final String FORMAT_VERSION = "2";

  private static final Logger LOG = LoggerFactory.getLogger(EndpointTables.class);

  private EndpointTables() {}

  /**
   * Returns the table, creating its namespace and itself if absent and adding missing data columns otherwise.
   *
   * @param dataSchema the data columns only (no metadata columns)
   * @param tableProperties properties for a new table; ignored for an existing one
   */
  public static Table ensure(
      Catalog c, TableIdentifier id, Schema dataSchema, Map<String, String> tableProperties) {
    Schema schema = MetadataColumns.withMetadata(dataSchema);
    ensureNamespace(c, id.namespace());
    if (!c.tableExists(id)) {
      try {
        return create(c, id, schema, tableProperties);
      } catch (AlreadyExistsException raced) {
        LOG.info("table {} was created concurrently; using it", id);
      }
    }
    return addMissingColumns(c.loadTable(id), schema);
  }

  /**
   * Returns a bookkeeping table (runs, dead letters) with exactly {@code schema}, creating it unpartitioned if
   * absent and adding columns a newer Ingest version declares otherwise. No metadata columns are added.
   */
  public static Table ensureFixed(Catalog c, TableIdentifier id, Schema schema) {
    ensureNamespace(c, id.namespace());
    if (!c.tableExists(id)) {
      try {
        Map<String, String> props = new HashMap<>();
        props.put(TableProperties.FORMAT_VERSION, FORMAT_VERSION);
        Table table = c.createTable(id, schema, PartitionSpec.unpartitioned(), props);
        LOG.info("created table {}", id);
        return table;
      } catch (AlreadyExistsException raced) {
        LOG.info("table {} was created concurrently; using it", id);
      }
    }
    return addMissingColumns(c.loadTable(id), schema);
  }

  /** The partition spec of new endpoint tables: {@code day(_ingested_at)}. */
  public static PartitionSpec partitionSpec(Schema schema) {
    return PartitionSpec.builderFor(schema).day(MetadataColumns.INGESTED_AT).build();
  }

  private static Table create(Catalog c, TableIdentifier id, Schema schema, Map<String, String> tableProperties) {
    Map<String, String> props = new HashMap<>();
    props.put(TableProperties.FORMAT_VERSION, FORMAT_VERSION);
    if (tableProperties != null) {
      props.putAll(tableProperties);
    }
    Table table = c.createTable(id, schema, partitionSpec(schema), props);
    LOG.info("created table {} with {} columns", id, schema.columns().size());
    return table;
  }

  private static Table addMissingColumns(Table table, Schema schema) {
    Optional<Schema> union = SchemaUnion.missingColumns(table.schema(), schema);
    if (union.isPresent()) {
      table.updateSchema().unionByNameWith(union.get()).commit();
      LOG.info("added missing columns to table {}", table.name());
    }
    return table;
  }

  private static void ensureNamespace(Catalog c, Namespace namespace) {
    if (namespace.isEmpty() || !(c instanceof SupportsNamespaces namespaces)) {
      return;
    }
    if (!namespaces.namespaceExists(namespace)) {
      try {
        namespaces.createNamespace(namespace);
      } catch (AlreadyExistsException raced) {
        // created concurrently: fine
      }
    }
  }
}
