package dev.ingest.jobs.export;

import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** Iceberg types spelled as warehouse SQL types (Snowflake's names, which dbt's {@code data_type} also uses). */
final class SqlTypes {
  private SqlTypes() {}

  static String of(Type type) {
    return switch (type.typeId()) {
      case BOOLEAN -> "BOOLEAN";
      case INTEGER -> "INT";
      case LONG -> "BIGINT";
      case FLOAT -> "FLOAT";
      case DOUBLE -> "DOUBLE";
      case DECIMAL -> "DECIMAL(" + ((Types.DecimalType) type).precision() + ", " + ((Types.DecimalType) type).scale() + ")";
      case DATE -> "DATE";
      case TIME -> "TIME";
      case TIMESTAMP -> ((Types.TimestampType) type).shouldAdjustToUTC() ? "TIMESTAMP_LTZ" : "TIMESTAMP_NTZ";
      case STRING, UUID -> "VARCHAR";
      case BINARY, FIXED -> "BINARY";
      case STRUCT -> "OBJECT";
      case LIST -> "ARRAY";
      case MAP -> "MAP";
      default -> "VARIANT";
    };
  }
}
