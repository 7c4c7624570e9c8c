package dev.ingest.sources.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.sources.records.JsonBodies;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sandbox.Fault;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.spec.ConnectorLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Page-number and offset endpoints with a declared total request pages ahead in parallel, and stay in order. */
class ParallelPagesITCase {
  private static final String CONNECTOR = """
      name: par
      base_url: "{{ config.base_url }}"
      config:
        base_url: { required: true }
      endpoints:
        tickets:
          path: /api/v2/tickets
          records: tickets
          paging: { type: page_number, page_param: page, size_param: per_page, page_size: 50, total_path: count,
                    parallel: 6 }
      """;

  private SandboxApi sandbox;
  private ApacheHttpTransport transport;
  private PageFetcherFactory factory;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxApi.builder().datasetSize("tickets", 1_000).latency(Duration.ofMillis(30)).build().start();
    transport = ApacheHttpTransport.withDefaults();
    factory = new ConnectorPageFetcherFactory(ConnectorLoader.parse(CONNECTOR, "test"),
        Map.of("base_url", sandbox.baseUrl()), null, null,
        RetryPolicy.defaults().withBaseDelay(Duration.ofMillis(5)), new LiveEnvironment(transport));
  }

  @AfterEach
  void stop() {
    sandbox.close();
    transport.close();
  }

  private List<String> fetchFrom(PageCursor cursor, int maxPages, List<PageCursor> cursors) throws Exception {
    List<String> records = new ArrayList<>();
    try (PageFetcher fetcher = factory.open(FetchTarget.of("tickets", "run"))) {
      for (int i = 0; i < maxPages; i++) {
        Page page = fetcher.fetch(cursor);
        records.addAll(page.records());
        if (page.isLast()) {
          return records;
        }
        cursor = page.next().orElseThrow();
        cursors.add(cursor);
      }
      return records;
    }
  }

  private List<String> expected(int from, int to) {
    return sandbox.records("tickets").subList(from, to).stream().map(JsonBodies::write).toList();
  }

  @Test
  void requestsPagesAheadInParallelAndHandsThemOutInOrder() throws Exception {
    List<String> records = fetchFrom(PageCursor.first(), 1_000, new ArrayList<>());

    assertThat(records).containsExactlyElementsOf(expected(0, 1_000));
    assertThat(sandbox.maxConcurrentRequests()).isGreaterThan(1).isLessThanOrEqualTo(6);
    assertThat(sandbox.requestCount("tickets")).isEqualTo(20);
  }

  @Test
  void aFailedReadAheadPageIsRetriedLikeAnyOther() throws Exception {
    sandbox.faults().next("tickets", Fault.none(), Fault.status(503), Fault.reset(), Fault.truncate());

    assertThat(fetchFrom(PageCursor.first(), 1_000, new ArrayList<>())).containsExactlyElementsOf(expected(0, 1_000));
  }

  @Test
  void resumesFromACheckpointedPageWithFreshReadAhead() throws Exception {
    List<PageCursor> cursors = new ArrayList<>();
    List<String> records = fetchFrom(PageCursor.first(), 7, cursors);
    PageCursor checkpoint = cursors.get(cursors.size() - 1);

    records.addAll(fetchFrom(checkpoint, 1_000, new ArrayList<>()));

    assertThat(checkpoint).isEqualTo(PageCursor.page(8));
    assertThat(records).containsExactlyElementsOf(expected(0, 1_000));
  }
}
