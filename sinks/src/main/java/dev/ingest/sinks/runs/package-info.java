/**
 * Runs: the {@code _ingest_runs} table (one row per endpoint run), and commits that name the runs of the rows they
 * add in their snapshot summary ({@code ingest.run-id}).
 */
package dev.ingest.sinks.runs;
