package dev.ingest.sources.airbyte;

import static dev.ingest.sources.airbyte.CompactRecords.compact;
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
 * Manifest components on the runtime, request by request, with the real interpolation: offset paging with
 * first-request injection, cursor paging with a stop condition over headers, request options into JSON bodies and
 * headers, API keys in the query, record filters and added fields, and IGNORE error filters.
 */
class ManifestRuntimeTest {
  private final List<ApiRequest> sent = new ArrayList<>();

  private ManifestFetcherFactory factory(String streamsYaml, Function<ApiRequest, ApiResponse> api) throws Exception {
    String yaml = """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [items]}
        definitions:
          requester:
            type: HttpRequester
            url_base: https://api.example.com/v1
            authenticator:
              type: ApiKeyAuthenticator
              api_token: "{{ config['key'] }}"
              inject_into: {type: RequestOption, inject_into: request_parameter, field_name: key}
        streams:
        %s
        spec:
          type: Spec
          connection_specification:
            type: object
            required: [key]
            properties:
              key: {type: string, airbyte_secret: true}
              size: {type: integer, default: 2}
        """.formatted(streamsYaml.indent(2));
    ManifestConnector connector = AirbyteManifests.parse("test", yaml.getBytes(StandardCharsets.UTF_8), "test",
        AirbyteManifests.standardInterpolation());
    HttpTransport transport = request -> {
      sent.add(request);
      return api.apply(request);
    };
    return connector.fetcherFactory(new ManifestFetcherFactory.Settings("test", Map.of("key", "k1"), null, null,
        RetryPolicy.defaults(), new TestEnvironment(transport, new FakeTime()), null, null));
  }

