package dev.ingest.control.deploy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Asks a remote system the same question at an interval until it answers or the time is up. */
public final class Poll {
  private Poll() {}

  /** A question that may not have its answer yet. */
  public interface Probe<T> {
    Optional<T> ask() throws Exception;
  }

  /**
   * The first answer of {@code probe}, asked every {@code interval}; fails with a {@link DeployException} saying
   * {@code what} did not happen within {@code timeout}.
   */
  public static <T> T until(Probe<T> probe, Duration interval, Duration timeout, String what) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Executor later = CompletableFuture.delayedExecutor(interval.toMillis(), TimeUnit.MILLISECONDS);
    while (true) {
      Optional<T> answer = probe.ask();
      if (answer.isPresent()) {
        return answer.get();
      }
      if (System.nanoTime() > deadline) {
        throw new DeployException(what + " did not happen within " + timeout.toSeconds() + " s");
      }
      CompletableFuture.runAsync(() -> {}, later).get();
    }
  }
}
