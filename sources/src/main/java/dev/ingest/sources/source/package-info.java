/**
 * The Flink source of a pipeline: {@link dev.ingest.sources.source.ApiSource} and its builder. It assembles the
 * parts in the sub-packages (enumerator, reader, split, metrics, event), which never import this package; it sees
 * the HTTP runtime only through the fetch interface.
 */
package dev.ingest.sources.source;
