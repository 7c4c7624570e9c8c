package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.jobs.spec.StateBackend;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * The Flink configuration of a pipeline's job: exactly-once checkpoints at the pipeline's interval (tables become
 * visible at each checkpoint), checkpoints retained when a job fails or is cancelled so a restart resumes from
 * them, a bounded restart strategy, and object reuse between chained operators. The state backend is the one the
 * pipeline names ({@code runtime.state_backend}), else the installation's; RocksDB checkpoints incrementally (each
 * checkpoint uploads only the SST files the previous one lacks). Flink 2.x reads these only as configuration keys.
 */
public final class JobConfiguration {
  private JobConfiguration() {}

  /**
   * @param checkpointDir where checkpoints go (a local folder for local runs, S3 in production)
   * @param defaultStateBackend Flink's {@code state.backend.type} when the pipeline names no backend: the
   *     installation's setting for local runs ({@code RuntimeSettings}), the cluster's on clusters
   */
  public static Configuration forPipeline(PipelineSpec pipeline, Path checkpointDir, String defaultStateBackend) {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.NAME, "ingest " + pipeline.name());
    // Chained operators hand records over without a defensive deep copy (it cost a quarter of the task thread's
    // CPU, docs/performance.md). Safe here: the source and the parse operator create a new object per record, and
    // no operator keeps or changes the records it receives (Iceberg's writers copy the keys they keep).
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, pipeline.runtime().checkpointInterval());
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
    conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
    conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS,
        pipeline.runtime().checkpointInterval().dividedBy(2));
    StateBackend chosen = pipeline.runtime().stateBackend();
    String stateBackend = chosen != null ? chosen.flinkName() : defaultStateBackend;
    conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
    if (StateBackend.ROCKSDB.flinkName().equals(stateBackend)) {
      conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    }
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofMillis(500));
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(30));
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, 10);
    return conf;
  }
}
