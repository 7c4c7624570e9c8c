package dev.ingest.sinks.runs;

import java.util.List;

/**
 * What a pipeline's latest run produced, read back from its runs table ({@link RunReader#latest}): one line per
 * endpoint, plus where the tables are. A local run reports it when it ends.
 */
public record RunReport(String pipeline, String runId, List<EndpointResult> endpoints, String warehouse) {

  /** One endpoint's outcome in the run, and its table's total row count after it. */
  public record EndpointResult(
      String endpoint, String status, long rows, long pages, long requests, long durationMs, long tableRows,
      String errorClass, String errorMessage) {

    public boolean failed() {
      return !"SUCCEEDED".equals(status);
    }
  }

  public boolean failed() {
    return endpoints.isEmpty() || endpoints.stream().anyMatch(EndpointResult::failed);
  }
}
