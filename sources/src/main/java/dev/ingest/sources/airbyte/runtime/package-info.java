/**
 * Runs the streams of an Airbyte manifest on the project's HTTP runtime: {@link
 * dev.ingest.sources.airbyte.runtime.ManifestFetcherFactory} opens one {@link
 * dev.ingest.sources.airbyte.runtime.ManifestPageFetcher} per stream (or partition), which builds each request from
 * the manifest's {@code HttpRequester} ({@link dev.ingest.sources.airbyte.runtime.StreamRequests}), sends it through
 * the runtime's {@code RequestExecutor} (rate limit, authenticate, send, classify, retry, network policy), selects,
 * filters and transforms records ({@link dev.ingest.sources.airbyte.runtime.RecordPipeline}) and pages with
 * Airbyte's strategies ({@link dev.ingest.sources.airbyte.runtime.DefaultPaginator}). Templates are evaluated
 * through {@link dev.ingest.sources.airbyte.runtime.Interpolation}.
 */
package dev.ingest.sources.airbyte.runtime;
