package dev.ingest.sources.airbyte;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.airbyte.runtime.ManifestFetcherFactory;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.ApiResponse;
import dev.ingest.sources.http.Headers;
import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.ratelimit.RateBudgets;
import dev.ingest.sources.ratelimit.RateLimiter;
import dev.ingest.sources.ratelimit.RateSignal;
import dev.ingest.sources.retry.FakeTime;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.TestEnvironment;
import dev.ingest.sources.spec.SpecException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code concurrency_level} as a hint for pages read ahead: with {@code PageIncrement} or {@code OffsetIncrement}
 * and a page size, the pages after a full page are requested in parallel (capped by {@code max_concurrency}),
 * come out in order, and every request still takes a permit of the credential's rate limiter; paging whose next
 * request depends on the response is read one page after the other. Requests are checked one by one.
 */
class ManifestConcurrencyLevelTest {
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final FakeTime time = new FakeTime();
  private final AtomicInteger permits = new AtomicInteger();

  /** A rate limiter that counts its permits and makes each request wait one (fake) second. */
  private final RateBudgets budgets = (connector, credential, spec, clock) -> new RateLimiter() {
    @Override
    public Duration reserve() {
      permits.incrementAndGet();
      return Duration.ofSeconds(1);
    }

    @Override
    public void observe(RateSignal signal) {}

    @Override
    public void pauseUntil(Instant until) {}
  };

  private ManifestFetcherFactory factory(String concurrencyYaml, String strategyYaml, Map<String, String> config,
      Function<ApiRequest, String> api) throws Exception {
    String yaml = """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [items]}
        %s
        streams:
          - type: DeclarativeStream
            name: items
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, url_base: https://api.example.com, path: /items}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
              paginator:
                type: DefaultPaginator
                page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: token}
                page_size_option: {type: RequestOption, inject_into: request_parameter, field_name: size}
                pagination_strategy: %s
        spec:
          type: Spec
          connection_specification: {type: object, properties: {workers: {type: integer}}}
        """.formatted(concurrencyYaml, strategyYaml);
    ManifestConnector connector = AirbyteManifests.parse("test", yaml.getBytes(StandardCharsets.UTF_8), "test",
        AirbyteManifests.standardInterpolation());
    HttpTransport transport = request -> {
      sent.add(request.redactedUrl().replace("https://api.example.com/items", ""));
      return ApiResponse.of(200, Headers.empty(), api.apply(request).getBytes(StandardCharsets.UTF_8));
    };
    return connector.fetcherFactory(new ManifestFetcherFactory.Settings("test", config, null, null,
        RetryPolicy.defaults(), new TestEnvironment(transport, time, budgets), null, null));
  }

  private static List<String> readAll(ManifestFetcherFactory factory) throws Exception {
    List<String> records = new ArrayList<>();
    try (PageFetcher fetcher = factory.open(FetchTarget.of("items", "run-1"))) {
      PageCursor cursor = PageCursor.first();
      for (int guard = 0; guard < 100; guard++) {
        Page page = fetcher.fetch(cursor);
        records.addAll(page.records());
        if (page.isLast()) {
          return records;
        }
        cursor = page.next().get();
      }
    }
    throw new AssertionError("paging did not stop");
  }

