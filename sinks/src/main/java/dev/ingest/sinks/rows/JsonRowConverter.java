package dev.ingest.sinks.rows;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;

/**
 * Converts one API record (JSON object text) into a row of an endpoint table, filling the metadata columns.
 *
 * <p>Values that fit their column are converted (see docs/tables.md for every type); a value of another JSON
 * kind is stored as JSON text when the column is a string, and otherwise kept verbatim in {@code _ingest_extra}
 * together with fields the table has no column for, so nothing is dropped silently. Structs with unknown keys
 * or misfitting nested values keep the parts that fit and put the whole original field in {@code _ingest_extra}
 * too. Invalid JSON, a non-object record and a missing required column raise {@link RecordConversionException}.
 *
 * <p>The schema is compiled into per-column converters once (lazily after deserialization). Each record is read
 * in one pass over its JSON tokens, filling the row as it goes, without building a JSON tree (docs/performance.md,
 * "Streaming conversion"). Instances are serializable and thread-safe. Rows use Flink's internal data
 * structures, so give the stream {@code InternalTypeInfo.of(converter.rowType())} as its type.
 */
public final class JsonRowConverter implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Schema tableSchema;
  private transient volatile RecordConverter compiled;
  private transient volatile RowType rowType;

  /**
   * A converter for the table's full schema (data columns plus {@code MetadataColumns}).
   *
   * @throws IllegalArgumentException when a metadata column is missing or a column type cannot be fed from JSON
   */
  public JsonRowConverter(Schema tableSchema) {
    this.tableSchema = Objects.requireNonNull(tableSchema, "tableSchema");
    this.compiled = new RecordConverter(tableSchema);
  }

  /**
   * The row for one record.
   *
   * @param runId value of {@code _ingest_run_id}
   * @param ingestedAtMillis value of {@code _ingested_at}, epoch milliseconds
   * @throws RecordConversionException for invalid JSON, a non-object record or a missing required column
   */
  public RowData convert(String json, String runId, long ingestedAtMillis) throws RecordConversionException {
    Objects.requireNonNull(runId, "runId");
    return compiled().convert(json, runId, ingestedAtMillis);
  }

  /**
   * The row for one record given as its UTF-8 bytes (as cut out of the page): the same row and errors as
   * {@link #convert(String, String, long)} for the same JSON, read with a byte parser.
   *
   * @throws RecordConversionException for invalid JSON, a non-object record or a missing required column
   */
  public RowData convert(byte[] json, String runId, long ingestedAtMillis) throws RecordConversionException {
    Objects.requireNonNull(runId, "runId");
    return compiled().convert(json, runId, ingestedAtMillis);
  }

  private RecordConverter compiled() {
    RecordConverter c = compiled;
    if (c == null) {
      c = new RecordConverter(tableSchema);
      compiled = c;
    }
    return c;
  }

  /** Flink's row type of the produced rows (as the Iceberg Flink sink expects for this schema). */
  public RowType rowType() {
    RowType t = rowType;
    if (t == null) {
      t = FlinkSchemaUtil.convert(tableSchema);
      rowType = t;
    }
    return t;
  }

  /** The table schema this converter was built for. */
  public Schema tableSchema() {
    return tableSchema;
  }
}
