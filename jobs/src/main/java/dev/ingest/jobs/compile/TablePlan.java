package dev.ingest.jobs.compile;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.FetchStats;
import java.util.List;
import java.util.Map;

/**
 * What {@link TablePlanner} produced for one job start: the tables the job writes, the endpoints whose schema
 * discovery failed (no table; the job records each as a {@code FAILED} run, see {@link DiscoveryAwareFetchers}),
 * and what the discovery requests of the other new tables cost.
 *
 * @param tables one per endpoint that has a table, in the pipeline's order
 * @param failed endpoint → the discovery failure, for endpoints without a table and without a declared schema
 * @param discoveryCosts endpoint → the requests, retries and bytes of its discovery page (new tables only)
 */
public record TablePlan(
    List<EndpointTable> tables, Map<String, EndpointException> failed, Map<String, FetchStats> discoveryCosts) {
  public TablePlan {
    tables = List.copyOf(tables);
    failed = Map.copyOf(failed);
    discoveryCosts = Map.copyOf(discoveryCosts);
  }
}
