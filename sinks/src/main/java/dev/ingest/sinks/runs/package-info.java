/**
 * Runs: the {@code _ingest_runs} table (one row per endpoint run), commits that name the runs of the rows they add
 * in their snapshot summary ({@code ingest.run-id}), and {@link dev.ingest.sinks.runs.RunReader}, which reads the
 * latest run back for the CLI's report and the control plane's health.
 */
package dev.ingest.sinks.runs;
