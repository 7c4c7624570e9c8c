package dev.ingest.sinks.rows;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Converts one non-null JSON value to Flink's internal representation for a fixed Iceberg type. Built once per
 * schema; implementations are stateless and thread-safe.
 */
@FunctionalInterface
interface ValueConverter {

  /**
   * The converted value, or {@code null} after {@link Conversion#misfit()} when the value does not fit.
   *
   * @param value a JSON value that is neither missing nor JSON null
   */
  Object convert(JsonNode value, Conversion conversion);
}
