package dev.ingest.sinks.rows;

import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** Picks the {@link ValueConverter} for an Iceberg type, once per schema. */
final class Converters {

  private Converters() {}

  /**
   * The converter producing Flink's internal representation of {@code type} (as {@code FlinkSchemaUtil} maps it).
   *
   * @throws IllegalArgumentException for types JSON cannot feed (variant, unknown, geometry, …)
   */
  static ValueConverter forType(Type type) {
    switch (type.typeId()) {
      case STRING:
        return ScalarConverters.STRING;
      case BOOLEAN:
        return ScalarConverters.BOOLEAN;
      case INTEGER:
        return ScalarConverters.INT;
      case LONG:
        return ScalarConverters.LONG;
      case FLOAT:
        return ScalarConverters.FLOAT;
      case DOUBLE:
        return ScalarConverters.DOUBLE;
      case DECIMAL:
        Types.DecimalType d = (Types.DecimalType) type;
        return ScalarConverters.decimal(d.precision(), d.scale());
      case UUID:
        return ScalarConverters.UUID_BYTES;
      case BINARY:
        return ScalarConverters.BINARY;
      case FIXED:
        return ScalarConverters.fixed(((Types.FixedType) type).length());
      case DATE:
        return TemporalConverters.DATE;
      case TIME:
        return TemporalConverters.TIME;
      case TIMESTAMP:
        return ((Types.TimestampType) type).shouldAdjustToUTC()
            ? TemporalConverters.TIMESTAMPTZ
            : TemporalConverters.TIMESTAMP;
      case TIMESTAMP_NANO:
        return ((Types.TimestampNanoType) type).shouldAdjustToUTC()
            ? TemporalConverters.TIMESTAMPTZ_NANO
            : TemporalConverters.TIMESTAMP_NANO;
      case STRUCT:
        return new StructConverter(type.asStructType());
      case LIST:
        return new ListConverter(type.asListType());
      case MAP:
        return new MapConverter(type.asMapType());
      default:
        throw new IllegalArgumentException("cannot convert JSON to column type " + type);
    }
  }
}
