package dev.ingest.sources.airbyte;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sources.airbyte.runtime.ManifestFetcherFactory;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.ApiResponse;
import dev.ingest.sources.http.Headers;
import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.incremental.CursorState;
import dev.ingest.sources.incremental.CursorValues;
import dev.ingest.sources.incremental.IncrementalStart;
import dev.ingest.sources.retry.FakeTime;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-partition cursor state of a partitioned incremental stream, request by request: a {@code ListPartitionRouter}
 * over boards and a {@code DatetimeBasedCursor} on {@code updated_at} with a one-day {@code lookback_window}. Run 1
 * reads every board from {@code start_datetime} and commits each board's cursor; run 2 reads each known board from
 * its own cursor minus the lookback and a new board from the global cursor (the max over boards) minus the
 * lookback, as Airbyte's per-partition cursor does. {@code global_substream_cursor: true} keeps one mark, and an
 * older single-value mark reads as the global cursor.
 */
class ManifestPartitionCursorTest {
  private static final String MANIFEST = """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [tickets]}
      streams:
        - type: DeclarativeStream
          name: tickets
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: https://api.example.com
              path: "/boards/{{ stream_partition.board }}/tickets"
              http_method: GET
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
            partition_router: {type: ListPartitionRouter, cursor_field: board, values: %s}
          incremental_sync:
            type: DatetimeBasedCursor
            cursor_field: updated_at
            datetime_format: "%%Y-%%m-%%dT%%H:%%M:%%SZ"
            start_datetime: "2024-01-01T00:00:00Z"
            end_datetime: "2024-01-10T00:00:00Z"
            lookback_window: P1D
            global_substream_cursor: %s
            start_time_option: {type: RequestOption, inject_into: request_parameter, field_name: since}
      spec:
        type: Spec
        connection_specification: {type: object, properties: {}}
      """;

  /** The fake's tickets by board: {id, updated_at}; a board serves those updated at or after {@code since}. */
  private static final Map<String, List<String[]>> TICKETS = Map.of(
      "a", List.of(new String[] {"t1", "2024-01-02T00:00:00Z"}, new String[] {"t2", "2024-01-05T00:00:00Z"}),
      "b", List.<String[]>of(new String[] {"t3", "2024-01-03T00:00:00Z"}),
      "c", List.of(new String[] {"t0", "2024-01-02T12:00:00Z"}, new String[] {"t4", "2024-01-04T00:00:00Z"}));

  /** What run 1 (boards a and b) commits. */
  private static final String RUN_1_STATE = "{\"states\":["
      + "{\"partition\":{\"board\":\"a\"},\"cursor\":{\"updated_at\":\"2024-01-05T00:00:00Z\"}},"
      + "{\"partition\":{\"board\":\"b\"},\"cursor\":{\"updated_at\":\"2024-01-03T00:00:00Z\"}}],"
      + "\"state\":{\"updated_at\":\"2024-01-05T00:00:00Z\"},\"use_global_cursor\":false}";

  private final List<ApiRequest> sent = new ArrayList<>();

  private ManifestFetcherFactory factory(String boards, boolean global) throws Exception {
    ManifestConnector connector = AirbyteManifests.parse("test",
        MANIFEST.formatted(boards, global).getBytes(StandardCharsets.UTF_8), "test",
        AirbyteManifests.standardInterpolation());
    assertThat(connector.streams()).allSatisfy(s -> assertThat(s.runnable()).isTrue());
    HttpTransport transport = request -> {
      sent.add(request);
      return ApiResponse.of(200, Headers.empty(), respond(request).getBytes(StandardCharsets.UTF_8));
    };
    return connector.fetcherFactory(new ManifestFetcherFactory.Settings("test", Map.of(), null, null,
        RetryPolicy.defaults(), new TestEnvironment(transport, new FakeTime()), null, null));
  }

