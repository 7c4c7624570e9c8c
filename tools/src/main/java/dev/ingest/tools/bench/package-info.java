/**
 * Benchmarks against the sandbox API, behind {@code ./ingest bench}: {@link dev.ingest.tools.bench.RuntimeBenchmark}
 * (rate-limit utilisation, 429s, parallel-page speed-up of the HTTP runtime) and
 * {@link dev.ingest.tools.bench.E2eBenchmark} (the pipeline on a MiniCluster against an in-process ceiling loop,
 * heap against run size, idle cost), written out by {@link dev.ingest.tools.bench.BenchReport}.
 */
package dev.ingest.tools.bench;
