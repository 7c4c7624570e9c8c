package dev.ingest.sources.airbyte;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sources.airbyte.runtime.ManifestFetcherFactory;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.ParentRecordVars;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ParentStreamConfig.incremental_dependency}, request by request: the parent ({@code events}, one window of a
 * {@code DatetimeBasedCursor} on {@code start_time}) is read from the parent cursor kept in the child's committed
 * state ({@code parent_state}), each parent record yields one child partition, and the pages report the parent
 * record's cursor value beside their partition's own {@code created_at}, so the state the run commits carries the
 * parent's highest {@code start_time} and each partition's cursor. Read in one fetcher (scope ALL) and as the source
 * fans it out (PARENTS, then ONE_PARENT per parent record). An older single-value mark was the parent's cursor.
 */
class ManifestIncrementalDependencyTest {
  private static final String MANIFEST = """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [invitees]}
      definitions:
        requester: {type: HttpRequester, url_base: https://api.example.com, http_method: GET}
        events:
          type: DeclarativeStream
          name: events
          retriever:
            type: SimpleRetriever
            requester: {$ref: "#/definitions/requester", path: /events}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [collection]}}
          incremental_sync:
            type: DatetimeBasedCursor
            cursor_field: start_time
            datetime_format: "%Y-%m-%dT%H:%M:%S.%fZ"
            start_datetime: {type: MinMaxDatetime, datetime: "{{ config['start'] }}", datetime_format: "%Y-%m-%dT%H:%M:%SZ"}
            end_datetime: "2024-03-01T00:00:00.000000Z"
            start_time_option: {type: RequestOption, inject_into: request_parameter, field_name: min_start_time}
      streams:
        - type: DeclarativeStream
          name: invitees
          retriever:
            type: SimpleRetriever
            requester:
              $ref: "#/definitions/requester"
              path: "/events/{{ stream_partition.event_id }}/invitees"
              request_parameters: {sort: "created_at:desc"}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [collection]}}
            partition_router:
              type: SubstreamPartitionRouter
              parent_stream_configs:
                - type: ParentStreamConfig
                  parent_key: id
                  partition_field: event_id
                  stream: {$ref: "#/definitions/events"}
                  incremental_dependency: true
          incremental_sync:
            type: DatetimeBasedCursor
            cursor_field: created_at
            datetime_format: "%Y-%m-%dT%H:%M:%S.%fZ"
            start_datetime: {type: MinMaxDatetime, datetime: "{{ config['start'] }}", datetime_format: "%Y-%m-%dT%H:%M:%SZ"}
            end_datetime: "2024-03-01T00:00:00.000000Z"
            is_data_feed: true
      spec:
        type: Spec
        connection_specification:
          type: object
          properties:
            start: {type: string}
      """;

  /** The fake's events, by start time; {@code /events} serves those at or after {@code min_start_time}. */
  private static final List<String[]> EVENTS = List.of(
      new String[] {"e1", "2024-01-10T09:00:00.000000Z"},
      new String[] {"e2", "2024-02-05T10:00:00.000000Z"},
      new String[] {"e3", "2024-02-20T16:30:00.000000Z"});

  /** Invitees by event; e1's was created after e2 started (a late booking): a child value above the parent mark. */
  private static final Map<String, String> INVITEE_CREATED = Map.of(
      "e1", "2024-02-10T08:00:00.000000Z",
      "e2", "2024-01-20T12:00:00.000000Z",
      "e3", "2024-01-15T07:00:00.000000Z");

  private final List<ApiRequest> sent = new ArrayList<>();

  private ManifestFetcherFactory factory() throws Exception {
    ManifestConnector connector = AirbyteManifests.parse("test", MANIFEST.getBytes(StandardCharsets.UTF_8), "test",
        AirbyteManifests.standardInterpolation());
    assertThat(connector.streams()).allSatisfy(s -> assertThat(s.runnable()).isTrue());
    HttpTransport transport = request -> {
      sent.add(request);
      return ApiResponse.of(200, Headers.empty(), respond(request).getBytes(StandardCharsets.UTF_8));
    };
    return connector.fetcherFactory(new ManifestFetcherFactory.Settings("test",
        Map.of("start", "2024-01-01T00:00:00Z"), null, null, RetryPolicy.defaults(),
        new TestEnvironment(transport, new FakeTime()), null, null));
  }

