package dev.ingest.sources.http;

import java.util.Map;
import java.util.Objects;

/**
 * What a split asks the HTTP runtime to fetch: an endpoint, the run it belongs to, and values made available to
 * request templates ({@code incremental.*}, {@code parent.*} once the runtime supports them).
 */
public record FetchTarget(String endpoint, String runId, Map<String, String> vars) {
  public FetchTarget {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(runId, "runId");
    vars = Map.copyOf(Objects.requireNonNull(vars, "vars"));
  }

  public static FetchTarget of(String endpoint, String runId) {
    return new FetchTarget(endpoint, runId, Map.of());
  }
}
