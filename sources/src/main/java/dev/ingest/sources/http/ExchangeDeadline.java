package dev.ingest.sources.http;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The overall deadline of one exchange (connect, TLS handshake, request, response head and body): when it passes,
 * a JVM-wide timer thread closes the sockets being watched, so any blocked read or write fails at once whatever
 * the server does (a slow drip of bytes keeps each read within the idle timeout, but not within this).
 * {@link #close()} cancels the timer; {@link #expired()} tells a timeout from another failure.
 */
final class ExchangeDeadline implements AutoCloseable {
  private static final ScheduledExecutorService TIMER = timer();

  private final List<Socket> sockets = new ArrayList<>();
  private final ScheduledFuture<?> task;
  private boolean expired;

  ExchangeDeadline(long millis) {
    this.task = TIMER.schedule(this::expire, millis, TimeUnit.MILLISECONDS);
  }

  /** Closes {@code socket} when the deadline passes (at once if it already has). */
  synchronized void watch(Socket socket) {
    sockets.add(socket);
    if (expired) {
      close(socket);
    }
  }

  /** True once the deadline passed. */
  synchronized boolean expired() {
    return expired;
  }

  private synchronized void expire() {
    expired = true;
    sockets.forEach(ExchangeDeadline::close);
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closed anyway
    }
  }

  /** Stops watching (the exchange ended); the sockets stay open. */
  @Override
  public synchronized void close() {
    task.cancel(false);
    sockets.clear();
  }

  private static ScheduledExecutorService timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "ingest-http-deadline");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    return Executors.unconfigurableScheduledExecutorService(timer);
  }
}
