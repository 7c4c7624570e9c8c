package dev.ingest.jobs.local;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * Flink memory for local runs ({@code ./ingest run}), sized explicitly instead of Flink's local-execution defaults
 * (128 MB managed memory, 64 MB of network buffers allocated as direct memory when the task manager starts):
 *
 * <ul>
 *   <li>managed memory {@value #MANAGED}: the local runner keeps state in the {@code hashmap} backend, on the heap;
 *       managed memory serves RocksDB and batch operators, which a local run has none of;
 *   <li>network buffers {@value #NETWORK} (min = max): the source, parse and Iceberg writer run chained in one
 *       task, so only the small per-checkpoint edges (writer → committer, run tracking) cross the network stack.
 * </ul>
 *
 * <p>The JVM heap is the launcher's ({@code INGEST_HEAP} in {@code ./ingest}, see docs/performance.md). A setting
 * passed to {@link LocalPipelineRunner#configure} wins over these.
 */
final class LocalMemory {
  static final String MANAGED = "0m";
  static final String NETWORK = "16m";

  private LocalMemory() {}

  /** Sets managed memory and network buffers on {@code conf}, leaving keys already set alone. */
  static Configuration apply(Configuration conf) {
    setIfAbsent(conf, TaskManagerOptions.MANAGED_MEMORY_SIZE, MANAGED);
    setIfAbsent(conf, TaskManagerOptions.NETWORK_MEMORY_MIN, NETWORK);
    setIfAbsent(conf, TaskManagerOptions.NETWORK_MEMORY_MAX, NETWORK);
    return conf;
  }

  private static void setIfAbsent(Configuration conf,
      org.apache.flink.configuration.ConfigOption<MemorySize> option, String size) {
    if (!conf.contains(option)) {
      conf.set(option, MemorySize.parse(size));
    }
  }
}
