package dev.ingest.sources.source.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.metrics.MetricGroup;

/**
 * The per-endpoint metrics of one source reader, created on first use under
 * {@code addGroup("endpoint", name)} of the reader's metric group, so they show in the Flink UI and the REST API
 * as {@code ...Source__<name>.endpoint.<endpoint>.rows} and so on (see {@link EndpointMetrics}).
 */
public final class ApiSourceMetrics {
  private final MetricGroup readerGroup;
  private final Map<String, EndpointMetrics> byEndpoint = new HashMap<>();

  public ApiSourceMetrics(MetricGroup readerGroup) {
    this.readerGroup = Objects.requireNonNull(readerGroup, "readerGroup");
  }

  /** The metrics of {@code endpoint}, registered the first time it is asked for. */
  public EndpointMetrics endpoint(String endpoint) {
    return byEndpoint.computeIfAbsent(endpoint, e -> new EndpointMetrics(readerGroup.addGroup("endpoint", e)));
  }
}