  private static String respond(ApiRequest request) {
    String board = request.redactedUrl().split("/")[4];
    String since = request.param("since").orElseThrow();
    List<String> records = new ArrayList<>();
    for (String[] ticket : TICKETS.get(board)) {
      if (CursorValues.compare(ticket[1], since) >= 0) {
        records.add("{\"id\":\"" + ticket[0] + "\",\"updated_at\":\"" + ticket[1] + "\"}");
      }
    }
    return "{\"items\":[" + String.join(",", records) + "]}";
  }

  private List<String> requests() {
    return sent.stream().map(r -> r.redactedUrl().replace("https://api.example.com", "")).toList();
  }

  /** Reads the stream from {@code committed}: its records, and the run's end mark (start merged with pages). */
  private record Run(List<String> records, List<String> pageMarks, String end) {}

  private static Run read(ManifestFetcherFactory factory, String committed) throws Exception {
    List<String> records = new ArrayList<>();
    List<String> marks = new ArrayList<>();
    String end = committed;
    Map<String, String> vars = committed == null ? Map.of() : Map.of(IncrementalStart.CURSOR, committed);
    try (PageFetcher fetcher = factory.open(new FetchTarget("tickets", "run", vars))) {
      PageCursor cursor = PageCursor.first();
      for (int guard = 0; guard < 100; guard++) {
        Page page = fetcher.fetch(cursor);
        records.addAll(page.records());
        page.cursorMax().ifPresent(marks::add);
        end = CursorState.merge(end, page.cursorMax().orElse(null));
        if (page.isLast()) {
          return new Run(records, marks, end);
        }
        cursor = page.next().orElseThrow();
      }
    }
    throw new AssertionError("paging did not stop");
  }

  @Test
  void aFirstRunReadsEveryPartitionFromTheStartAndCommitsEachPartitionsCursor() throws Exception {
    Run run = read(factory("[a, b]", false), null);

    assertThat(requests()).containsExactly(
        "/boards/a/tickets?since=2024-01-01T00%3A00%3A00Z",
        "/boards/b/tickets?since=2024-01-01T00%3A00%3A00Z");
    assertThat(run.records()).containsExactly(
        "{\"id\":\"t1\",\"updated_at\":\"2024-01-02T00:00:00Z\"}",
        "{\"id\":\"t2\",\"updated_at\":\"2024-01-05T00:00:00Z\"}",
        "{\"id\":\"t3\",\"updated_at\":\"2024-01-03T00:00:00Z\"}");
    assertThat(run.pageMarks()).containsExactly(
        "{\"states\":[{\"partition\":{\"board\":\"a\"},\"cursor\":{\"updated_at\":\"2024-01-05T00:00:00Z\"}}],"
            + "\"state\":{\"updated_at\":\"2024-01-05T00:00:00Z\"},\"use_global_cursor\":false}",
        "{\"states\":[{\"partition\":{\"board\":\"b\"},\"cursor\":{\"updated_at\":\"2024-01-03T00:00:00Z\"}}],"
            + "\"state\":{\"updated_at\":\"2024-01-03T00:00:00Z\"},\"use_global_cursor\":false}");
    assertThat(run.end()).isEqualTo(RUN_1_STATE);
  }

  @Test
  void aSecondRunReadsEachPartitionFromItsOwnCursorAndANewOneFromTheGlobalCursor() throws Exception {
    Run run = read(factory("[a, b, c]", false), RUN_1_STATE);

    assertThat(requests()).containsExactly(
        "/boards/a/tickets?since=2024-01-04T00%3A00%3A00Z", // a's own 01-05 minus one day
        "/boards/b/tickets?since=2024-01-02T00%3A00%3A00Z", // b's own 01-03 minus one day
        "/boards/c/tickets?since=2024-01-04T00%3A00%3A00Z"); // new: the global 01-05 minus one day
    // c's t0 (before the global cursor) is not read, as in Airbyte; b's t3 is read again (lookback)
    assertThat(run.records()).containsExactly(
        "{\"id\":\"t2\",\"updated_at\":\"2024-01-05T00:00:00Z\"}",
        "{\"id\":\"t3\",\"updated_at\":\"2024-01-03T00:00:00Z\"}",
        "{\"id\":\"t4\",\"updated_at\":\"2024-01-04T00:00:00Z\"}");
    assertThat(run.end()).isEqualTo("{\"states\":["
        + "{\"partition\":{\"board\":\"a\"},\"cursor\":{\"updated_at\":\"2024-01-05T00:00:00Z\"}},"
        + "{\"partition\":{\"board\":\"b\"},\"cursor\":{\"updated_at\":\"2024-01-03T00:00:00Z\"}},"
        + "{\"partition\":{\"board\":\"c\"},\"cursor\":{\"updated_at\":\"2024-01-04T00:00:00Z\"}}],"
        + "\"state\":{\"updated_at\":\"2024-01-05T00:00:00Z\"},\"use_global_cursor\":false}");
  }

