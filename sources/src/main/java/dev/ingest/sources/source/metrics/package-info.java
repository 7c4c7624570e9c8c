/**
 * The source reader's Flink metrics, per endpoint: counters of rows, pages, requests, bytes, retries, rate limits and
 * errors, and gauges of the last run's duration, rows and status.
 */
package dev.ingest.sources.source.metrics;
