/**
 * Benchmarks behind {@code ./ingest bench}: {@link dev.ingest.tools.bench.RuntimeBenchmark} (rate-limit
 * utilisation, 429s, parallel-page speed-up of the HTTP runtime, against the sandbox API) and
 * {@link dev.ingest.tools.bench.E2eBenchmark} (the pipeline on a MiniCluster against the best sequential loop, both
 * over pages rendered once and served by a minimal server; heap against run size, idle cost), written out by
 * {@link dev.ingest.tools.bench.BenchReport}; {@link dev.ingest.tools.bench.BenchServer} serves the same pages in a
 * process of their own.
 */
package dev.ingest.tools.bench;
