package dev.ingest.sources.retry;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Waits with {@link LockSupport#parkNanos}, resuming after spurious wake-ups and ending on interruption. */
public final class ParkingSleeper implements Sleeper {
  /** The one instance. */
  public static final ParkingSleeper INSTANCE = new ParkingSleeper();

  private ParkingSleeper() {}

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting to retry");
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      LockSupport.parkNanos(this, left);
    }
  }

  @Override
  public String toString() {
    return "ParkingSleeper";
  }
}
