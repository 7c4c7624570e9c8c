package dev.ingest.sources.airbyte;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.airbyte.runtime.ManifestFetcherFactory;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.ApiResponse;
import dev.ingest.sources.http.Headers;
import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.incremental.CursorValues;
import dev.ingest.sources.incremental.IncrementalStart;
import dev.ingest.sources.retry.FakeTime;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code DatetimeBasedCursor} on the runtime, request by request: windows from start/end/step/granularity,
 * {@code stream_interval} in templates, start/end options into the query and a JSON body, the committed cursor
 * (minus lookback) as the next run's start, {@code is_data_feed} stopping the paging, client-side filtering, the
 * highest cursor value each page reports, and refusals of options the engine does not run.
 */
class ManifestDatetimeCursorTest {
  private final List<ApiRequest> sent = new ArrayList<>();
  private Map<String, String> config = Map.of("start", "2024-01-01");
  private long highest;

  private ManifestFetcherFactory factory(String cursorYaml, String paginatorYaml,
      Function<ApiRequest, String> api) throws Exception {
    return factory("GET", cursorYaml, paginatorYaml, api);
  }

  private ManifestFetcherFactory factory(String method, String cursorYaml, String paginatorYaml,
      Function<ApiRequest, String> api) throws Exception {
    String yaml = """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [events]}
        streams:
          - type: DeclarativeStream
            name: events
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: https://api.example.com
                path: "/events"
                http_method: %s
                request_parameters:
                  window: "{{ stream_interval.start_time }}/{{ stream_interval['end_time'] }}"
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
        %s
            incremental_sync:
        %s
        spec:
          type: Spec
          connection_specification:
            type: object
            properties:
              start: {type: string}
              clamp: {type: string}
        """.formatted(method, paginatorYaml.indent(6).stripTrailing(), cursorYaml.indent(6).stripTrailing());
    ManifestConnector connector = AirbyteManifests.parse("test", yaml.getBytes(StandardCharsets.UTF_8), "test",
        AirbyteManifests.standardInterpolation());
    HttpTransport transport = request -> {
      sent.add(request);
      return ApiResponse.of(200, Headers.empty(), api.apply(request).getBytes(StandardCharsets.UTF_8));
    };
    return connector.fetcherFactory(new ManifestFetcherFactory.Settings("test", config, null, null, RetryPolicy.defaults(), new TestEnvironment(transport, new FakeTime()), null, null));
  }

  /** Every record of a read; {@link #highest} gets the highest cursorMax of its pages (epoch seconds). */
  private List<String> readAll(ManifestFetcherFactory factory, Map<String, String> vars) throws Exception {
    List<String> records = new ArrayList<>();
    String max = null;
    try (PageFetcher fetcher = factory.open(new FetchTarget("events", "run-1", vars))) {
      PageCursor cursor = PageCursor.first();
      for (int guard = 0; guard < 100; guard++) {
        Page page = fetcher.fetch(cursor);
        records.addAll(page.records());
        max = CursorValues.max(max, page.cursorMax().orElse(null));
        if (page.isLast()) {
          highest = max == null ? -1 : CursorValues.timestamp(max).orElseThrow().toEpochSecond();
          return records;
        }
        cursor = page.next().get();
      }
    }
    throw new AssertionError("paging did not stop");
  }

  private List<String> queries() {
    return sent.stream().map(r -> r.redactedUrl().replace("https://api.example.com/events", "")).toList();
  }

  private static final String DAILY = """
      type: DatetimeBasedCursor
      cursor_field: updated
      datetime_format: "%Y-%m-%dT%H:%M:%SZ"
      cursor_datetime_formats: ["%s"]
      start_datetime: {type: MinMaxDatetime, datetime: "{{ config['start'] }}", datetime_format: "%Y-%m-%d"}
      end_datetime: "2024-01-03T12:00:00Z"
      step: P1D
      cursor_granularity: PT1S
      start_time_option: {type: RequestOption, inject_into: request_parameter, field_name: since}
      end_time_option: {type: RequestOption, inject_into: request_parameter, field_name: until}
      """;

  /** One window from epoch second 0 to 2000, values in epoch seconds. */
  private static final String EPOCHS = """
      type: DatetimeBasedCursor
      cursor_field: updated
      datetime_format: "%s"
      start_datetime: "0"
      end_datetime: "2000"
      """;

