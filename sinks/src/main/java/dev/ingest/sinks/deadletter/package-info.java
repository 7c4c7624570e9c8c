/**
 * The per-pipeline dead-letter table {@code _ingest_dead_letters}: records that could not be converted into rows,
 * kept with their raw JSON, error and run id.
 */
package dev.ingest.sinks.deadletter;
