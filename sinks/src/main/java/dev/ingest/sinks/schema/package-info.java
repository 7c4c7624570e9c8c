/**
 * Iceberg schemas for endpoint tables: mapped from a connector's declared JSON schema or inferred from sample
 * records, plus the metadata columns every endpoint table carries ({@code _ingest_run_id}, {@code _ingested_at},
 * {@code _ingest_extra}).
 */
package dev.ingest.sinks.schema;