  @Test
  void eachWindowIsARequestWithItsBoundariesInTheQueryAndInStreamInterval() throws Exception {
    ManifestFetcherFactory factory = factory(DAILY, "", request -> "{\"items\": [{\"id\": \""
        + request.param("since").orElseThrow() + "\", \"updated\": 1704153600}]}");

    assertThat(readAll(factory, Map.of())).hasSize(3);
    assertThat(queries()).containsExactly(
        "?window=2024-01-01T00%3A00%3A00Z%2F2024-01-01T23%3A59%3A59Z&since=2024-01-01T00%3A00%3A00Z"
            + "&until=2024-01-01T23%3A59%3A59Z",
        "?window=2024-01-02T00%3A00%3A00Z%2F2024-01-02T23%3A59%3A59Z&since=2024-01-02T00%3A00%3A00Z"
            + "&until=2024-01-02T23%3A59%3A59Z",
        "?window=2024-01-03T00%3A00%3A00Z%2F2024-01-03T12%3A00%3A00Z&since=2024-01-03T00%3A00%3A00Z"
            + "&until=2024-01-03T12%3A00%3A00Z");
    assertThat(highest).isEqualTo(1704153600L); // 2024-01-02T00:00:00Z, read with cursor_datetime_formats %s
  }

  @Test
  void aRestoredFetcherResumesInTheCheckpointedWindow() throws Exception {
    ManifestFetcherFactory factory = factory(DAILY, "", request -> "{\"items\": []}");
    PageCursor second;
    try (PageFetcher fetcher = factory.open(FetchTarget.of("events", "run-1"))) {
      second = fetcher.fetch(PageCursor.first()).next().orElseThrow();
    }
    sent.clear();
    // a new fetcher (a restored job) from the checkpointed text form starts at the second window
    try (PageFetcher restored = factory.open(FetchTarget.of("events", "run-1"))) {
      Page page = restored.fetch(PageCursor.decode(second.encode()));
      assertThat(page.next()).isPresent();
    }
    assertThat(sent).extracting(r -> r.param("since").orElseThrow()).containsExactly("2024-01-02T00:00:00Z");
  }

  @Test
  void theNextRunStartsAtTheCommittedCursorMinusTheLookback() throws Exception {
    ManifestFetcherFactory factory = factory(DAILY + "lookback_window: PT6H\n", "",
        request -> "{\"items\": []}");

    assertThat(readAll(factory, Map.of(IncrementalStart.CURSOR, "2024-01-02T15:30:00Z"))).isEmpty();
    assertThat(sent).extracting(r -> r.param("since").orElseThrow() + ".." + r.param("until").orElseThrow())
        .containsExactly("2024-01-02T09:30:00Z..2024-01-03T09:29:59Z", "2024-01-03T09:30:00Z..2024-01-03T12:00:00Z");
    assertThat(highest).isEqualTo(-1); // no records: the cursor stays where it was
  }

  @Test
  void windowBoundariesGoIntoAJsonBodyInTheDatetimeFormat() throws Exception {
    ManifestFetcherFactory factory = factory("POST", """
        type: DatetimeBasedCursor
        cursor_field: "@timestamp"
        datetime_format: "%a, %d %b %Y %H:%M:%S %z"
        cursor_datetime_formats: ["%Y-%m-%dT%H:%M:%S.%fZ"]
        start_datetime: {type: MinMaxDatetime, datetime: "2024-03-01T00:00:00.000Z", datetime_format: "%Y-%m-%dT%H:%M:%S.%fZ"}
        end_datetime: {type: MinMaxDatetime, datetime: "2024-03-01T02:00:00Z", datetime_format: "%Y-%m-%dT%H:%M:%SZ",
          max_datetime: "2024-03-01T01:30:00Z"}
        step: PT1H
        cursor_granularity: PT0.001S
        start_time_option: {type: RequestOption, inject_into: body_json, field_name: start}
        end_time_option: {type: RequestOption, inject_into: body_json, field_name: end}
        """, "", request -> "{\"items\": [{\"@timestamp\": \"2024-03-01T00:10:00.500Z\"}]}");

    readAll(factory, Map.of());
    assertThat(sent).extracting(r -> r.method() + " " + r.body().orElse("")).containsExactly(
        "POST {\"start\":\"Fri, 01 Mar 2024 00:00:00 +0000\",\"end\":\"Fri, 01 Mar 2024 00:59:59 +0000\"}",
        "POST {\"start\":\"Fri, 01 Mar 2024 01:00:00 +0000\",\"end\":\"Fri, 01 Mar 2024 01:30:00 +0000\"}");
  }

  @Test
  void aDataFeedStopsPagingAtAPageWhoseLastRecordIsOlderThanTheCursor() throws Exception {
    // newest first; the committed cursor is 1000: page 2 ends with 990, so page 3 is never asked for
    Map<Integer, String> pages = Map.of(
        1, "{\"items\": [{\"updated\": 1200}, {\"updated\": 1100}], \"next\": 2}",
        2, "{\"items\": [{\"updated\": 1050}, {\"updated\": 990}], \"next\": 3}",
        3, "{\"items\": [{\"updated\": 980}], \"next\": null}");
    ManifestFetcherFactory factory = factory(EPOCHS + "is_data_feed: true\n", """
        paginator:
          type: DefaultPaginator
          page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: page}
          pagination_strategy: {type: CursorPagination, cursor_value: "{{ response.next }}",
            stop_condition: "{{ not response.next }}"}
        """, request -> pages.get(Integer.parseInt(request.param("page").orElse("1"))));

    assertThat(readAll(factory, Map.of(IncrementalStart.CURSOR, "1000"))).hasSize(4);
    assertThat(queries()).containsExactly("?window=1000%2F2000", "?window=1000%2F2000&page=2");
    assertThat(highest).isEqualTo(1200L);
  }

