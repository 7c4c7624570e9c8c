/**
 * OpenLineage run events of a pipeline's runs: {@link dev.ingest.jobs.lineage.LineageFunction} (one operator,
 * parallelism 1) learns a run's start and its endpoints' outcomes from {@link dev.ingest.jobs.lineage.RunSignal}s
 * the parsing operator sends, and reports START when a run is first seen and COMPLETE or FAIL once every endpoint
 * of the run has ended and a checkpoint holding that end has completed. {@link dev.ingest.jobs.lineage.RunEvents}
 * builds the events (inputs: the API endpoints; outputs: the Iceberg tables with row and byte statistics);
 * {@link dev.ingest.jobs.lineage.LineageEmitter} sends them over HTTP with the OpenLineage Java client, off the
 * task thread, every wait bounded. Depends on {@code jobs.spec}, never on the compiler ({@code jobs.compile}).
 */
package dev.ingest.jobs.lineage;
