/**
 * The pipeline compiler: plans a pipeline's tables and builds its Flink job graph from one translator per step
 * (source, parse, endpoint sinks, full-refresh publisher, run tracking), configured by one
 * {@link dev.ingest.jobs.compile.CompileOptions}; with the operators and functions the graph ships. Depends on
 * {@code jobs.spec}, never on the runners ({@code dev.ingest.jobs}, {@code jobs.local}).
 */
package dev.ingest.jobs.compile;