  private static ApiResponse json(String body) {
    return ApiResponse.of(200, Headers.empty(), body.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> readAll(ManifestFetcherFactory factory, String stream) throws Exception {
    List<String> records = new ArrayList<>();
    try (PageFetcher fetcher = factory.open(FetchTarget.of(stream, "run-1"))) {
      PageCursor cursor = PageCursor.first();
      for (int guard = 0; guard < 50; guard++) {
        Page page = fetcher.fetch(cursor);
        records.addAll(compact(page.records()));
        if (page.isLast()) {
          return records;
        }
        cursor = page.next().get();
      }
    }
    throw new AssertionError("paging did not stop");
  }

  @Test
  void offsetIncrementInjectedOnTheFirstRequestStopsAtAShortPage() throws Exception {
    ManifestFetcherFactory factory = factory("""
        - type: DeclarativeStream
          name: items
          retriever:
            type: SimpleRetriever
            requester: {$ref: "#/definitions/requester", path: /items}
            record_selector:
              type: RecordSelector
              extractor: {type: DpathExtractor, field_path: [data, "*"]}
              record_filter: {type: RecordFilter, condition: "{{ record['n'] != 3 }}"}
            paginator:
              type: DefaultPaginator
              page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: offset}
              page_size_option: {type: RequestOption, inject_into: request_parameter, field_name: limit}
              pagination_strategy: {type: OffsetIncrement, page_size: "{{ config['size'] }}", inject_on_first_request: true}
          transformations:
            - type: AddFields
              fields: [{type: AddedFieldDefinition, path: [meta, double], value: "{{ record['n'] * 2 }}"}]
        """, request -> json(offsetPage(request)));

    assertThat(readAll(factory, "items")).containsExactly("{\"n\":1,\"meta\":{\"double\":2}}",
        "{\"n\":2,\"meta\":{\"double\":4}}", "{\"n\":4,\"meta\":{\"double\":8}}", "{\"n\":5,\"meta\":{\"double\":10}}");
    assertThat(sent).extracting(ApiRequest::redactedUrl).containsExactly(
        "https://api.example.com/v1/items?offset=0&limit=2&key=***",
        "https://api.example.com/v1/items?offset=2&limit=2&key=***",
        "https://api.example.com/v1/items?offset=4&limit=2&key=***");
  }

  private static String offsetPage(ApiRequest request) {
    int offset = Integer.parseInt(request.param("offset").orElse("0"));
    return offset == 0 ? "{\"data\": {\"a\": {\"n\": 1}, \"b\": {\"n\": 2}}}"
        : offset == 2 ? "{\"data\": {\"c\": {\"n\": 3}, \"d\": {\"n\": 4}}}" : "{\"data\": {\"e\": {\"n\": 5}}}";
  }

  @Test
  void cursorPaginationStopsOnTheConditionAndInjectsTheTokenIntoTheBody() throws Exception {
    ManifestFetcherFactory factory = factory("""
        - type: DeclarativeStream
          name: items
          retriever:
            type: SimpleRetriever
            requester:
              $ref: "#/definitions/requester"
              path: /search
              http_method: POST
              request_headers: {X-Stream: "{{ parameters['name'] }}"}
              request_body_json: {query: all, size: 2}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [results]}}
            paginator:
              type: DefaultPaginator
              page_token_option: {type: RequestOption, inject_into: body_json, field_path: [page, after]}
              pagination_strategy:
                type: CursorPagination
                cursor_value: "{{ last_record['id'] }}"
                stop_condition: "{{ headers['X-More'] == 'no' }}"
          $parameters: {name: items}
        """, request -> {
          boolean first = !request.body().orElse("").contains("after");
          return ApiResponse.of(200, Headers.ofSingle(Map.of("X-More", first ? "yes" : "no")),
              (first ? "{\"results\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}" : "{\"results\": [{\"id\": \"c\"}]}")
                  .getBytes(StandardCharsets.UTF_8));
        });

    assertThat(readAll(factory, "items")).containsExactly("{\"id\":\"a\"}", "{\"id\":\"b\"}", "{\"id\":\"c\"}");
    assertThat(sent).extracting(ApiRequest::method).containsExactly("POST", "POST");
    assertThat(sent).extracting(r -> r.body().orElse("")).containsExactly("{\"query\":\"all\",\"size\":2}",
        "{\"query\":\"all\",\"size\":2,\"page\":{\"after\":\"b\"}}");
    assertThat(sent).allSatisfy(r -> assertThat(r.headers().first("X-Stream")).contains("items"));
  }

  @Test
  void anIgnoredStatusYieldsNoRecordsAndEndsPaging() throws Exception {
    ManifestFetcherFactory factory = factory("""
        - type: DeclarativeStream
          name: items
          retriever:
            type: SimpleRetriever
            requester:
              $ref: "#/definitions/requester"
              path: /gone
              error_handler:
                type: DefaultErrorHandler
                response_filters: [{type: HttpResponseFilter, action: IGNORE, http_codes: [404]}]
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
        """, request -> ApiResponse.of(404, Headers.empty(), "{}".getBytes(StandardCharsets.UTF_8)));

    assertThat(readAll(factory, "items")).isEmpty();
    assertThat(sent).hasSize(1);
  }


  @Test
  void aSubstreamReadsOneParentRecordsChildrenAndSkipsRecordsWithoutTheKey() throws Exception {
    ManifestFetcherFactory factory = factory("""
        - type: DeclarativeStream
          name: parents
          retriever:
            type: SimpleRetriever
            requester: {$ref: "#/definitions/requester", path: /parents}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
        - type: DeclarativeStream
          name: children
          retriever:
            type: SimpleRetriever
            requester: {$ref: "#/definitions/requester", path: "/parents/{{ stream_partition.parent_id }}/children"}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
            partition_router:
              type: SubstreamPartitionRouter
              parent_stream_configs:
                - type: ParentStreamConfig
                  parent_key: id
                  partition_field: parent_id
                  request_option: {type: RequestOption, inject_into: header, field_name: X-Parent}
                  stream: {$ref: "#/streams/0"}
        """, request -> json("{\"items\": [{\"n\": 1}]}"));

    assertThat(factory.hasParent("children")).isTrue();
    try (PageFetcher none = factory.open(new FetchTarget("children", "run-1", Map.of(),
        FetchTarget.Scope.ONE_PARENT))) {
      Page page = none.fetch(PageCursor.first());
      assertThat(page.records()).isEmpty();
      assertThat(page.isLast()).isTrue();
    }
    assertThat(sent).as("a parent record without the key is skipped without a request").isEmpty();
    try (PageFetcher one = factory.open(new FetchTarget("children", "run-1", Map.of("parent.id", "7"),
        FetchTarget.Scope.ONE_PARENT))) {
      assertThat(compact(one.fetch(PageCursor.first()).records())).containsExactly("{\"n\":1}");
    }
    assertThat(sent).extracting(ApiRequest::redactedUrl)
        .containsExactly("https://api.example.com/v1/parents/7/children?key=***");
    assertThat(sent.get(0).headers().first("X-Parent")).contains("7");
  }

  @Test
  void aListPartitionRouterReadsEveryValueAndSendsItAsARequestOption() throws Exception {
    ManifestFetcherFactory factory = factory("""
        - type: DeclarativeStream
          name: items
          retriever:
            type: SimpleRetriever
            requester: {$ref: "#/definitions/requester", path: "/regions/{{ stream_partition.region }}/items"}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
            partition_router:
              type: ListPartitionRouter
              values: [eu, us]
              cursor_field: region
              request_option: {type: RequestOption, inject_into: header, field_name: X-Region}
        """, request -> json("{\"items\": [{\"r\": \"" + request.headers().first("X-Region").orElse("?") + "\"}]}"));

    assertThat(readAll(factory, "items")).containsExactly("{\"r\":\"eu\"}", "{\"r\":\"us\"}");
    assertThat(sent).extracting(ApiRequest::redactedUrl).containsExactly(
        "https://api.example.com/v1/regions/eu/items?key=***", "https://api.example.com/v1/regions/us/items?key=***");
  }
}
