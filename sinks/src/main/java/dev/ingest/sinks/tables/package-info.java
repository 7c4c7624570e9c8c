/**
 * Endpoint tables in the catalog: created before the job graph is built, with the layout their write mode needs,
 * and evolved, never rewritten (added and widened columns, identifier fields, partition evolution).
 */
package dev.ingest.sinks.tables;
