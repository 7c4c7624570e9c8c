package dev.ingest.control.store;

/** A versioned write named a version that is no longer current: someone else updated the pipeline first. */
public final class StaleVersionException extends StoreException {
  private final String pipeline;
  private final long expected;
  private final long current;

  public StaleVersionException(String pipeline, long expected, long current) {
    super("pipeline " + pipeline + " is at version " + current + ", not " + expected
        + ": it changed since you read it; read it again and reapply your change");
    this.pipeline = pipeline;
    this.expected = expected;
    this.current = current;
  }

  public String pipeline() {
    return pipeline;
  }

  public long expected() {
    return expected;
  }

  public long current() {
    return current;
  }
}
