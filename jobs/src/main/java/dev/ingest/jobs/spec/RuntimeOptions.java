package dev.ingest.jobs.spec;

import java.io.Serializable;
import java.time.Duration;

/**
 * Flink settings of a pipeline's job.
 *
 * @param parallelism source, parse and write parallelism
 * @param checkpointInterval how often the job checkpoints; data becomes visible in the tables at each checkpoint
 */
public record RuntimeOptions(int parallelism, Duration checkpointInterval) implements Serializable {
  public static final RuntimeOptions DEFAULTS = new RuntimeOptions(2, Duration.ofSeconds(10));
}
