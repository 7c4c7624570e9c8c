package dev.ingest.sinks.runs;

import java.util.Map;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.types.Types;

/**
 * The {@value #NAME} table: one row per endpoint per run (see {@link RunRow}), unpartitioned, format version 2.
 * Columns are snake_case versions of the {@link RunRow} components; times are {@code timestamptz}.
 */
public final class RunsTable {

  /** Table name, inside the pipeline's namespace. */
  public static final String NAME = "_ingest_runs";

  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "run_id", Types.StringType.get()),
          Types.NestedField.required(2, "endpoint", Types.StringType.get()),
          Types.NestedField.required(3, "run_started_at", Types.TimestampType.withZone()),
          Types.NestedField.required(4, "started_at", Types.TimestampType.withZone()),
          Types.NestedField.required(5, "ended_at", Types.TimestampType.withZone()),
          Types.NestedField.required(6, "duration_ms", Types.LongType.get()),
          Types.NestedField.required(7, "pages", Types.LongType.get()),
          Types.NestedField.required(8, "requests", Types.LongType.get()),
          Types.NestedField.required(9, "rows", Types.LongType.get()),
          Types.NestedField.required(10, "bytes", Types.LongType.get()),
          Types.NestedField.required(11, "retries", Types.LongType.get()),
          Types.NestedField.required(12, "throttled", Types.LongType.get()),
          Types.NestedField.required(13, "waited_ms", Types.LongType.get()),
          Types.NestedField.required(14, "errors", Types.LongType.get()),
          Types.NestedField.required(15, "status", Types.StringType.get()),
          Types.NestedField.optional(16, "error_class", Types.StringType.get()),
          Types.NestedField.optional(17, "error_message", Types.StringType.get()),
          Types.NestedField.optional(18, "cursor_start", Types.StringType.get()),
          Types.NestedField.optional(19, "cursor_end", Types.StringType.get()),
          Types.NestedField.optional(20, "decoded_bytes", Types.LongType.get()),
          Types.NestedField.optional(21, "api_total", Types.LongType.get()));

  private RunsTable() {}

  /** The table schema. */
  public static Schema schema() {
    return SCHEMA;
  }

  /** The row for {@link #schema()}, in Flink's internal representation. */
  public static RowData toRow(RunRow r) {
    return GenericRowData.of(
        StringData.fromString(r.runId()),
        StringData.fromString(r.endpoint()),
        TimestampData.fromEpochMillis(r.runStartedAt()),
        TimestampData.fromEpochMillis(r.startedAt()),
        TimestampData.fromEpochMillis(r.endedAt()),
        r.durationMs(),
        r.pages(),
        r.requests(),
        r.rows(),
        r.bytes(),
        r.retries(),
        r.throttled(),
        r.waitedMillis(),
        r.errors(),
        StringData.fromString(r.status()),
        StringData.fromString(r.errorClass()),
        StringData.fromString(r.errorMessage()),
        StringData.fromString(r.cursorStart()),
        StringData.fromString(r.cursorEnd()),
        r.decodedBytes(),
        r.apiTotal());
  }

  /** Returns the runs table, creating its namespace and itself (unpartitioned, format v2) when absent. */
  public static Table ensure(Catalog catalog, TableIdentifier id) {
    if (!id.namespace().isEmpty()
        && catalog instanceof SupportsNamespaces ns
        && !ns.namespaceExists(id.namespace())) {
      try {
        ns.createNamespace(id.namespace());
      } catch (AlreadyExistsException raced) {
        // created concurrently: fine
      }
    }
    if (catalog.tableExists(id)) {
      return withAllColumns(catalog.loadTable(id));
    }
    try {
      return catalog.createTable(
          id, SCHEMA, PartitionSpec.unpartitioned(), Map.of(TableProperties.FORMAT_VERSION, "2"));
    } catch (AlreadyExistsException raced) {
      return catalog.loadTable(id);
    }
  }

  /**
   * Adds the columns newer versions introduced ({@code cursor_end}, {@code decoded_bytes}, {@code api_total}) to a
   * table created
   * before them; their values in older rows read as null.
   */
  private static Table withAllColumns(Table table) {
    if (table.schema().findField("cursor_end") == null || table.schema().findField("decoded_bytes") == null
        || table.schema().findField("api_total") == null) {
      table.updateSchema().unionByNameWith(SCHEMA).commit();
    }
    return table;
  }
}
