/**
 * The interface between the Flink source and the HTTP runtime, and all the source sees of it: a
 * {@link dev.ingest.sources.fetch.PageFetcherFactory} (serializable, in the job graph) opens a
 * {@link dev.ingest.sources.fetch.PageFetcher} for a {@link dev.ingest.sources.fetch.FetchTarget}, which returns
 * {@link dev.ingest.sources.fetch.Page}s addressed by a typed {@link dev.ingest.sources.fetch.PageCursor}, with what
 * each cost ({@link dev.ingest.sources.fetch.FetchStats}), or fails with an
 * {@link dev.ingest.sources.fetch.EndpointException} of an {@link dev.ingest.sources.fetch.ErrorClass}.
 * {@link dev.ingest.sources.fetch.ParentRecordVars} gives the {@code parent.*} vars a fanned-out child target
 * carries. No Flink and no HTTP types here, so source tests script fetchers without a network.
 */
package dev.ingest.sources.fetch;
