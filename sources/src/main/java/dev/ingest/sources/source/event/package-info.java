/**
 * What the source emits: {@link dev.ingest.sources.source.event.ApiEvent} (a record or an endpoint run summary) and
 * {@link dev.ingest.sources.source.event.EndpointRun} (one endpoint's outcome in one run, a row of the runs table).
 */
package dev.ingest.sources.source.event;
