package dev.ingest.sinks.runs;

import java.util.List;

/**
 * What a local run produced, read back from the pipeline's runs table: one line per endpoint of the latest run,
 * plus where the tables are.
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
