package dev.ingest.control.alerts;

import dev.ingest.control.store.AlertStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts on its own thread, so a slow or dead receiver never blocks the control plane: each channel is
 * tried up to {@code attempts} times with doubling backoff (scheduled, not slept), each try bounded by the
 * channel's timeout. Every outcome is recorded in the store (DELIVERED, PENDING with the last error while tries
 * remain, FAILED) and failures are logged. At most {@link #MAX_PENDING} deliveries wait; beyond that new ones are
 * recorded FAILED at once.
 */
public final class AlertDispatcher implements AutoCloseable {
  static final int MAX_PENDING = 500;
  static final String DELIVERED = "DELIVERED";
  static final String PENDING = "PENDING";
  static final String FAILED = "FAILED";
  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

  private final AlertStore store;
  private final DeliverySettings settings;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final AtomicInteger pending = new AtomicInteger();

  public AlertDispatcher(AlertStore store, DeliverySettings settings, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ingest-alerts");
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues the alert's delivery to every channel; returns at once. Error texts pass through {@code redact}. */
  public void dispatch(Alert alert, List<AlertChannel> channels, UnaryOperator<String> redact) {
    for (AlertChannel channel : channels) {
      if (pending.incrementAndGet() > MAX_PENDING) {
        pending.decrementAndGet();
        record(alert, channel, FAILED, 0, "dropped: " + MAX_PENDING + " deliveries already waiting");
        continue;
      }
      schedule(alert, channel, 1, 0, redact);
    }
  }

  /** Deliveries queued or waiting for a retry. */
  public int pending() {
    return pending.get();
  }

  private void schedule(Alert alert, AlertChannel channel, int attempt, long delayMillis,
      UnaryOperator<String> redact) {
    try {
      executor.schedule(() -> attempt(alert, channel, attempt, redact), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      pending.decrementAndGet(); // closing
    }
  }

  private void attempt(Alert alert, AlertChannel channel, int attempt, UnaryOperator<String> redact) {
    try {
      channel.send(alert);
      pending.decrementAndGet();
      record(alert, channel, DELIVERED, attempt, null);
    } catch (InterruptedException e) {
      pending.decrementAndGet();
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      String error = redact.apply(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      if (attempt < settings.attempts()) {
        record(alert, channel, PENDING, attempt, error);
        schedule(alert, channel, attempt + 1, settings.backoffBefore(attempt + 1).toMillis(), redact);
      } else {
        pending.decrementAndGet();
        LOG.warn("Alert {} of pipeline {} not delivered to {} after {} attempt(s): {}", alert.key(), alert.pipeline(),
            channel.label(), attempt, error);
        record(alert, channel, FAILED, attempt, error);
      }
    }
  }

  private void record(Alert alert, AlertChannel channel, String status, int attempts, String error) {
    try {
      store.delivered(alert.pipeline(), alert.key(), channel.label(), status, attempts, error, clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("Could not record the delivery of alert {} to {}: {}", alert.key(), channel.label(), e.toString());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
