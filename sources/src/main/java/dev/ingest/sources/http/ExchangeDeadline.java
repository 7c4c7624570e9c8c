package dev.ingest.sources.http;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * Watches one exchange (connect, TLS handshake, request, response head and body) from a JVM-wide timer thread and
 * cancels it when its deadline passes or when the sending thread is interrupted. Classic blocking I/O reacts to
 * neither: cancelling the request closes its connection, so a blocked read or write fails at once whatever the
 * server does (a slow drip of bytes keeps each read within the idle timeout, but not within this).
 * {@link #close()} stops watching; {@link #expired()} tells a timeout from another failure.
 */
final class ExchangeDeadline implements AutoCloseable {
  /** How often the sending thread's interrupt status is checked. */
  private static final long TICK_MILLIS = 50;
  private static final ScheduledExecutorService TIMER = timer();

  private final Cancellable exchange;
  private final Thread sender = Thread.currentThread();
  private final long deadlineNanos;
  private ScheduledFuture<?> task;
  private boolean expired;
  private boolean done;

  /** Starts watching {@code exchange}, sent by the calling thread, for at most {@code millis}. */
  ExchangeDeadline(long millis, Cancellable exchange) {
    this.exchange = exchange;
    this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    long tick = Math.max(1, Math.min(TICK_MILLIS, millis));
    synchronized (this) { // the first tick waits until the task is known
      this.task = TIMER.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }
  }

  /** True once the deadline passed and the exchange was cancelled for it. */
  synchronized boolean expired() {
    return expired;
  }

  private synchronized void tick() {
    if (done) {
      return;
    }
    boolean late = System.nanoTime() - deadlineNanos >= 0;
    if (late || sender.isInterrupted()) {
      expired = late;
      done = true;
      task.cancel(false);
      exchange.cancel();
    }
  }

  /** Stops watching (the exchange ended). */
  @Override
  public synchronized void close() {
    done = true;
    task.cancel(false);
  }

  private static ScheduledExecutorService timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "ingest-http-deadline");
      thread.setDaemon(true);
      // not the class loader of whichever Flink task first used the transport: that one is closed when its job ends
      thread.setContextClassLoader(ExchangeDeadline.class.getClassLoader());
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    return Executors.unconfigurableScheduledExecutorService(timer);
  }
}
