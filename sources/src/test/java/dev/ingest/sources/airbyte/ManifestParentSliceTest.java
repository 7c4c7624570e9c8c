package dev.ingest.sources.airbyte;

import static dev.ingest.sources.airbyte.CompactRecords.compact;
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
import dev.ingest.sources.retry.FakeTime;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code stream_partition.parent_slice}: a grandchild ({@code roles} of each member of each organization) reaches
 * its grandparent's value through the partition its parent record was read in, request by request, in one fetcher
 * and fanned out; the records landed for the child carry no trace of the tag.
 */
class ManifestParentSliceTest {
  private static final String MANIFEST = """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [roles]}
      definitions:
        requester: {type: HttpRequester, url_base: https://api.example.com, http_method: GET}
        selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
        organizations:
          type: DeclarativeStream
          name: organizations
          retriever: {type: SimpleRetriever, requester: {$ref: "#/definitions/requester", path: /orgs},
            record_selector: {$ref: "#/definitions/selector"}}
        members:
          type: DeclarativeStream
          name: members
          retriever:
            type: SimpleRetriever
            requester: {$ref: "#/definitions/requester", path: "/orgs/{{ stream_partition.parent_id }}/members"}
            record_selector: {$ref: "#/definitions/selector"}
            partition_router:
              type: SubstreamPartitionRouter
              parent_stream_configs:
                - {type: ParentStreamConfig, stream: {$ref: "#/definitions/organizations"}, parent_key: id,
                   partition_field: parent_id}
      streams:
        - $ref: "#/definitions/members"
        - type: DeclarativeStream
          name: roles
          retriever:
            type: SimpleRetriever
            requester:
              $ref: "#/definitions/requester"
              path: "/orgs/{{ stream_partition.parent_slice.parent_id }}/members/{{ stream_partition.user }}/roles"
            record_selector: {$ref: "#/definitions/selector"}
            partition_router:
              type: SubstreamPartitionRouter
              parent_stream_configs:
                - {type: ParentStreamConfig, stream: {$ref: "#/definitions/members"}, parent_key: user_id,
                   partition_field: user}
      spec: {type: Spec, connection_specification: {type: object, properties: {}}}
      """;

  private final List<ApiRequest> sent = new ArrayList<>();

  private ManifestFetcherFactory factory() throws Exception {
    ManifestConnector connector = AirbyteManifests.parse("test", MANIFEST.getBytes(StandardCharsets.UTF_8), "test",
        AirbyteManifests.standardInterpolation());
    HttpTransport transport = request -> {
      sent.add(request);
      String path = request.redactedUrl().replace("https://api.example.com", "");
      String body = switch (path) {
        case "/orgs" -> "[{\"id\": \"o1\"}, {\"id\": \"o2\"}]";
        case "/orgs/o1/members" -> "[{\"user_id\": \"auth0|u1\"}, {\"user_id\": \"u 2\"}]";
        case "/orgs/o2/members" -> "[{\"user_id\": \"u3\"}]";
        default -> "[{\"id\": \"role-" + path.split("/")[4] + "\"}]";
      };
      return ApiResponse.of(200, Headers.empty(), body.getBytes(StandardCharsets.UTF_8));
    };
    return connector.fetcherFactory(new ManifestFetcherFactory.Settings("test", Map.of(), null, null,
        RetryPolicy.defaults(), new TestEnvironment(transport, new FakeTime()), null, null));
  }

  private static List<String> records(PageFetcher fetcher) throws Exception {
    List<String> records = new ArrayList<>();
    PageCursor cursor = PageCursor.first();
    for (int guard = 0; guard < 100; guard++) {
      Page page = fetcher.fetch(cursor);
      records.addAll(compact(page.records()));
      if (page.isLast()) {
        return records;
      }
      cursor = page.next().orElseThrow();
    }
    throw new AssertionError("paging did not stop");
  }

  private List<String> paths() {
    return sent.stream().map(r -> r.redactedUrl().replace("https://api.example.com", "")).toList();
  }

  @Test
  void aGrandchildReachesItsGrandparentsValueThroughParentSlice() throws Exception {
    List<String> roles;
    try (PageFetcher fetcher = factory().open(new FetchTarget("roles", "run-1", Map.of()))) {
      roles = records(fetcher);
    }

    // values a URI may not hold are percent-encoded, as python-requests' requote_uri does
    assertThat(paths()).containsExactly("/orgs", "/orgs/o1/members", "/orgs/o1/members/auth0%7Cu1/roles",
        "/orgs/o1/members/u%202/roles", "/orgs/o2/members", "/orgs/o2/members/u3/roles");
    assertThat(roles).containsExactly("{\"id\":\"role-auth0%7Cu1\"}", "{\"id\":\"role-u%202\"}",
        "{\"id\":\"role-u3\"}");
  }

  @Test
  void fannedOutEachChildPartGetsItsParentsSlice() throws Exception {
    ManifestFetcherFactory factory = factory();
    List<String> members;
    try (PageFetcher fetcher = factory.open(new FetchTarget("roles", "run-1", Map.of(),
        FetchTarget.Scope.PARENTS))) {
      members = records(fetcher);
    }
    for (String member : members) {
      try (PageFetcher fetcher = factory.open(new FetchTarget("roles", "run-1",
          ParentRecordVars.ofJson("roles", member), FetchTarget.Scope.ONE_PARENT))) {
        records(fetcher);
      }
    }

    assertThat(paths()).containsExactly("/orgs", "/orgs/o1/members", "/orgs/o2/members",
        "/orgs/o1/members/auth0%7Cu1/roles", "/orgs/o1/members/u%202/roles", "/orgs/o2/members/u3/roles");
  }

  @Test
  void theTargetStreamsOwnRecordsAreNotTagged() throws Exception {
    try (PageFetcher fetcher = factory().open(new FetchTarget("members", "run-1", Map.of()))) {
      assertThat(records(fetcher)).containsExactly("{\"user_id\":\"auth0|u1\"}", "{\"user_id\":\"u 2\"}",
          "{\"user_id\":\"u3\"}");
    }
  }
}
