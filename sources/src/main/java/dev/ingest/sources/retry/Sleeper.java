package dev.ingest.sources.retry;

import java.time.Duration;

/**
 * Waits. Every wait of the HTTP runtime goes through this interface, so tests run on a fake clock and a later
 * scheduler can move waits off the fetch thread.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits {@code duration}.
   *
   * @throws InterruptedException when the thread is interrupted (shutdown); the wait ends at once
   */
  void sleep(Duration duration) throws InterruptedException;

  /** The real sleeper ({@link ParkingSleeper}). */
  static Sleeper system() {
    return ParkingSleeper.INSTANCE;
  }
}
