package dev.ingest.sinks.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * The columns Ingest adds to every endpoint table, after the data columns:
 *
 * <ul>
 *   <li>{@value #RUN_ID} (string, required): the run that fetched the record;
 *   <li>{@value #INGESTED_AT} (timestamptz, required): when the record was ingested, the partition source;
 *   <li>{@value #EXTRA} (string, optional): a JSON object holding every field of the record that has no
 *       column, or whose value does not fit its column; null when there is none.
 * </ul>
 */
public final class MetadataColumns {

  /** Run id column name. */
  public static final String RUN_ID = "_ingest_run_id";

  /** Ingestion time column name. */
  public static final String INGESTED_AT = "_ingested_at";

  /** Leftover-fields column name. */
  public static final String EXTRA = "_ingest_extra";

  /**
   * Column of full-refresh tables that keep history ({@code keep_deleted}): when the first run that no longer
   * fetched the row's key started; null for a row the latest run fetched. Only those tables have it.
   */
  public static final String DELETED_AT = "_ingest_deleted_at";

  /** All metadata column names; record fields with these names always go to {@value #EXTRA}. */
  public static final Set<String> NAMES = Set.of(RUN_ID, INGESTED_AT, EXTRA, DELETED_AT);

  private MetadataColumns() {}

  /**
   * The data schema followed by the metadata columns, with fresh field ids (data columns keep their order).
   *
   * @throws IllegalArgumentException when the data schema already has a column with a metadata name
   */
  public static Schema withMetadata(Schema dataSchema) {
    for (Types.NestedField f : dataSchema.columns()) {
      if (NAMES.contains(f.name())) {
        throw new IllegalArgumentException("data schema must not contain the metadata column '" + f.name() + "'");
      }
    }
    List<Types.NestedField> columns = new ArrayList<>(dataSchema.columns());
    int id = dataSchema.highestFieldId();
    columns.add(Types.NestedField.required(++id, RUN_ID, Types.StringType.get()));
    columns.add(Types.NestedField.required(++id, INGESTED_AT, Types.TimestampType.withZone()));
    columns.add(Types.NestedField.optional(++id, EXTRA, Types.StringType.get()));
    int[] next = {0};
    return TypeUtil.assignFreshIds(new Schema(columns), () -> ++next[0]);
  }

  /**
   * {@code schema} with {@value #DELETED_AT} (optional timestamptz) added after its columns, unless it has it.
   */
  public static Schema withDeletedAt(Schema schema) {
    if (schema.findField(DELETED_AT) != null) {
      return schema;
    }
    List<Types.NestedField> columns = new ArrayList<>(schema.columns());
    columns.add(Types.NestedField.optional(schema.highestFieldId() + 1, DELETED_AT, Types.TimestampType.withZone()));
    return new Schema(columns, schema.identifierFieldIds());
  }

  /** True when the column is one of the metadata columns. */
  public static boolean isMetadata(String columnName) {
    return NAMES.contains(columnName);
  }
}
