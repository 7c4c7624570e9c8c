package dev.ingest.sources.runtime;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.ingest.sources.spec.ConnectorLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OAuth 2.0, POST search bodies and a provider-enforced rate limit, against the sandbox over real HTTP.
 */
class SandboxProtocolsITCase {
  private static final String CONNECTOR = """
      name: sbx
      base_url: "{{ config.base_url }}"
      config:
        base_url: { required: true }
      credentials:
        client_id: { label: Client id, secret: false }
        client_secret: { label: Client secret }
        refresh_token: { label: Refresh token }
      auth:
        type: oauth2
        oauth2:
          grant: refresh_token
          token_url: "{{ config.base_url }}/oauth/token"
          client_id: "{{ credentials.client_id }}"
          client_secret: "{{ credentials.client_secret }}"
          refresh_token: "{{ credentials.refresh_token }}"
      %s
      paging: { type: page_number, page_param: page, size_param: per_page, page_size: 100, total_path: count }
      endpoints:
        tickets: { path: /api/v2/tickets, records: tickets, primary_key: [id] }
        issues:
          path: /repos/acme/widgets/issues
          records: $
          paging: { type: link_header, size_param: per_page, page_size: 100 }
        contacts:
          path: /crm/v3/objects/contacts
          records: results
          paging: { type: body_cursor, cursor_path: paging.next.after, cursor_param: after, size_param: limit,
                    page_size: 100 }
        contacts_search:
          path: /crm/v3/objects/contacts/search
          method: POST
          body:
            filterGroups: []
            sorts: [{ propertyName: createdate, direction: ASCENDING }]
          records: results
          paging: { type: body_cursor, cursor_path: paging.next.after, cursor_param: after, cursor_in: body,
                    size_param: limit, page_size: 100 }
      """;

  private SandboxApi sandbox;
  private ApacheHttpTransport transport;
  private final MemorySecrets secrets = new MemorySecrets().with("crm", Map.of("client_id", "cid",
      "client_secret", "csecret", "refresh_token", "refresh-0"));

  private void start(SandboxApi.Builder builder) {
    for (String resource : List.of("tickets", "contacts", "issues")) {
      builder.datasetSize(resource, 1_000);
    }
    sandbox = builder.oauth2("cid", "csecret", "refresh-0", Duration.ofHours(1), true).build().start();
    transport = ApacheHttpTransport.withDefaults();
  }

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
      transport.close();
    }
  }

  private PageFetcherFactory factory(String rateLimit, HttpEnvironment environment) throws Exception {
    return new ConnectorPageFetcherFactory(ConnectorLoader.parse(CONNECTOR.formatted(rateLimit), "test"),
        Map.of("base_url", sandbox.baseUrl()), "crm", secrets,
        RetryPolicy.defaults().withBaseDelay(Duration.ofMillis(5)), environment);
  }

  private static List<String> fetchAll(PageFetcherFactory factory, String endpoint, FetchStats[] stats)
      throws Exception {
    List<String> records = new ArrayList<>();
    try (PageFetcher fetcher = factory.open(FetchTarget.of(endpoint, "run"))) {
      PageCursor cursor = PageCursor.first();
      while (true) {
        Page page = fetcher.fetch(cursor);
        records.addAll(page.records());
        stats[0] = stats[0].plus(page.stats());
        if (page.isLast()) {
          return records;
        }
        cursor = page.next().orElseThrow();
      }
    }
  }

  private List<String> expected(String resource) {
    return sandbox.records(resource).stream().map(JsonBodies::write).toList();
  }

  @Test
  void oauthRefreshRotatesTheRefreshTokenIntoTheSecretStoreAndRecoversFromA401() throws Exception {
    start(SandboxApi.builder());
    PageFetcherFactory factory = factory("", new LiveEnvironment(transport));
    FetchStats[] stats = {FetchStats.NONE};

    assertThat(fetchAll(factory, "tickets", stats)).containsExactlyElementsOf(expected("tickets"));
    assertThat(sandbox.oauthTokensIssued()).isEqualTo(1);
    assertThat(secrets.read("crm").orElseThrow().get("refresh_token")).isEqualTo(sandbox.oauthRefreshToken())
        .isNotEqualTo("refresh-0");

    sandbox.expireOAuthTokens();
    sandbox.faults().next("issues", Fault.none(), Fault.status(401));
    assertThat(fetchAll(factory, "issues", stats)).containsExactlyElementsOf(expected("issues"));
    assertThat(sandbox.oauthTokensIssued()).as("one refresh after the expiry; the scripted 401 reuses it")
        .isBetween(2, 3);
    assertThat(secrets.read("crm").orElseThrow().get("refresh_token")).isEqualTo(sandbox.oauthRefreshToken());
  }

  @Test
  void searchSendsTheCursorInThePostBody() throws Exception {
    start(SandboxApi.builder());
    FetchStats[] stats = {FetchStats.NONE};

    List<String> records = fetchAll(factory("", new LiveEnvironment(transport)), "contacts_search", stats);

    assertThat(records).containsExactlyElementsOf(expected("contacts"));
    assertThat(stats[0].requests()).isEqualTo(10);
  }

  @Test
  void endpointsOfOneCredentialShareTheConfiguredRateAndStayUnderTheProvidersLimit() throws Exception {
    start(SandboxApi.builder().rateLimit(50, Duration.ofSeconds(1)));
    PageFetcherFactory factory = factory("rate_limit: { requests_per_second: 40, burst: 5 }",
        new LiveEnvironment(transport));
    List<String> endpoints = List.of("tickets", "issues", "contacts", "contacts_search");
    ExecutorService pool = Executors.newFixedThreadPool(endpoints.size());
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (String endpoint : endpoints) {
        results.add(pool.submit(() -> fetchAll(factory, endpoint, new FetchStats[] {FetchStats.NONE})));
      }
      assertThat(results.get(0).get()).containsExactlyElementsOf(expected("tickets"));
      assertThat(results.get(1).get()).containsExactlyElementsOf(expected("issues"));
      assertThat(results.get(2).get()).containsExactlyElementsOf(expected("contacts"));
      assertThat(results.get(3).get()).containsExactlyElementsOf(expected("contacts"));
    } finally {
      pool.shutdownNow();
    }
    long[] counts = sandbox.rateLimitCounts();
    assertThat(counts[0]).isGreaterThanOrEqualTo(40);
    assertThat(counts[1]).as("429s out of %d admitted requests", counts[0]).isLessThanOrEqualTo(counts[0] / 100);
  }
}
