package dev.ingest.sinks.tables;

import dev.ingest.sinks.schema.MetadataColumns;
import dev.ingest.sinks.refresh.StagedRunPublisher;
import dev.ingest.sinks.write.TableLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdatePartitionSpec;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates endpoint tables before the job graph is built, or evolves existing ones to what the pipeline needs.
 *
 * <p>A new table gets the data columns plus {@link MetadataColumns}, format version 2 (unless the caller's table
 * properties say otherwise), the partition spec of its {@link TableLayout} and full column metrics for
 * {@code _ingest_run_id} (so the runs a snapshot wrote can be read from its files' bounds without reading data).
 * An existing table is never dropped or rewritten, only evolved:
 *
 * <ul>
 *   <li>data columns it lacks are added as optional columns (at any struct depth), and {@code int → long},
 *       {@code float → double} columns are widened, through {@code updateSchema().unionByNameWith(...)}; any other
 *       type difference keeps the table's type (values that do not fit go to {@code _ingest_extra});
 *   <li>a primary key (upsert) becomes the table's required identifier fields;
 *   <li>a different partitioning is applied with partition evolution (old files keep their old layout).
 * </ul>
 *
 * Properties of existing tables stay as they are.
 */
public final class EndpointTables {

  /** Format version of new tables. */
  public static final String FORMAT_VERSION = "2";

  /**
   * Parquet dictionary page limit of new tables (Iceberg's default is 2 MB). API records carry long, mostly unique
   * text (descriptions, bodies); with 2 MB every such column is dictionary-hashed for thousands of values before
   * Parquet falls back to plain encoding, in every file, and a file is written per checkpoint. Profiled on
   * {@code ./ingest bench e2e}, that hashing was ~40% of the writer task's CPU. Low-cardinality columns (status,
   * type, ids of a few parents) stay far below this limit and keep their dictionaries. See docs/performance.md.
   */
  public static final int DICTIONARY_PAGE_BYTES = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(EndpointTables.class);

  private static final int MAX_SCHEMA_COMMIT_ATTEMPTS = 5;

  private EndpointTables() {}

  /** {@link #ensure(Catalog, TableIdentifier, Schema, Map, TableLayout)} with the append layout by ingestion day. */
  public static Table ensure(
      Catalog c, TableIdentifier id, Schema dataSchema, Map<String, String> tableProperties) {
    return ensure(c, id, dataSchema, tableProperties, TableLayout.append(TableLayout.INGESTION_DAY));
  }

  /**
   * Returns the table, creating its namespace and itself if absent and evolving it otherwise.
   *
   * @param dataSchema the data columns only (no metadata columns)
   * @param tableProperties properties for a new table; ignored for an existing one
   * @throws IllegalArgumentException when a primary-key or partition column is not a top-level column
   */
  public static Table ensure(
      Catalog c, TableIdentifier id, Schema dataSchema, Map<String, String> tableProperties, TableLayout layout) {
    Schema withMetadata = MetadataColumns.withMetadata(dataSchema);
    // a keep_deleted key stays a table property, not identifier fields: Iceberg's Flink sink would otherwise treat
    // the staging appends as keyed writes (its delta writer), with position deletes for a key repeated in a run
    List<String> identifiers = layout.keepsDeleted() ? List.of() : layout.primaryKey();
    Schema schema = keyed(layout.keepsDeleted() ? MetadataColumns.withDeletedAt(withMetadata) : withMetadata,
        identifiers);
    if (layout.keepsDeleted()) {
      keyed(schema, layout.primaryKey()); // checks the key columns exist and are primitive
    }
    ensureNamespace(c, id.namespace());
    if (!c.tableExists(id)) {
      try {
        Map<String, String> props = new HashMap<>(tableProperties == null ? Map.of() : tableProperties);
        if (layout.keepsDeleted()) {
          props.put(StagedRunPublisher.KEEP_DELETED, "true");
          props.put(StagedRunPublisher.KEEP_DELETED_KEY, String.join(",", layout.primaryKey()));
        }
        return create(c, id, schema, props, layout);
      } catch (AlreadyExistsException raced) {
        LOG.info("table {} was created concurrently; using it", id);
      }
    }
    Table table = c.loadTable(id);
    evolveColumns(table, schema);
    ensureIdentifierFields(table, identifiers);
    ensurePartitioning(table, layout.partitionSpec(table.schema()));
    ensureKeepDeleted(table, layout);
    return table;
  }

  /** Sets the table property the full-refresh publisher reads when the pipeline's {@code keep_deleted} changed. */
  private static void ensureKeepDeleted(Table table, TableLayout layout) {
    boolean keep = layout.keepsDeleted();
    String key = String.join(",", layout.primaryKey());
    Map<String, String> now = table.properties();
    boolean on = "true".equals(now.get(StagedRunPublisher.KEEP_DELETED));
    if (keep ? !on || !key.equals(now.get(StagedRunPublisher.KEEP_DELETED_KEY)) : on) {
      var update = table.updateProperties().set(StagedRunPublisher.KEEP_DELETED, Boolean.toString(keep));
      if (keep) {
        update.set(StagedRunPublisher.KEEP_DELETED_KEY, key);
      }
      update.commit();
      LOG.info("table {} now {} rows that disappeared", table.name(), keep ? "keeps (by " + key + ")" : "drops");
    }
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
    Table table = c.loadTable(id);
    evolveColumns(table, schema);
    return table;
  }

  /** The default partition spec of new endpoint tables: {@code day(_ingested_at)}. */
  public static PartitionSpec partitionSpec(Schema schema) {
    return TableLayout.append(TableLayout.INGESTION_DAY).partitionSpec(schema);
  }

  private static Table create(
      Catalog c, TableIdentifier id, Schema schema, Map<String, String> tableProperties, TableLayout layout) {
    Map<String, String> props = new HashMap<>();
    props.put(TableProperties.FORMAT_VERSION, FORMAT_VERSION);
    props.put(TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + MetadataColumns.RUN_ID, "full");
    props.put(TableProperties.PARQUET_DICT_SIZE_BYTES, String.valueOf(DICTIONARY_PAGE_BYTES));
    if (tableProperties != null) {
      props.putAll(tableProperties);
    }
    Table table = c.createTable(id, schema, layout.partitionSpec(schema), props);
    LOG.info("created table {} with {} columns, {}", id, schema.columns().size(), table.spec());
    return table;
  }

  /** The schema with the key columns required and declared as identifier fields. */
  private static Schema keyed(Schema schema, List<String> primaryKey) {
    if (primaryKey.isEmpty()) {
      return schema;
    }
    Set<Integer> ids = new HashSet<>();
    List<Types.NestedField> columns = new ArrayList<>();
    for (Types.NestedField column : schema.columns()) {
      if (primaryKey.contains(column.name())) {
        if (!column.type().isPrimitiveType()) {
          throw new IllegalArgumentException("primary key column '" + column.name() + "' must be a primitive, is "
              + column.type());
        }
        ids.add(column.fieldId());
        columns.add(Types.NestedField.from(column).isOptional(false).build());
      } else {
        columns.add(column);
      }
    }
    for (String key : primaryKey) {
      if (schema.findField(key) == null) {
        throw new IllegalArgumentException("primary key column '" + key + "' is not a column of the table; columns: "
            + schema.columns().stream().map(Types.NestedField::name).toList());
      }
    }
    return new Schema(columns, ids);
  }

  /**
   * Adds the columns of {@code columns} that {@code table} lacks (as optional columns; the same union as
   * {@link #ensure}), tolerating writers that add them concurrently: on a commit conflict the table is refreshed
   * and the union recomputed, so a column someone else added is not added twice.
   *
   * @return the table's schema afterwards
   */
  public static Schema addColumns(Table table, Schema columns) {
    for (int attempt = 1; ; attempt++) {
      table.refresh();
      try {
        evolveColumns(table, columns);
        return table.schema();
      } catch (CommitFailedException conflict) {
        if (attempt >= MAX_SCHEMA_COMMIT_ATTEMPTS) {
          throw conflict;
        }
        LOG.info("schema of {} changed concurrently; retrying ({})", table.name(), conflict.getMessage());
      }
    }
  }

  private static void evolveColumns(Table table, Schema schema) {
    Optional<Schema> union = SchemaUnion.missingColumns(table.schema(), schema);
    if (union.isPresent()) {
      table.updateSchema().unionByNameWith(union.get()).commit();
      LOG.info("evolved the columns of table {}", table.name());
    }
  }

  /**
   * Makes the key the table's identifier fields. Key columns that were optional (the table was written in
   * another mode before) are made required; rows already holding nulls there are not rewritten.
   */
  private static void ensureIdentifierFields(Table table, List<String> primaryKey) {
    if (primaryKey.isEmpty() || Set.copyOf(table.schema().identifierFieldNames()).equals(Set.copyOf(primaryKey))) {
      return;
    }
    UpdateSchema update = table.updateSchema().allowIncompatibleChanges();
    for (String key : primaryKey) {
      Types.NestedField field = table.schema().findField(key);
      if (field == null) {
        throw new IllegalArgumentException("primary key column '" + key + "' is not a column of " + table.name());
      }
      if (field.isOptional()) {
        update.requireColumn(key);
      }
    }
    update.setIdentifierFields(primaryKey).commit();
    LOG.info("table {} now has the identifier fields {}", table.name(), primaryKey);
  }

  private static void ensurePartitioning(Table table, PartitionSpec wanted) {
    List<String> current = describe(table.spec());
    List<String> target = describe(wanted);
    if (current.equals(target)) {
      return;
    }
    UpdatePartitionSpec update = table.updateSpec();
    for (PartitionField field : table.spec().fields()) {
      if (!field.transform().isVoid() && !target.contains(describe(table.spec(), field))) {
        update.removeField(field.name());
      }
    }
    for (PartitionField field : wanted.fields()) {
      if (!current.contains(describe(wanted, field))) {
        String column = wanted.schema().findColumnName(field.sourceId());
        update.addField(field.name(), Expressions.transform(column, field.transform()));
      }
    }
    update.commit();
    LOG.info("table {} is now partitioned by {}", table.name(), target);
  }

  private static List<String> describe(PartitionSpec spec) {
    return spec.fields().stream()
        .filter(f -> !f.transform().isVoid())
        .map(f -> describe(spec, f))
        .toList();
  }

  private static String describe(PartitionSpec spec, PartitionField field) {
    return field.transform() + "(" + spec.schema().findColumnName(field.sourceId()) + ")";
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
