package dev.ingest.sources.fetch;

import java.util.Map;
import java.util.Objects;

/**
 * What a split asks the HTTP runtime to fetch: an endpoint, the run it belongs to, values made available to request
 * templates ({@code incremental.*}, {@code parent.*}), and which part of a child endpoint (see {@link Scope}).
 */
public record FetchTarget(String endpoint, String runId, Map<String, String> vars, Scope scope) {

  /** Which part of an endpoint a fetcher reads. Endpoints without a parent are always read {@link #ALL}. */
  public enum Scope {
    /** The whole endpoint; a child endpoint walks every parent record in one cursor. */
    ALL,
    /** The pages of the endpoint's parent (the records to fan out over), not the endpoint's own records. */
    PARENTS,
    /** The endpoint's records for the one parent record whose {@code parent.*} values are in the vars. */
    ONE_PARENT
  }

  public FetchTarget {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(runId, "runId");
    vars = Map.copyOf(Objects.requireNonNull(vars, "vars"));
    Objects.requireNonNull(scope, "scope");
  }

  /** The whole endpoint with these vars. */
  public FetchTarget(String endpoint, String runId, Map<String, String> vars) {
    this(endpoint, runId, vars, Scope.ALL);
  }

  public static FetchTarget of(String endpoint, String runId) {
    return new FetchTarget(endpoint, runId, Map.of());
  }
}
