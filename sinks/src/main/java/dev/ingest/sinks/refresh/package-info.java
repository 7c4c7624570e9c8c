/**
 * Full refresh: publishes a run staged on the branch {@code ingest_staging} into {@code main} in one commit, so
 * readers never see a partial run.
 */
package dev.ingest.sinks.refresh;
