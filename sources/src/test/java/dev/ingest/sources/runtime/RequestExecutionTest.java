package dev.ingest.sources.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.retry.FakeTime;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.spec.ConnectorLoader;
import dev.ingest.sources.spec.ConnectorSpec;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retries, classification and rate limiting of one endpoint's requests, on a scripted transport and fake time. */
class RequestExecutionTest {
  static final String CONNECTOR = """
      name: testapi
      base_url: https://api.example.com
      credentials:
        token: { label: Token }
      auth: { type: bearer, token: "{{ credentials.token }}" }
      paging: { type: body_cursor, cursor_path: next, cursor_param: cursor }
      endpoints:
        items: { path: /items, records: items }
      """;
  static final String PAGE = "{\"items\":[{\"id\":1},{\"id\":2}],\"next\":\"c2\"}";
  static final String LAST = "{\"items\":[{\"id\":3}]}";

  private final ScriptedTransport transport = new ScriptedTransport();
  private final FakeTime time = new FakeTime();

  private PageFetcher open(RetryPolicy policy) throws Exception {
    ConnectorSpec spec = ConnectorLoader.parse(CONNECTOR, "test");
    MemorySecrets secrets = new MemorySecrets().with("s", Map.of("token", "sekr3t-token"));
    return new ConnectorPageFetcherFactory(spec, Map.of(), "s", secrets, policy,
        new TestEnvironment(transport, time)).open(FetchTarget.of("items", "run-1"));
  }

  private PageFetcher open() throws Exception {
    return open(RetryPolicy.defaults());
  }

  @Test
  void honoursRetryAfterOn429() throws Exception {
    transport.respond(429, Map.of("Retry-After", "3"), "{\"error\":\"slow down\"}").respond(200, PAGE);

    Page page = open().fetch(PageCursor.first());

    assertThat(page.records()).hasSize(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
    assertThat(page.stats()).isEqualTo(new FetchStats(2, 1, 1, page.stats().bytes(), 3000));
  }

  @Test
  void backsOffExponentiallyOnServerErrorsAndResets() throws Exception {
    transport.respond(503, "{}").fail(new IOException("Connection reset")).respond(502, "<html>Bad gateway</html>")
        .respond(200, PAGE);

    Page page = open().fetch(PageCursor.first());

    assertThat(page.records()).hasSize(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000),
        Duration.ofMillis(2000));
    assertThat(page.stats().retries()).isEqualTo(3);
  }