  @Test
  void aPartitionThatIsNotReadKeepsItsCursor() throws Exception {
    Run run = read(factory("[b]", false), RUN_1_STATE);

    assertThat(requests()).containsExactly("/boards/b/tickets?since=2024-01-02T00%3A00%3A00Z");
    assertThat(run.end()).isEqualTo(RUN_1_STATE);
  }

  @Test
  void anOlderSingleValueMarkIsTheGlobalCursorOfEveryPartition() throws Exception {
    Run run = read(factory("[a, b]", false), "2024-01-05T00:00:00Z");

    assertThat(requests()).containsExactly(
        "/boards/a/tickets?since=2024-01-04T00%3A00%3A00Z",
        "/boards/b/tickets?since=2024-01-04T00%3A00%3A00Z");
    assertThat(run.records()).containsExactly("{\"id\":\"t2\",\"updated_at\":\"2024-01-05T00:00:00Z\"}");
    assertThat(run.end()).isEqualTo("{\"states\":["
        + "{\"partition\":{\"board\":\"a\"},\"cursor\":{\"updated_at\":\"2024-01-05T00:00:00Z\"}}],"
        + "\"state\":{\"updated_at\":\"2024-01-05T00:00:00Z\"},\"use_global_cursor\":false}");
  }

  @Test
  void globalSubstreamCursorKeepsOneMarkForTheWholeStream() throws Exception {
    ManifestFetcherFactory factory = factory("[a, b]", true);
    Run first = read(factory, null);
    assertThat(first.pageMarks()).containsExactly("2024-01-05T00:00:00Z", "2024-01-03T00:00:00Z");
    assertThat(first.end()).isEqualTo("2024-01-05T00:00:00Z");

    Run second = read(factory, first.end());
    assertThat(requests()).containsExactly(
        "/boards/a/tickets?since=2024-01-01T00%3A00%3A00Z",
        "/boards/b/tickets?since=2024-01-01T00%3A00%3A00Z",
        "/boards/a/tickets?since=2024-01-04T00%3A00%3A00Z",
        "/boards/b/tickets?since=2024-01-04T00%3A00%3A00Z");
    assertThat(second.end()).isEqualTo("2024-01-05T00:00:00Z");
  }

  @Test
  void aStateThatFellBackToItsGlobalCursorReadsEveryPartitionFromItAndStaysGlobal() throws Exception {
    String global = "{\"state\":{\"updated_at\":\"2024-01-03T00:00:00Z\"},\"use_global_cursor\":true}";
    Run run = read(factory("[a, b]", false), global);

    assertThat(requests()).containsExactly(
        "/boards/a/tickets?since=2024-01-02T00%3A00%3A00Z",
        "/boards/b/tickets?since=2024-01-02T00%3A00%3A00Z");
    assertThat(run.pageMarks()).containsExactly(
        "{\"state\":{\"updated_at\":\"2024-01-05T00:00:00Z\"},\"use_global_cursor\":true}",
        "{\"state\":{\"updated_at\":\"2024-01-03T00:00:00Z\"},\"use_global_cursor\":true}");
    assertThat(run.end()).isEqualTo(
        "{\"state\":{\"updated_at\":\"2024-01-05T00:00:00Z\"},\"use_global_cursor\":true}");
  }
}
