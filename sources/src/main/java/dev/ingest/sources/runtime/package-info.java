/**
 * The HTTP runtime behind the fetch interface (no Flink imports):
 * {@link dev.ingest.sources.runtime.ConnectorPageFetcherFactory} resolves secrets on the task manager and assembles,
 * per endpoint, a paginator, an authenticator, the credential's rate limiter and the request executor (an attempt
 * step and a delay step) into a page fetcher; parent/child endpoints, parallel page read-ahead, the start of an
 * incremental run, and {@link dev.ingest.sources.runtime.ConnectorClient} (first pages outside Flink: discovery and
 * {@code check}).
 */
package dev.ingest.sources.runtime;