  @Test
  void rateHeadersAtZeroHoldTheNextRequestUntilTheReset() throws Exception {
    long reset = time.instant().getEpochSecond() + 20;
    transport.respond(200, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset)), PAGE)
        .respond(200, LAST);
    PageFetcher fetcher = open();

    Page first = fetcher.fetch(PageCursor.first());
    Page last = fetcher.fetch(first.next().orElseThrow());

    assertThat(last.isLast()).isTrue();
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(20));
    assertThat(last.stats().throttled()).isZero();
    assertThat(last.stats().waitedMillis()).isEqualTo(20_000);
  }

  @Test
  void a429WithoutRetryAfterWaitsForAnExhaustedQuotasReset() throws Exception {
    long reset = time.instant().getEpochSecond() + 42;
    transport.respond(429, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset)), "{}")
        .respond(200, PAGE);

    open().fetch(PageCursor.first());

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(42));
  }

  @Test
  void gitHubSecondaryRateLimit403IsRetriedNotAnAuthFailure() throws Exception {
    transport.respond(403, "{\"message\":\"You have exceeded a secondary rate limit.\"}").respond(200, PAGE);

    Page page = open().fetch(PageCursor.first());

    assertThat(page.stats().throttled()).isEqualTo(1);
  }

  @Test
  void slackOkFalseRatelimitedIsRetried() throws Exception {
    transport.respond(200, "{\"ok\":false,\"error\":\"ratelimited\"}").respond(200, PAGE);

    Page page = open().fetch(PageCursor.first());

    assertThat(page.records()).hasSize(2);
    assertThat(page.stats().throttled()).isEqualTo(1);
  }

  @Test
  void truncatedBodiesAreRetriedThenFailClearly() throws Exception {
    transport.respond(200, "{\"items\":[{\"id\":1},").respond(200, "{\"items\":[");
    PageFetcher fetcher = open(RetryPolicy.defaults().withMaxAttempts(2));

    assertThatThrownBy(() -> fetcher.fetch(PageCursor.first()))
        .isInstanceOfSatisfying(EndpointException.class, e -> {
          assertThat(e.errorClass()).isEqualTo(ErrorClass.MALFORMED_RESPONSE);
          assertThat(e.stats().requests()).isEqualTo(2);
        })
        .hasMessageContaining("body is not valid JSON")
        .hasMessageContaining("gave up after 2 attempts");
  }

  @Test
  void aWellFormedResponseWhoseBodyIsNotJsonFailsAtOnceWithoutWaiting() throws Exception {
    transport.respond(200, "<html><body>Maintenance</body></html>").respond(200, PAGE);
    PageFetcher fetcher = open();

    assertThatThrownBy(() -> fetcher.fetch(PageCursor.first()))
        .isInstanceOfSatisfying(EndpointException.class, e -> {
          assertThat(e.errorClass()).isEqualTo(ErrorClass.MALFORMED_RESPONSE);
          assertThat(e.stats().requests()).isEqualTo(1);
        })
        .hasMessageContaining("HTTP 200 body is not valid JSON")
        .hasMessageContaining("Unexpected character");
    assertThat(transport.sent()).hasSize(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void anEmptyBodyIsRetriedLikeATruncatedOne() throws Exception {
    transport.respond(200, "").respond(200, PAGE);

    assertThat(open().fetch(PageCursor.first()).stats().retries()).isEqualTo(1);
  }

  @Test
  void timeoutsAreRetried() throws Exception {
    transport.fail(new SocketTimeoutException("read timed out")).respond(200, PAGE);

    assertThat(open().fetch(PageCursor.first()).stats().retries()).isEqualTo(1);
  }

  @Test
  void permanent401FailsAsAuthWithOneRequestAndNoSecretInTheMessage() throws Exception {
    transport.respond(401, "{\"error\":\"invalid token sekr3t-token\"}");
    PageFetcher fetcher = open();

    assertThatThrownBy(() -> fetcher.fetch(PageCursor.first()))
        .isInstanceOfSatisfying(EndpointException.class,
            e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH_FAILED))
        .hasMessageContaining("HTTP 401")
        .hasMessageNotContaining("sekr3t-token");
    assertThat(transport.sent()).hasSize(1);
  }

  @Test
  void permanent403AndMissing404FailWithTheirClass() throws Exception {
    transport.respond(403, "{\"error\":\"Forbidden\"}");
    assertThatThrownBy(() -> open().fetch(PageCursor.first())).isInstanceOfSatisfying(EndpointException.class,
        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH_FAILED));
    transport.respond(404, "{\"error\":\"RecordNotFound\"}");
    assertThatThrownBy(() -> open().fetch(PageCursor.first())).isInstanceOfSatisfying(EndpointException.class,
        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.NOT_FOUND));
    assertThat(transport.sent()).hasSize(2);
  }

  @Test
  void givesUpWhenRetryAfterWouldExceedTheBudget() throws Exception {
    transport.respond(429, Map.of("Retry-After", "3600"), "{}");

    assertThatThrownBy(() -> open().fetch(PageCursor.first()))
        .isInstanceOfSatisfying(EndpointException.class,
            e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED))
        .hasMessageContaining("retry budget");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void repeatedCursorFailsTheEndpointInsteadOfLooping() throws Exception {
    transport.respond(200, "{\"items\":[{\"id\":1}],\"next\":\"same\"}")
        .respond(200, "{\"items\":[{\"id\":2}],\"next\":\"same\"}");
    PageFetcher fetcher = open();
    Page first = fetcher.fetch(PageCursor.first());
    Page second = fetcher.fetch(first.next().orElseThrow());

    assertThatThrownBy(() -> fetcher.fetch(second.next().orElseThrow()))
        .isInstanceOfSatisfying(EndpointException.class,
            e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.PAGINATION))
        .hasMessageContaining("repeats an earlier request");
  }
}
