package dev.ingest.jobs.lineage;

import dev.ingest.jobs.spec.LineageOptions;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends run events with the OpenLineage Java client's HTTP transport, on one daemon thread of its own, so the task
 * thread never waits on the receiver. Every wait is bounded: connecting, the request and the response each by
 * {@link LineageOptions#timeoutMillis}; the queue holds at most {@link #QUEUE} events (more are dropped with a
 * warning); {@link #close} drains for at most twice the timeout plus {@code drainExtraMillis}. A receiver that
 * is down or slow costs warnings, never a failure of the pipeline. Nothing here logs an event's body or the key.
 */
final class LineageEmitter implements AutoCloseable {
  static final int QUEUE = 256;
  private static final Logger LOG = LoggerFactory.getLogger(LineageEmitter.class);

  private final String pipeline;
  private final OpenLineageClient client;
  private final ThreadPoolExecutor executor;
  private final long drainMillis;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /** @param apiKey the bearer token to send, read from the secret store; empty for none */
  LineageEmitter(String pipeline, LineageOptions options, Optional<String> apiKey, long drainExtraMillis) {
    this.pipeline = pipeline;
    HttpConfig config = new HttpConfig();
    config.setUrl(options.url().orElseThrow(() -> new IllegalArgumentException("lineage has no url")));
    options.endpoint().ifPresent(config::setEndpoint);
    config.setTimeoutInMillis(options.timeoutMillis());
    apiKey.ifPresent(key -> {
      ApiKeyTokenProvider token = new ApiKeyTokenProvider();
      token.setApiKey(key);
      config.setAuth(token);
    });
    this.client = new OpenLineageClient(new HttpTransport(config));
    this.drainMillis = 2L * options.timeoutMillis() + drainExtraMillis;
    this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
      Thread t = new Thread(r, "openlineage-" + pipeline);
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues an event (built on the sending thread); false when the queue is full and it was dropped. */
  boolean send(String what, Supplier<RunEvent> event) {
    try {
      executor.execute(() -> emit(what, event));
      return true;
    } catch (RejectedExecutionException e) {
      LOG.warn("pipeline {}: lineage queue full ({} events): dropped {}", pipeline, QUEUE, what);
      return false;
    }
  }

  private void emit(String what, Supplier<RunEvent> event) {
    try {
      client.emit(event.get());
      sent.incrementAndGet();
      LOG.info("pipeline {}: lineage {} sent", pipeline, what);
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      LOG.warn("pipeline {}: lineage {} not delivered: {}", pipeline, what, e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
    }
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  /** Events delivered so far. */
  long sent() {
    return sent.get();
  }

  /** Events the receiver did not take (down, slow, refused). */
  long failed() {
    return failed.get();
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(drainMillis, TimeUnit.MILLISECONDS)) {
        LOG.warn("pipeline {}: lineage events still queued after {} ms are dropped", pipeline, drainMillis);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    try {
      client.close();
    } catch (Exception e) {
      LOG.debug("pipeline {}: closing the lineage client: {}", pipeline, e.toString());
    }
  }
}
