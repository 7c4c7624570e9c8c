package dev.ingest.sources.airbyte;

import static dev.ingest.sources.airbyte.CompactRecords.compact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.airbyte.runtime.ManifestFetcherFactory;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DefaultErrorHandler and CompositeErrorHandler on the runtime: RETRY, FAIL, IGNORE and RATE_LIMITED filters by
 * code, predicate and error message; the four backoff strategies and max_retries; exact attempts and waits.
 */
class ManifestErrorHandlerTest {
  private final List<ApiRequest> sent = new ArrayList<>();
  private final FakeTime time = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));

  private ManifestFetcherFactory factory(String errorHandler, List<ApiResponse> responses) throws Exception {
    String yaml = """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [items]}
        streams:
          - type: DeclarativeStream
            name: items
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: https://api.example.com
                path: /items
                authenticator: {type: BearerAuthenticator, api_token: "{{ config['token'] }}"}
                error_handler:
        %s
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
        spec:
          type: Spec
          connection_specification:
            type: object
            properties:
              token: {type: string, airbyte_secret: true}
              wait: {type: integer, default: 3}
        """.formatted(errorHandler.indent(10));
    ManifestConnector manifest = AirbyteManifests.parse("errors", yaml.getBytes(StandardCharsets.UTF_8), "errors",
        AirbyteManifests.standardInterpolation());
    assertThat(manifest.streams()).allSatisfy(s -> assertThat(s.problem()).isNull());
    Iterator<ApiResponse> next = responses.iterator();
    HttpTransport transport = request -> {
      sent.add(request);
      return next.next();
    };
    dev.ingest.sources.secret.SecretStoreProvider secrets = () -> new dev.ingest.sources.secret.SecretStore() {
      @Override
      public java.util.Optional<Map<String, String>> read(String name) {
        return java.util.Optional.of(Map.of("token", "tok-secret-1"));
      }

      @Override
      public void write(String name, Map<String, String> fields) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean delete(String name) {
        return false;
      }
    };
    return manifest.fetcherFactory(new ManifestFetcherFactory.Settings("errors", Map.of(), "s", secrets,
        RetryPolicy.defaults(), new TestEnvironment(transport, time), null, null));
  }

  private static ApiResponse response(int status, String body, String... headers) {
    Map<String, String> h = new java.util.LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    return ApiResponse.of(status, Headers.ofSingle(h), body.getBytes(StandardCharsets.UTF_8));
  }

  private static final ApiResponse OK = response(200, "{\"data\": [{\"id\": 1}]}");

  private Page first(ManifestFetcherFactory factory) throws Exception {
    try (PageFetcher fetcher = factory.open(FetchTarget.of("items", "run-1"))) {
      return fetcher.fetch(PageCursor.first());
    }
  }

  @Test
  void aPredicateRetriesA200WithTheConstantBackoff() throws Exception {
    ManifestFetcherFactory factory = factory("""
        type: DefaultErrorHandler
        backoff_strategies: [{type: ConstantBackoffStrategy, backoff_time_in_seconds: "{{ config['wait'] }}"}]
        response_filters:
          - {type: HttpResponseFilter, action: RETRY, predicate: "{{ response.status == 'pending' }}"}
        """, List.of(response(200, "{\"status\": \"pending\"}"), response(200, "{\"status\": \"pending\"}"), OK));

    Page page = first(factory);
    assertThat(compact(page.records())).containsExactly("{\"id\":1}");
    assertThat(sent).hasSize(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
    assertThat(page.stats().retries()).isEqualTo(2);
  }

  @Test
  void exponentialBackoffWaitsFactorTimesTwoToTheAttemptAndMaxRetriesBoundsTheAttempts() throws Exception {
    ManifestFetcherFactory factory = factory("""
        type: DefaultErrorHandler
        max_retries: 2
        backoff_strategies: [{type: ExponentialBackoffStrategy, factor: 2}]
        """, List.of(response(500, "{}"), response(503, "{}"), response(502, "{}"), OK));

    assertThatThrownBy(() -> first(factory)).isInstanceOfSatisfying(EndpointException.class, e -> {
      assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
      assertThat(e.getMessage()).contains("after 3 attempts");
    });
    assertThat(sent).hasSize(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(8));
  }

  @Test
  void anErrorMessageMatchFailsAtOnceWithTheInterpolatedMessageRedacted() throws Exception {
    ManifestFetcherFactory factory = factory("""
        type: DefaultErrorHandler
        response_filters:
          - type: HttpResponseFilter
            action: FAIL
            error_message_contains: quota exhausted
            error_message: "plan limit for {{ config['token'] }}: {{ response['error']['message'] }}"
        """, List.of(response(500, "{\"error\": {\"message\": \"monthly quota exhausted\"}}"), OK));

    assertThatThrownBy(() -> first(factory)).isInstanceOfSatisfying(EndpointException.class, e -> {
      assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
      assertThat(e.getMessage()).contains("HTTP 500: plan limit for ***: monthly quota exhausted")
          .doesNotContain("tok-secret-1");
    });
    assertThat(sent).hasSize(1);
  }

  @Test
  void rateLimitedWaitsTheHeaderSecondsThroughTheRegexAndRefusesWaitsAtTheMaximum() throws Exception {
    String handler = """
        type: DefaultErrorHandler
        backoff_strategies:
          - {type: WaitTimeFromHeader, header: X-Retry-In, regex: "[0-9.]+", max_waiting_time_in_seconds: 30}
        response_filters:
          - {type: HttpResponseFilter, action: RATE_LIMITED, http_codes: [420]}
        """;
    ManifestFetcherFactory factory = factory(handler, List.of(response(420, "{}", "X-Retry-In", "7.5s"), OK));
    assertThat(compact(first(factory).records())).containsExactly("{\"id\":1}");
    assertThat(sent).hasSize(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(7500));

    sent.clear();
    ManifestFetcherFactory tooLong = factory(handler, List.of(response(420, "{}", "X-Retry-In", "30"), OK));
    assertThatThrownBy(() -> first(tooLong)).isInstanceOfSatisfying(EndpointException.class, e -> {
      assertThat(e.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
      assertThat(e.getMessage()).contains("at least max_waiting_time_in_seconds (30.0 s)");
    });
    assertThat(sent).hasSize(1);
  }

  @Test
  void waitUntilTimeFromHeaderWaitsUntilTheEpochSecondButAtLeastMinWait() throws Exception {
    long now = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
    ManifestFetcherFactory factory = factory("""
        type: DefaultErrorHandler
        backoff_strategies: [{type: WaitUntilTimeFromHeader, header: X-Reset, min_wait: 5}]
        """, List.of(response(429, "{}", "X-Reset", String.valueOf(now + 20)),
            response(429, "{}", "X-Reset", String.valueOf(now + 21)), OK));

    assertThat(compact(first(factory).records())).containsExactly("{\"id\":1}");
    assertThat(sent).hasSize(3);
    // 20 s until the reset, then (the clock now at +20 s) 1 s to go, raised to min_wait's 5 s
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(5));
  }

  @Test
  void aCompositeHandlerIgnoresWhatTheFirstWouldFailAndTheIgnoredResponseEndsPaging() throws Exception {
    ManifestFetcherFactory factory = factory("""
        type: CompositeErrorHandler
        error_handlers:
          - type: DefaultErrorHandler
            response_filters: [{type: HttpResponseFilter, action: RETRY, http_codes: [409]}]
          - type: DefaultErrorHandler
            response_filters: [{type: HttpResponseFilter, action: IGNORE, http_codes: [404]}]
        """, List.of(response(409, "{}"), response(404, "not json"), OK));

    Page page = first(factory);
    assertThat(page.records()).isEmpty();
    assertThat(page.isLast()).isTrue();
    assertThat(sent).hasSize(2);
  }

  @Test
  void withoutAFilterAirbyteDefaultsApply400FailsAndAnUnmappedStatusIsRetried() throws Exception {
    ManifestFetcherFactory retried = factory("type: DefaultErrorHandler\n",
        List.of(response(422, "{}"), OK));
    assertThat(compact(first(retried).records())).containsExactly("{\"id\":1}");
    assertThat(sent).hasSize(2);

    sent.clear();
    ManifestFetcherFactory failed = factory("type: DefaultErrorHandler\n", List.of(response(400, "{}"), OK));
    assertThatThrownBy(() -> first(failed)).isInstanceOfSatisfying(EndpointException.class,
        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.CLIENT_ERROR));
    assertThat(sent).hasSize(1);
  }
}
