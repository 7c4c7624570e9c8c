package dev.ingest.jobs.compile;

/** Checkpointed count of dead-lettered records of one split (run id + endpoint). A Flink POJO. */
public class DeadLetterCount {
  public String splitKey;
  public long count;

  public DeadLetterCount() {}

  DeadLetterCount(String splitKey, long count) {
    this.splitKey = splitKey;
    this.count = count;
  }
}
