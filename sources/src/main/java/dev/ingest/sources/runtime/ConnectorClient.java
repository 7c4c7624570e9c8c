package dev.ingest.sources.runtime;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Fetches just the first page of endpoints, outside Flink: schema discovery (sample records) and
 * {@code ./ingest check} (do the credentials work, is every endpoint reachable).
 */
public final class ConnectorClient {
  private final PageFetcherFactory factory;

  public ConnectorClient(PageFetcherFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** The first page of {@code endpoint}. */
  public Page firstPage(String endpoint) throws EndpointException, InterruptedException {
    return firstPage(endpoint, Map.of());
  }

  /** The first page of {@code endpoint}, with {@code vars} available to its templates. */
  public Page firstPage(String endpoint, Map<String, String> vars) throws EndpointException, InterruptedException {
    FetchTarget target = new FetchTarget(endpoint, "check-" + UUID.randomUUID(), vars);
    try (PageFetcher fetcher = factory.open(target)) {
      return fetcher.fetch(PageCursor.first());
    }
  }

  /**
   * Fetches the first page of each endpoint and reports each outcome (records counted, the first one kept); never
   * throws for an endpoint failure.
   */
  public List<EndpointCheck> check(Collection<String> endpoints) throws InterruptedException {
    List<EndpointCheck> results = new ArrayList<>();
    for (String endpoint : endpoints) {
      try {
        Page page = firstPage(endpoint);
        results.add(new EndpointCheck(endpoint, null, null, page.records().size(), !page.isLast(), page.stats(), 0,
            page.records().isEmpty() ? null : page.records().get(0)));
      } catch (EndpointException e) {
        results.add(new EndpointCheck(endpoint, e.errorClass(), e.getMessage(), 0, false, e.stats(), e.httpStatus(),
            null));
      }
    }
    return results;
  }

  @Override
  public String toString() {
    return "ConnectorClient{" + factory + "}";
  }
}