  /**
   * Pages {@code 1..last} of {@code size} records ({@code last} is short: one record), later pages empty. The last
   * page answers only once the requests of {@code ahead} later pages arrived (bounded), so the set of requests made
   * past the end is exact.
   */
  private static Function<ApiRequest, String> pages(String param, long first, long step, int last, int ahead) {
    CountDownLatch pastTheEnd = new CountDownLatch(ahead);
    return request -> {
      long token = request.param(param).map(Long::parseLong).orElse(first);
      long page = (token - first) / step + 1;
      if (page > last) {
        pastTheEnd.countDown();
        return "{\"items\": []}";
      }
      if (page == last) {
        try {
          assertThat(pastTheEnd.await(10, TimeUnit.SECONDS)).as("read-ahead past the last page").isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        return "{\"items\": [{\"id\": \"" + page + "a\"}]}";
      }
      return "{\"items\": [{\"id\": \"" + page + "a\"}, {\"id\": \"" + page + "b\"}]}";
    };
  }

  private static final String PAGES = "{type: PageIncrement, page_size: 2, start_from_page: 1,"
      + " inject_on_first_request: true}";

  @Test
  void pageIncrementPagesAreRequestedAheadAndComeOutInOrder() throws Exception {
    ManifestFetcherFactory factory = factory("concurrency_level: {type: ConcurrencyLevel, default_concurrency: 3}",
        PAGES, Map.of(), pages("token", 1, 1, 3, 2));

    // records are passed on as sent
    assertThat(readAll(factory)).containsExactly("{\"id\": \"1a\"}", "{\"id\": \"1b\"}", "{\"id\": \"2a\"}",
        "{\"id\": \"2b\"}", "{\"id\": \"3a\"}");
    // page 1 alone; after it up to 3 pages in flight: 2, 3, 4; after page 2 also 5; page 3 is short and ends the
    // paging, so the answers of pages 4 and 5 (concurrency - 1 requests past the end) are dropped
    assertThat(sent.get(0)).isEqualTo("?token=1&size=2");
    assertThat(sent).containsExactlyInAnyOrder("?token=1&size=2", "?token=2&size=2", "?token=3&size=2",
        "?token=4&size=2", "?token=5&size=2");
    // every request, those read ahead too, took a permit of the credential's limiter and waited for it
    assertThat(permits.get()).isEqualTo(5);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void aLevelFromTheConfigIsCappedByMaxConcurrency() throws Exception {
    ManifestFetcherFactory factory = factory("""
        concurrency_level:
          type: ConcurrencyLevel
          default_concurrency: "{{ config['workers'] }}"
          max_concurrency: 2""", PAGES, Map.of("workers", "10"), pages("token", 1, 1, 3, 1));

    assertThat(readAll(factory)).hasSize(5);
    // two in flight: one request past the end (page 4), not nine
    assertThat(sent).containsExactlyInAnyOrder("?token=1&size=2", "?token=2&size=2", "?token=3&size=2",
        "?token=4&size=2");
    assertThat(permits.get()).isEqualTo(4);
  }

  @Test
  void offsetIncrementOffsetsAdvanceByThePageSize() throws Exception {
    ManifestFetcherFactory factory = factory("concurrency_level: {default_concurrency: 4, max_concurrency: 8}",
        "{type: OffsetIncrement, page_size: 2}", Map.of(), pages("token", 0, 2, 3, 3));

    assertThat(readAll(factory)).hasSize(5);
    // the first request carries no offset (no inject_on_first_request); 2 and 4 are pages 2 and 3, 6, 8 and 10
    // were read ahead past the end
    assertThat(sent.get(0)).isEqualTo("?size=2");
    assertThat(sent).containsExactlyInAnyOrder("?size=2", "?token=2&size=2", "?token=4&size=2", "?token=6&size=2",
        "?token=8&size=2", "?token=10&size=2");
  }

  @Test
  void pagingWhoseNextRequestDependsOnTheResponseIsReadOnePageAfterTheOther() throws Exception {
    String level = "concurrency_level: {type: ConcurrencyLevel, default_concurrency: 5}";
    // without a page_size, OffsetIncrement's next offset is the number of records read so far
    ManifestFetcherFactory offsets = factory(level, "{type: OffsetIncrement}", Map.of(), request -> {
      long offset = request.param("token").map(Long::parseLong).orElse(0L);
      return offset < 4 ? "{\"items\": [{\"id\": 1}, {\"id\": 2}]}" : offset == 4 ? "{\"items\": [{\"id\": 3}]}"
          : "{\"items\": []}";
    });
    assertThat(readAll(offsets)).hasSize(5);
    assertThat(sent).containsExactly("", "?token=2", "?token=4", "?token=5");

    // CursorPagination: the next token is read from the response
    sent.clear();
    ManifestFetcherFactory cursors = factory(level, "{type: CursorPagination, cursor_value: \"{{ response.next }}\","
        + " stop_condition: \"{{ not response.next }}\", page_size: 2}", Map.of(), request -> {
          String token = request.param("token").orElse("a");
          return switch (token) {
            case "a" -> "{\"items\": [{\"id\": 1}, {\"id\": 2}], \"next\": \"b\"}";
            case "b" -> "{\"items\": [{\"id\": 3}, {\"id\": 4}], \"next\": \"c\"}";
            default -> "{\"items\": [{\"id\": 5}], \"next\": null}";
          };
        });
    assertThat(readAll(cursors)).hasSize(5);
    assertThat(sent).containsExactly("?size=2", "?token=b&size=2", "?token=c&size=2");
    assertThat(permits.get()).isEqualTo(7);
  }

  @Test
  void withoutAConcurrencyLevelPagesAreReadOneAfterTheOther() throws Exception {
    ManifestFetcherFactory factory = factory("", PAGES, Map.of(), request -> {
      long page = request.param("token").map(Long::parseLong).orElse(1L);
      return page < 3 ? "{\"items\": [{\"id\": 1}, {\"id\": 2}]}" : "{\"items\": [{\"id\": 3}]}";
    });

    assertThat(readAll(factory)).hasSize(5);
    assertThat(sent).containsExactly("?token=1&size=2", "?token=2&size=2", "?token=3&size=2");
  }

  @Test
  void aLevelFromTheConfigWithoutMaxConcurrencyIsRefusedWhenTheManifestLoads() {
    assertThatThrownBy(() -> factory("concurrency_level: {default_concurrency: \"{{ config['workers'] }}\"}", PAGES,
        Map.of(), request -> "{\"items\": []}"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("concurrency_level.max_concurrency")
        .hasMessageContaining("required when default_concurrency comes from the config");
    assertThat(sent).isEmpty();
  }
}
