/**
 * Local runs: {@link dev.ingest.jobs.local.LocalPipelineRunner} runs a pipeline on a Flink MiniCluster in this JVM
 * ({@code ./ingest run}, {@code ./ingest demo}, the {@code local-runs} deployer), resuming from the checkpoints an
 * earlier local job left behind, and prints progress lines while it runs.
 */
package dev.ingest.jobs.local;
