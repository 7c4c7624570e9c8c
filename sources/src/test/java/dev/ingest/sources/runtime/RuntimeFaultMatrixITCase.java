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
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.sources.records.JsonBodies;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sandbox.Fault;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.spec.ConnectorCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix of issue 3 against the sandbox, over real HTTP: every fault either lands exactly the fake's
 * records or fails the endpoint with the right error class. Backoff is shortened so the matrix runs in seconds.
 */
class RuntimeFaultMatrixITCase {
  private static final List<String> ENDPOINTS = List.of("tickets", "contacts", "issues", "events");
  private static final RetryPolicy FAST = AllPages.FAST;

  private SandboxApi sandbox;
  private ApacheHttpTransport transport;

  @BeforeEach
  void start() {
    SandboxApi.Builder builder = SandboxApi.builder();
    ENDPOINTS.forEach(resource -> builder.datasetSize(resource, 430));
    sandbox = builder.build().start();
    transport = new ApacheHttpTransport(Duration.ofSeconds(2), Duration.ofMillis(500));
  }

  @AfterEach
  void stop() {
    sandbox.close();
    transport.close();
  }

  private PageFetcherFactory factory() {
    return new ConnectorPageFetcherFactory(ConnectorCatalog.builtIn().find("sandbox").orElseThrow(),
        Map.of("base_url", sandbox.baseUrl()), "demo", new MemorySecrets().with("demo", Map.of("token", "t0ken")),
        FAST, new LiveEnvironment(transport));
  }

  private AllPages fetchAll(String endpoint) throws Exception {
    return AllPages.fetch(factory(), endpoint);
  }

  private List<String> expected(String resource) {
    return sandbox.records(resource).stream().map(JsonBodies::write).toList();
  }

  static Stream<Arguments> recoverableFaults() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (String endpoint : ENDPOINTS) {
      cases.add(Arguments.of(endpoint, "5xx burst",
          new Fault[] {Fault.status(500), Fault.status(503), Fault.status(502), Fault.status(504)}));
      cases.add(Arguments.of(endpoint, "429 with Retry-After", new Fault[] {Fault.status(429).retryAfterSeconds(1)}));
      cases.add(Arguments.of(endpoint, "429 without Retry-After", new Fault[] {Fault.status(429)}));
      cases.add(Arguments.of(endpoint, "rate headers at zero", new Fault[] {Fault.rateHeaders(0, 1)}));
      cases.add(Arguments.of(endpoint, "timeout", new Fault[] {Fault.delay(Duration.ofMillis(1500))}));
      cases.add(Arguments.of(endpoint, "connection reset", new Fault[] {Fault.reset()}));
      cases.add(Arguments.of(endpoint, "truncated JSON", new Fault[] {Fault.truncate()}));
      cases.add(Arguments.of(endpoint, "HTML 502", new Fault[] {Fault.status(502).htmlBody()}));
      cases.add(Arguments.of(endpoint, "empty page mid-stream", new Fault[] {Fault.emptyPage()}));
    }
    return cases.build();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("recoverableFaults")
  void landsExactlyTheFakesRecordsDespite(String endpoint, String fault, Fault[] faults) throws Exception {
    Fault[] midStream = Stream.concat(Stream.of(Fault.none(), Fault.none()), Stream.of(faults)).toArray(Fault[]::new);
    sandbox.faults().next(endpoint, midStream);

    AllPages fetched = fetchAll(endpoint);

    assertThat(fetched.records()).as(fault).containsExactlyElementsOf(expected(endpoint));
    assertThat(sandbox.faults().pending()).isZero();
  }

  @Test
  void rateLimitsAreCountedAsThrottled() throws Exception {
    sandbox.faults().next("contacts", Fault.none(), Fault.status(429), Fault.status(429).retryAfterSeconds(0));

    AllPages fetched = fetchAll("contacts");

    assertThat(fetched.stats().throttled()).isEqualTo(2);
    assertThat(fetched.stats().retries()).isEqualTo(2);
  }

  @Test
  void aRepeatedCursorFailsTheEndpointAsPagination() {
    for (String endpoint : List.of("contacts", "issues")) {
      sandbox.faults().next(endpoint, Fault.none(), Fault.repeatCursor());
      assertThatThrownBy(() -> fetchAll(endpoint)).isInstanceOfSatisfying(EndpointException.class,
          e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.PAGINATION));
    }
  }

  @Test
  void permanentAuthAndMissingEndpointFailWithTheirClassAndFewRequests() {
    sandbox.faults().always("tickets", Fault.status(401)).always("contacts", Fault.status(403))
        .always("issues", Fault.status(404));

    assertThatThrownBy(() -> fetchAll("tickets")).isInstanceOfSatisfying(EndpointException.class,
        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH_FAILED));
    assertThatThrownBy(() -> fetchAll("contacts")).isInstanceOfSatisfying(EndpointException.class,
        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH_FAILED));
    assertThatThrownBy(() -> fetchAll("issues")).isInstanceOfSatisfying(EndpointException.class,
        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.NOT_FOUND));
    assertThat(sandbox.requestCount()).isEqualTo(3);
  }

  @Test
  void serverErrorsBeyondTheRetryBudgetFailAsServerError() {
    sandbox.faults().always("events", Fault.status(503));

    assertThatThrownBy(() -> fetchAll("events")).isInstanceOfSatisfying(EndpointException.class, e -> {
      assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
      assertThat(e.stats().requests()).isEqualTo(FAST.maxAttempts());
    });
  }

  @Test
  void faultStormStillFetchesExactlyTheDataset() throws Exception {
    sandbox.faults().randomly(0.3, 20261124L, Fault.status(500), Fault.status(503), Fault.status(502).htmlBody(),
        Fault.status(429).retryAfterSeconds(0), Fault.status(429), Fault.reset(), Fault.truncate(),
        Fault.emptyPage(), Fault.rateHeaders(0, 0));

    for (String endpoint : ENDPOINTS) {
      AllPages fetched = fetchAll(endpoint);
      assertThat(fetched.records()).as(endpoint).containsExactlyElementsOf(expected(endpoint));
    }
    assertThat(sandbox.faults().appliedCount()).isGreaterThan(5);
  }
}
