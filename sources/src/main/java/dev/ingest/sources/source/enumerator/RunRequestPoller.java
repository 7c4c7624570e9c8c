package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.source.request.RunRequestClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the control plane for run requests at a fixed rate: the poll runs on the coordinator's worker thread
 * ({@code callAsync}), its answer is handled on the coordinator thread. A failed poll (control plane down, token
 * refused, timeout) is logged once per outage and retried at the next interval: it never fails or stalls the job,
 * and scheduled runs go on.
 */
final class RunRequestPoller {
  private static final Logger LOG = LoggerFactory.getLogger(RunRequestPoller.class);

  private final SplitEnumeratorContext<?> context;
  private final String pipeline;
  private final RunRequestClient client;
  private final Duration interval;
  private final RunRequests requests;
  private final Runnable onAccepted;
  private boolean failing;

  /**
   * @param onAccepted called on the coordinator thread after a poll accepted new requests
   */
  RunRequestPoller(SplitEnumeratorContext<?> context, String pipeline, RunRequestClient client, Duration interval,
      RunRequests requests, Runnable onAccepted) {
    this.context = Objects.requireNonNull(context, "context");
    this.pipeline = pipeline;
    this.client = Objects.requireNonNull(client, "client");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.requests = requests;
    this.onAccepted = onAccepted;
  }

  void start() {
    LOG.info("pipeline {}: polling {} for run requests every {} ms", pipeline, client, interval.toMillis());
    context.callAsync(() -> client.poll(requests.mark()), this::polled, interval.toMillis(), interval.toMillis());
  }

  private void polled(List<Long> ids, Throwable error) {
    if (error != null) {
      if (!failing) {
        LOG.warn("pipeline {}: run requests unavailable ({}); scheduled runs go on, asking again every {} ms",
            pipeline, error.getMessage(), interval.toMillis());
      }
      failing = true;
      return;
    }
    if (failing) {
      LOG.info("pipeline {}: run requests reachable again", pipeline);
      failing = false;
    }
    if (requests.accept(ids) > 0) {
      onAccepted.run();
    }
  }
}
