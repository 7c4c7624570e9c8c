/**
 * Incremental sync values: comparing and shifting cursor values as APIs serve them
 * ({@link dev.ingest.sources.incremental.CursorValues}), the highest one among a page's records
 * ({@link dev.ingest.sources.incremental.HighWaterMark}), marks that are per-partition states and how marks merge
 * ({@link dev.ingest.sources.incremental.CursorState}), and the names of the fetch vars that carry where a run
 * starts ({@link dev.ingest.sources.incremental.IncrementalStart}).
 */
package dev.ingest.sources.incremental;