  @Test
  void clientSideIncrementalDropsRecordsOlderThanTheCommittedCursor() throws Exception {
    ManifestFetcherFactory factory = factory(EPOCHS + "is_client_side_incremental: true\n", "", request -> "{\"items\": [{\"updated\": 900}, {\"updated\": 1000}, {\"updated\": 1500},"
            + " {\"updated\": 2500}, {\"other\": 1}]}");

    assertThat(readAll(factory, Map.of(IncrementalStart.CURSOR, "1000"))).containsExactly(
        "{\"updated\":1000}", "{\"updated\":1500}", "{\"other\":1}");
    assertThat(queries()).containsExactly("?window=1000%2F2000");
    assertThat(highest).isEqualTo(1500L);
  }

  @Test
  void withoutAnEndTheWindowsRunToNow() throws Exception {
    ManifestFetcherFactory factory = factory("""
        type: DatetimeBasedCursor
        cursor_field: updated
        datetime_format: "%Y-%m-%d"
        start_datetime: "2026-01-13"
        step: P1D
        cursor_granularity: P1D
        """, "", request -> "{\"items\": []}");

    readAll(factory, Map.of());
    // FakeTime's now is 2026-01-15T10:00:00Z; the last window is capped there (formatted as a date)
    assertThat(queries()).containsExactly("?window=2026-01-13%2F2026-01-13", "?window=2026-01-14%2F2026-01-14",
        "?window=2026-01-15%2F2026-01-15");
  }

  @Test
  void aStartThatDoesNotMatchItsFormatFailsTheStreamNamingTheField() throws Exception {
    ManifestFetcherFactory factory = factory(DAILY.replace("datetime_format: \"%Y-%m-%d\"",
        "datetime_format: \"%d/%m/%Y\""), "", request -> "{\"items\": []}");

    assertThatThrownBy(() -> readAll(factory, Map.of())).isInstanceOf(EndpointException.class)
        .hasMessageContaining("streams[0].incremental_sync.start_datetime.datetime: time data does not match "
            + "format '%d/%m/%Y'");
    assertThat(sent).isEmpty();
  }

  @Test
  void monthlyClampingFromAnInterpolatedTargetCutsCalendarMonths() throws Exception {
    config = Map.of("start", "2024-01-10", "clamp", "MONTH");
    ManifestFetcherFactory factory = factory(DAILY.replace("step: P1D", "step: P1M")
        .replace("cursor_granularity: PT1S", "cursor_granularity: P1D")
        .replace("end_datetime: \"2024-01-03T12:00:00Z\"", "end_datetime: \"2024-04-15T00:00:00Z\"")
        + "clamping: {target: \"{{ config['clamp'] }}\"}\n", "", request -> "{\"items\": []}");

    readAll(factory, Map.of());
    // the start rounds up to February; the range ends at April 1 minus the granularity: March 31
    assertThat(sent).extracting(r -> r.param("since").orElseThrow() + ".." + r.param("until").orElseThrow())
        .containsExactly("2024-02-01T00:00:00Z..2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z..2024-03-31T00:00:00Z");
  }

  @Test
  void weeklyClampingKeepsClientSideRecordsUpToTheRoundedDownEnd() throws Exception {
    // Monday weeks; the end (Thursday 2024-01-18 12:00) rounds down to Monday 2024-01-15, minus a day
    ManifestFetcherFactory factory = factory("""
        type: DatetimeBasedCursor
        cursor_field: updated
        datetime_format: "%Y-%m-%d"
        start_datetime: "2024-01-01"
        end_datetime: {type: MinMaxDatetime, datetime: "2024-01-18T12:00:00Z", datetime_format: "%Y-%m-%dT%H:%M:%SZ"}
        step: P7D
        cursor_granularity: P1D
        is_client_side_incremental: true
        clamping: {target: WEEK, target_details: {weekday: MONDAY}}
        """, "", request -> "{\"items\": ["
            + "{\"updated\": \"2024-01-03\"}, {\"updated\": \"2024-01-14\"}, {\"updated\": \"2024-01-15\"}]}");

    List<String> records = readAll(factory, Map.of());
    assertThat(queries()).containsExactly("?window=2024-01-01%2F2024-01-07", "?window=2024-01-08%2F2024-01-14");
    // each window's response has a record past the range's end (2024-01-14): dropped, as Airbyte's should_be_synced
    assertThat(records).containsExactly("{\"updated\":\"2024-01-03\"}", "{\"updated\":\"2024-01-14\"}",
        "{\"updated\":\"2024-01-03\"}", "{\"updated\":\"2024-01-14\"}");
  }

