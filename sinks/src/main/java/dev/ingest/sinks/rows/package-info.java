/**
 * API records (JSON text) to Flink {@code RowData} of an endpoint table, in one pass over the JSON tokens with
 * per-column converters compiled once per schema; values that do not fit and fields the table has no column for
 * are kept in {@code _ingest_extra}.
 */
package dev.ingest.sinks.rows;