  private static String respond(ApiRequest request) {
    String path = request.redactedUrl().replaceFirst("^https://api.example.com", "").replaceFirst("\\?.*$", "");
    if (path.equals("/events")) {
      String from = request.param("min_start_time").orElseThrow();
      List<String> records = new ArrayList<>();
      for (String[] event : EVENTS) {
        if (CursorValues.compare(event[1], from.replace(".000000Z", "Z")) >= 0) {
          records.add("{\"id\": \"" + event[0] + "\", \"start_time\": \"" + event[1] + "\"}");
        }
      }
      return "{\"collection\": [" + String.join(", ", records) + "]}";
    }
    String event = path.split("/")[2];
    return "{\"collection\": [{\"uri\": \"inv-" + event + "\", \"created_at\": \"" + INVITEE_CREATED.get(event)
        + "\"}]}";
  }

  private List<String> requests() {
    return sent.stream().map(r -> r.redactedUrl().replace("https://api.example.com", "")).toList();
  }

  /** Every page of a fetcher, in order. */
  private static List<Page> pages(PageFetcher fetcher) throws Exception {
    List<Page> pages = new ArrayList<>();
    PageCursor cursor = PageCursor.first();
    for (int guard = 0; guard < 100; guard++) {
      Page page = fetcher.fetch(cursor);
      pages.add(page);
      if (page.isLast()) {
        return pages;
      }
      cursor = page.next().orElseThrow();
    }
    throw new AssertionError("paging did not stop");
  }

  private static List<String> records(List<Page> pages) {
    return pages.stream().flatMap(p -> p.records().stream()).toList();
  }

  private static String mark(List<Page> pages) {
    String max = null;
    for (Page page : pages) {
      max = CursorState.merge(max, page.cursorMax().orElse(null));
    }
    return max;
  }

  /** The state text of one page of partition {@code event} (its invitee's {@code created_at}, its start time). */
  private static String pageState(String event, String created, String start) {
    return "{\"states\":[{\"partition\":{\"event_id\":\"" + event + "\",\"parent_slice\":{}},\"cursor\":"
        + "{\"created_at\":\"" + created + "\"}}],\"state\":{\"created_at\":\"" + created + "\"},"
        + "\"parent_state\":{\"events\":{\"start_time\":\"" + start + "\"}},\"use_global_cursor\":false}";
  }

  @Test
  void aFirstRunReadsEveryParentFromTheStartAndMarksTheParentsHighestCursor() throws Exception {
    List<Page> pages;
    try (PageFetcher fetcher = factory().open(new FetchTarget("invitees", "run-1", Map.of()))) {
      pages = pages(fetcher);
    }

    assertThat(requests()).containsExactly(
        "/events?min_start_time=2024-01-01T00%3A00%3A00.000000Z",
        "/events/e1/invitees?sort=created_at%3Adesc",
        "/events/e2/invitees?sort=created_at%3Adesc",
        "/events/e3/invitees?sort=created_at%3Adesc");
    assertThat(records(pages)).containsExactly(
        "{\"uri\":\"inv-e1\",\"created_at\":\"2024-02-10T08:00:00.000000Z\"}",
        "{\"uri\":\"inv-e2\",\"created_at\":\"2024-01-20T12:00:00.000000Z\"}",
        "{\"uri\":\"inv-e3\",\"created_at\":\"2024-01-15T07:00:00.000000Z\"}");
    assertThat(pages).extracting(p -> p.cursorMax().orElse(null)).containsExactly(
        pageState("e1", "2024-02-10T08:00:00Z", "2024-01-10T09:00:00Z"),
        pageState("e2", "2024-01-20T12:00:00Z", "2024-02-05T10:00:00Z"),
        pageState("e3", "2024-01-15T07:00:00Z", "2024-02-20T16:30:00Z"));
    assertThat(mark(pages)).isEqualTo(RUN_1_STATE);
  }

  /** The state run 1 commits: every partition's invitee cursor, the global max of them, the parents' highest. */
  private static final String RUN_1_STATE = "{\"states\":["
      + "{\"partition\":{\"event_id\":\"e1\",\"parent_slice\":{}},\"cursor\":{\"created_at\":\"2024-02-10T08:00:00Z\"}},"
      + "{\"partition\":{\"event_id\":\"e2\",\"parent_slice\":{}},\"cursor\":{\"created_at\":\"2024-01-20T12:00:00Z\"}},"
      + "{\"partition\":{\"event_id\":\"e3\",\"parent_slice\":{}},\"cursor\":{\"created_at\":\"2024-01-15T07:00:00Z\"}}],"
      + "\"state\":{\"created_at\":\"2024-02-10T08:00:00Z\"},"
      + "\"parent_state\":{\"events\":{\"start_time\":\"2024-02-20T16:30:00Z\"}},\"use_global_cursor\":false}";

