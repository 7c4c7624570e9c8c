package dev.ingest.sources.source.split;

/** Where a split is in its life: still reading, or finished with its {@code EndpointRun} already emitted. */
public enum SplitStatus {
  /** Pages remain to be fetched and emitted. */
  ACTIVE,
  /** The last page was emitted, followed by a SUCCEEDED {@code EndpointRun}. */
  SUCCEEDED,
  /** The endpoint failed with an {@code EndpointException}; a FAILED {@code EndpointRun} was emitted. */
  FAILED;

  /** True once the split's {@code EndpointRun} was emitted: a restored completed split emits nothing again. */
  public boolean isCompleted() {
    return this != ACTIVE;
  }
}
