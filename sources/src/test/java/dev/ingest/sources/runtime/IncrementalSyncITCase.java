package dev.ingest.sources.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.sources.incremental.CursorValues;
import dev.ingest.sources.incremental.IncrementalStart;
import dev.ingest.sources.records.JsonBodies;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.spec.ConnectorLoader;
import dev.ingest.sources.spec.ConnectorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Incremental sync against the sandbox's {@code updated_since} filter: start date, high-water mark, lookback. */
class IncrementalSyncITCase {
  private static final String CONNECTOR = """
      name: incr
      base_url: "{{ config.base_url }}"
      config:
        base_url: { required: true }
        start_date: { required: false }
      paging: { type: page_number, page_param: page, size_param: per_page, page_size: 50, total_path: count }
      endpoints:
        tickets:
          path: /api/v2/tickets
          records: tickets
          primary_key: [id]
          incremental:
            cursor_field: updated_at
            param: updated_since
            start: "{{ config.start_date }}"
            lookback: PT%s
      """;

  private SandboxApi sandbox;
  private ApacheHttpTransport transport;

  @BeforeEach
  void start() {
    sandbox = SandboxApi.builder().datasetSize("tickets", 300).build().start();
    transport = ApacheHttpTransport.withDefaults();
  }

  @AfterEach
  void stop() {
    sandbox.close();
    transport.close();
  }

  private record Run(List<ObjectNode> records, String cursorMax) {
    List<String> texts() {
      return records.stream().map(JsonBodies::write).toList();
    }
  }

  private List<String> expected(int from, int to) {
    return sandbox.records("tickets").subList(from, to).stream().map(JsonBodies::write).toList();
  }

  private Run run(String lookback, Map<String, String> config, Map<String, String> vars) throws Exception {
    ConnectorSpec spec = ConnectorLoader.parse(CONNECTOR.formatted(lookback), "test");
    Map<String, String> effective = new java.util.HashMap<>(config);
    effective.put("base_url", sandbox.baseUrl());
    ConnectorPageFetcherFactory factory = new ConnectorPageFetcherFactory(spec, effective, null, null,
        RetryPolicy.defaults(), new LiveEnvironment(transport));
    List<ObjectNode> records = new ArrayList<>();
    String max = null;
    try (PageFetcher fetcher = factory.open(new FetchTarget("tickets", "run", vars))) {
      PageCursor cursor = PageCursor.first();
      while (true) {
        Page page = fetcher.fetch(cursor);
        for (String json : page.records()) {
          records.add((ObjectNode) JsonBodies.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        max = CursorValues.max(max, page.cursorMax().orElse(null));
        if (page.isLast()) {
          return new Run(records, max);
        }
        cursor = page.next().orElseThrow();
      }
    }
  }

  private String updatedAt(int index) {
    return sandbox.record("tickets", index).get("updated_at").asText();
  }

  @Test
  void firstRunStartsAtTheStartDateAndReportsItsHighWaterMark() throws Exception {
    Run first = run("0S", Map.of("start_date", updatedAt(120)), Map.of());

    assertThat(first.texts()).containsExactlyElementsOf(expected(120, 300));
    assertThat(first.cursorMax()).isEqualTo(updatedAt(299));
  }

  @Test
  void withoutStartDateTheFirstRunFetchesEverything() throws Exception {
    assertThat(run("0S", Map.of(), Map.of()).records()).hasSize(300);
  }

  @Test
  void nextRunStartsFromTheKeptMarkMinusTheLookback() throws Exception {
    String mark = updatedAt(250);

    Run exact = run("0S", Map.of("start_date", updatedAt(0)), Map.of(IncrementalStart.CURSOR, mark));
    assertThat(exact.texts()).containsExactlyElementsOf(expected(250, 300));

    Run withLookback = run("1H", Map.of(), Map.of(IncrementalStart.CURSOR, mark));
    assertThat(withLookback.records().size()).isGreaterThan(50);
    assertThat(withLookback.records().get(0).get("updated_at").asText())
        .satisfies(first -> assertThat(CursorValues.compare(first, CursorValues.minus(mark,
            java.time.Duration.ofHours(1)))).isGreaterThanOrEqualTo(0));
  }
}