  @Test
  void aRunAfterACommittedStateReadsTheParentsSinceItsParentCursor() throws Exception {
    List<Page> pages;
    try (PageFetcher fetcher = factory().open(new FetchTarget("invitees", "run-2",
        Map.of(IncrementalStart.CURSOR, RUN_1_STATE)))) {
      pages = pages(fetcher);
    }

    assertThat(requests()).containsExactly(
        "/events?min_start_time=2024-02-20T16%3A30%3A00.000000Z",
        "/events/e3/invitees?sort=created_at%3Adesc");
    assertThat(records(pages)).containsExactly(
        "{\"uri\":\"inv-e3\",\"created_at\":\"2024-01-15T07:00:00.000000Z\"}");
    // the run's end (its start merged with its pages) keeps e1 and e2, which it did not read
    assertThat(CursorState.merge(RUN_1_STATE, mark(pages))).isEqualTo(RUN_1_STATE);
  }

  @Test
  void aResumedRunReadsOnlyTheParentsSinceTheCommittedCursorAndTheirWholeChildren() throws Exception {
    List<Page> pages;
    try (PageFetcher fetcher = factory().open(new FetchTarget("invitees", "run-2",
        Map.of(IncrementalStart.CURSOR, "2024-02-05T10:00:00Z")))) {
      pages = pages(fetcher);
    }

    assertThat(requests()).containsExactly(
        "/events?min_start_time=2024-02-05T10%3A00%3A00.000000Z",
        "/events/e2/invitees?sort=created_at%3Adesc",
        "/events/e3/invitees?sort=created_at%3Adesc");
    // a single-value mark (kept before partition states) is the parent's cursor: the children have none yet
    // and start at start_datetime, not at the mark (e3's invitee predates it)
    assertThat(records(pages)).containsExactly(
        "{\"uri\":\"inv-e2\",\"created_at\":\"2024-01-20T12:00:00.000000Z\"}",
        "{\"uri\":\"inv-e3\",\"created_at\":\"2024-01-15T07:00:00.000000Z\"}");
    String end = CursorState.merge("2024-02-05T10:00:00Z", mark(pages));
    assertThat(end).isEqualTo("{\"states\":["
        + "{\"partition\":{\"event_id\":\"e2\",\"parent_slice\":{}},\"cursor\":{\"created_at\":\"2024-01-20T12:00:00Z\"}},"
        + "{\"partition\":{\"event_id\":\"e3\",\"parent_slice\":{}},\"cursor\":{\"created_at\":\"2024-01-15T07:00:00Z\"}}],"
        + "\"state\":{\"created_at\":\"2024-01-20T12:00:00Z\"},"
        + "\"parent_state\":{\"events\":{\"start_time\":\"2024-02-20T16:30:00Z\"}},\"use_global_cursor\":false}");
  }

  @Test
  void fannedOutTheParentPartReadsFromTheMarkAndEachChildPartReportsItsParentsCursor() throws Exception {
    ManifestFetcherFactory factory = factory();
    Map<String, String> vars = Map.of(IncrementalStart.CURSOR, "2024-02-05T10:00:00Z");
    List<Page> parents;
    try (PageFetcher fetcher = factory.open(new FetchTarget("invitees", "run-2", vars,
        FetchTarget.Scope.PARENTS))) {
      parents = pages(fetcher);
    }
    assertThat(parents).extracting(p -> p.cursorMax().isPresent()).containsOnly(false);
    List<String> parentRecords = records(parents);
    assertThat(parentRecords).hasSize(2);

    List<String> marks = new ArrayList<>();
    for (String parent : parentRecords) {
      Map<String, String> childVars = new HashMap<>(vars);
      childVars.putAll(ParentRecordVars.ofJson("invitees", parent));
      try (PageFetcher fetcher = factory.open(new FetchTarget("invitees", "run-2", childVars,
          FetchTarget.Scope.ONE_PARENT))) {
        marks.add(mark(pages(fetcher)));
      }
    }

    assertThat(requests()).containsExactly(
        "/events?min_start_time=2024-02-05T10%3A00%3A00.000000Z",
        "/events/e2/invitees?sort=created_at%3Adesc",
        "/events/e3/invitees?sort=created_at%3Adesc");
    assertThat(marks).containsExactly(pageState("e2", "2024-01-20T12:00:00Z", "2024-02-05T10:00:00Z"),
        pageState("e3", "2024-01-15T07:00:00Z", "2024-02-20T16:30:00Z"));
  }
}
