package dev.ingest.sinks.rows;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Converts one non-null JSON value, read from a token stream, to Flink's internal representation for a fixed
 * Iceberg type. Built once per schema; implementations are stateless and thread-safe.
 */
@FunctionalInterface
interface ValueConverter {

  /**
   * The converted value, or {@code null} after {@link Conversion#misfit} when the value does not fit.
   *
   * @param parser positioned on the value's first token (a scalar, {@code START_OBJECT} or {@code START_ARRAY};
   *     never {@code VALUE_NULL}); on return it is positioned on the value's last token (the scalar itself or the
   *     matching end token), whether the value fit or not
   * @throws IOException when the JSON text is invalid
   */
  Object convert(JsonParser parser, Conversion conversion) throws IOException;
}