  @Test
  void strictComparisonSkipsTheRequestWhoseStartIsTheEnd() throws Exception {
    String endAtMidnight = DAILY.replace("2024-01-03T12:00:00Z", "2024-01-03T00:00:00Z");
    readAll(factory(endAtMidnight, "", request -> "{\"items\": []}"), Map.of());
    assertThat(sent).extracting(r -> r.param("since").orElseThrow() + ".." + r.param("until").orElseThrow())
        .containsExactly("2024-01-01T00:00:00Z..2024-01-01T23:59:59Z", "2024-01-02T00:00:00Z..2024-01-02T23:59:59Z",
            "2024-01-03T00:00:00Z..2024-01-03T00:00:00Z");

    sent.clear();
    ManifestFetcherFactory strict = factory(endAtMidnight + "is_compare_strictly: true\n", "",
        request -> "{\"items\": []}");
    readAll(strict, Map.of());
    assertThat(sent).extracting(r -> r.param("since").orElseThrow() + ".." + r.param("until").orElseThrow())
        .containsExactly("2024-01-01T00:00:00Z..2024-01-01T23:59:59Z", "2024-01-02T00:00:00Z..2024-01-02T23:59:59Z");

    // a committed cursor at the end: no request at all
    sent.clear();
    assertThat(readAll(strict, Map.of(IncrementalStart.CURSOR, "2024-01-03T00:00:00Z"))).isEmpty();
    assertThat(sent).isEmpty();
  }

  @Test
  void optionsTheEngineDoesNotRunAndBadClampingAreRefusedWithTheirPath() throws Exception {
    ManifestConnector connector = AirbyteManifests.parse("test", ("""
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [events]}
        definitions:
          retriever:
            type: SimpleRetriever
            requester: {type: HttpRequester, url_base: https://api.example.com, path: /events}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
        streams:
          - type: DeclarativeStream
            name: events
            retriever: {$ref: "#/definitions/retriever"}
            incremental_sync:
              type: DatetimeBasedCursor
              cursor_field: updated
              datetime_format: "%s"
              start_datetime: "0"
              allow_catalog_defined_cursor_field: true
          - type: DeclarativeStream
            name: yearly
            retriever: {$ref: "#/definitions/retriever"}
            incremental_sync: {type: DatetimeBasedCursor, cursor_field: updated, datetime_format: "%s",
              start_datetime: "0", clamping: {target: YEAR}}
          - type: DeclarativeStream
            name: weekly
            retriever: {$ref: "#/definitions/retriever"}
            incremental_sync: {type: DatetimeBasedCursor, cursor_field: updated, datetime_format: "%s",
              start_datetime: "0", clamping: {target: WEEK}}
          - type: DeclarativeStream
            name: runnable
            retriever: {$ref: "#/definitions/retriever"}
            incremental_sync: {type: DatetimeBasedCursor, cursor_field: updated, datetime_format: "%s",
              start_datetime: "0", is_compare_strictly: true, clamping: {target: "{{ config['t'] }}"}}
        spec: {type: Spec, connection_specification: {type: object, properties: {}}}
        """).getBytes(StandardCharsets.UTF_8), "test", AirbyteManifests.standardInterpolation());

    assertThat(connector.streams()).extracting(StreamEntry::problem).containsExactly(
        "streams[0].incremental_sync.allow_catalog_defined_cursor_field: not supported",
        "streams[1].incremental_sync: DatetimeBasedCursor.clamping.target: invalid clamping target 'YEAR', "
            + "expected DAY, WEEK, MONTH",
        "streams[2].incremental_sync: DatetimeBasedCursor.clamping.target_details.weekday: WEEK clamping needs a "
            + "weekday (MONDAY ... SUNDAY), got ''",
        null);
  }

  @Test
  void anInterpolatedClampingTargetThatIsNotATargetFailsTheStreamBeforeAnyRequest() throws Exception {
    config = Map.of("start", "2024-01-01", "clamp", "YEAR");
    ManifestFetcherFactory factory = factory(DAILY + "clamping: {target: \"{{ config['clamp'] }}\"}\n", "",
        request -> "{\"items\": []}");

    assertThatThrownBy(() -> readAll(factory, Map.of())).isInstanceOf(EndpointException.class)
        .hasMessageContaining("streams[0].incremental_sync: clamping.target: invalid clamping target 'YEAR', "
            + "expected DAY, WEEK, MONTH");
    assertThat(sent).isEmpty();
  }
}
