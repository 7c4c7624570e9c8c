package dev.ingest.sources.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.sources.incremental.CursorValues;
import dev.ingest.sources.records.JsonBodies;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.spec.ConnectorLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A child endpoint iterating over its parent's records against the sandbox: each ticket (parent) asks for the
 * issues updated since the ticket's own {@code updated_at}, through {@code {{ parent.updated_at }}}.
 */
class ParentChildITCase {
  private static final String CONNECTOR = """
      name: nested
      base_url: "{{ config.base_url }}"
      config:
        base_url: { required: true }
      endpoints:
        tickets:
          path: /api/v2/tickets
          records: tickets
          paging: { type: page_number, page_param: page, size_param: per_page, page_size: 2, total_path: count }
        ticket_issues:
          parent: tickets
          path: /repos/acme/widgets/issues
          params: { since: "{{ parent.updated_at }}" }
          records: $
          paging: { type: link_header, size_param: per_page, page_size: 40 }
      """;

  private SandboxApi sandbox;
  private ApacheHttpTransport transport;
  private PageFetcherFactory factory;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxApi.builder().datasetSize("tickets", 3).datasetSize("issues", 100).build().start();
    transport = ApacheHttpTransport.withDefaults();
    factory = new ConnectorPageFetcherFactory(ConnectorLoader.parse(CONNECTOR, "test"),
        Map.of("base_url", sandbox.baseUrl()), null, null, RetryPolicy.defaults(), new LiveEnvironment(transport));
  }

  @AfterEach
  void stop() {
    sandbox.close();
    transport.close();
  }

  private List<String> expected() {
    List<String> out = new ArrayList<>();
    for (ObjectNode ticket : sandbox.records("tickets")) {
      String since = ticket.get("updated_at").asText();
      sandbox.records("issues").stream()
          .filter(issue -> CursorValues.compare(issue.get("updated_at").asText(), since) >= 0)
          .map(JsonBodies::write)
          .forEach(out::add);
    }
    return out;
  }

  /** Fetches from {@code cursor} to the end, or {@code maxPages} pages; returns the records and the next cursor. */
  private PageCursor fetch(PageCursor cursor, int maxPages, List<String> into) throws Exception {
    try (PageFetcher fetcher = factory.open(FetchTarget.of("ticket_issues", "run"))) {
      for (int i = 0; i < maxPages; i++) {
        Page page = fetcher.fetch(cursor);
        into.addAll(page.records());
        if (page.isLast()) {
          return null;
        }
        cursor = page.next().orElseThrow();
      }
      return cursor;
    }
  }

  @Test
  void fetchesTheChildResultSetOfEveryParentRecord() throws Exception {
    List<String> records = new ArrayList<>();

    assertThat(fetch(PageCursor.first(), 1_000, records)).isNull();

    assertThat(expected()).hasSizeGreaterThan(100);
    assertThat(records).containsExactlyElementsOf(expected());
  }

  @Test
  void resumesFromACheckpointedNestedCursor() throws Exception {
    List<String> records = new ArrayList<>();
    PageCursor checkpoint = fetch(PageCursor.first(), 5, records);
    assertThat(checkpoint).isInstanceOf(PageCursor.Nested.class);

    PageCursor restored = PageCursor.decode(checkpoint.encode());
    assertThat(fetch(restored, 1_000, records)).isNull();

    assertThat(records).containsExactlyElementsOf(expected());
  }
}
