package dev.ingest.sinks.deadletter;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The per-pipeline dead-letter table {@code <namespace>._ingest_dead_letters}: records that could not be turned
 * into rows of their endpoint's table, kept with their raw JSON, the error and the run id so nothing is lost and
 * they can be replayed after a fix.
 */
public final class DeadLetterTable {
  public static final String NAME = "_ingest_dead_letters";

  private static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "run_id", Types.StringType.get()),
      Types.NestedField.required(2, "endpoint", Types.StringType.get()),
      Types.NestedField.required(3, "error", Types.StringType.get()),
      Types.NestedField.optional(4, "raw", Types.StringType.get()),
      Types.NestedField.required(5, "failed_at", Types.TimestampType.withZone()));

  /** Raw payloads above this size are cut, with a marker, so one huge record cannot bloat the table. */
  public static final int MAX_RAW_CHARS = 1_000_000;

  private DeadLetterTable() {}

  public static Schema schema() {
    return SCHEMA;
  }

  public static RowData toRow(String runId, String endpoint, String error, String raw, long failedAtMillis) {
    String kept = raw;
    if (kept != null && kept.length() > MAX_RAW_CHARS) {
      kept = kept.substring(0, MAX_RAW_CHARS) + "…[truncated " + (raw.length() - MAX_RAW_CHARS) + " chars]";
    }
    return GenericRowData.of(
        StringData.fromString(runId),
        StringData.fromString(endpoint),
        StringData.fromString(error),
        kept == null ? null : StringData.fromString(kept),
        TimestampData.fromEpochMillis(failedAtMillis));
  }
}
