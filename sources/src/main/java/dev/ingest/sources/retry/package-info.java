/**
 * Retry decisions as data: the {@link dev.ingest.sources.retry.RetryPolicy} (retried statuses, backoff, budget), the
 * classifiers that sort responses, 2xx bodies and I/O failures into success, retry or failure with an
 * {@code ErrorClass}, {@code Retry-After} parsing, and the {@link dev.ingest.sources.retry.Sleeper} every wait goes
 * through.
 */
package dev.ingest.sources.retry;
