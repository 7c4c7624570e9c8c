package dev.ingest.tools.chaos;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.NetworkSettings;
import dev.ingest.jobs.SecretSettings;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sandbox.Fault;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.ConnectorPageFetcherFactory;
import dev.ingest.sources.runtime.HttpEnvironment;
import dev.ingest.sandbox.Fault;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.spec.ConnectorCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * A fault storm through the whole pipeline: the sandbox API answers a seeded random share of all requests with a
 * fault — 500, 502 with a proxy's HTML page, 503, 429 with and without {@code Retry-After}, a connection reset, a
 * body cut in half, a response slower than the request timeout, a slow page — while a real local run
 * ({@code LocalPipelineRunner}: MiniCluster, Iceberg) lands three endpoints (page numbers, body cursor, Link
 * header). Then every table is audited by primary key against what the sandbox serves.
 *
 * <p>The runtime is the production one (retry loop, classification, rate limiter, paginators) with two settings
 * shortened so a storm fits a test: the request timeout ({@link Settings#requestTimeout}) and the retry policy
 * ({@link Settings#retryPolicy}: more attempts than the default six, because at a 25 % fault rate six failures in
 * a row happen once in about 4,000 requests, and shorter backoff).
 */
public final class FaultStorm {
  private static final String TOKEN = "storm-token";
  private static final String SECRET = "storm-sandbox";
  private static final List<String> ENDPOINTS = List.of("tickets", "contacts", "issues");

  /**
   * @param records records per endpoint
   * @param pageSize the sandbox's page size (smaller pages: more requests per record)
   * @param rate the share of requests that get a fault
   * @param seed the storm's random seed
   * @param requestTimeout the client's request timeout; the "timeout" fault stalls for longer than this
   * @param slowPage how long a slow page takes (under the timeout)
   * @param retryPolicy how the runtime retries
   */
  public record Settings(int records, int pageSize, double rate, long seed, Duration requestTimeout,
      Duration slowPage, RetryPolicy retryPolicy) {
    /** 25 % faults, 1 s request timeout, 300 ms slow pages, 12 attempts from 50 ms backoff up to 1 s. */
    public static Settings defaults(int records, long seed) {
      return new Settings(records, 100, 0.25, seed, Duration.ofSeconds(1), Duration.ofMillis(300),
          RetryPolicy.defaults().withMaxAttempts(12).withBaseDelay(Duration.ofMillis(50))
              .withMaxDelay(Duration.ofSeconds(1)).withTotalBudget(Duration.ofMinutes(2)));
    }

    public Settings withPageSize(int size) {
      return new Settings(records, size, rate, seed, requestTimeout, slowPage, retryPolicy);
    }

    public Settings withTimeouts(Duration request, Duration slow) {
      return new Settings(records, pageSize, rate, seed, request, slow, retryPolicy);
    }

    public Settings withRate(double r) {
      return new Settings(records, pageSize, r, seed, requestTimeout, slowPage, retryPolicy);
    }
  }

  private final Path work;
  private final Settings settings;

  public FaultStorm(Path work, Settings settings) {
    this.work = work;
    this.settings = settings;
  }

  /** The storm's fault mix. */
  List<Fault> mix() {
    Duration stall = settings.requestTimeout().plus(settings.requestTimeout().dividedBy(2));
    return List.of(Fault.status(500), Fault.status(502).htmlBody(), Fault.status(503), Fault.status(429),
        Fault.status(429).retryAfterSeconds(1), Fault.reset(), Fault.truncate(), Fault.delay(stall),
        Fault.delay(settings.slowPage()));
  }

  /**
   * Runs the storm once; the figures: {@code requests} (as the sandbox counted them), {@code faults} by kind,
   * {@code client_requests}, {@code pages}, {@code retries}, {@code records}, {@code duplicates}, {@code missing},
   * {@code unexpected}, the endpoints' outcomes and the tables' audits.
   */
  public Map<String, Object> run() throws Exception {
    IngestHome home = new IngestHome(work);
    SecretSettings.provider(home).open().write(SECRET, Map.of("token", TOKEN));
    SandboxApi.Builder builder = SandboxApi.builder().port(0).requireBearerToken(TOKEN)
        .maxPageSize(settings.pageSize());
    ENDPOINTS.forEach(e -> builder.datasetSize(e, settings.records()));
    try (SandboxApi sandbox = builder.build().start()) {
      Files.createDirectories(home.root());
      Path file = home.root().resolve("storm.yaml");
      Files.writeString(file, yaml(sandbox.baseUrl()));
      PipelineSpec pipeline = new PipelineLoader(home.specDefaults(
          NetworkSettings.policy(home).allowingBaseUrl(sandbox.baseUrl()))).load(file);
      sandbox.faults().randomly(settings.rate(), settings.seed(), mix().toArray(Fault[]::new));
      long start = System.nanoTime();
      RunReport report = new LocalPipelineRunner(home, SecretSettings.provider(home)).progress(false)
          .decorateFetchers(f -> ((ConnectorPageFetcherFactory) f).withRuntime(settings.retryPolicy(),
              HttpEnvironment.withTimeouts(ApacheHttpTransport.DEFAULT_CONNECT_TIMEOUT, settings.requestTimeout())))
          .runOnce(pipeline);
      long seconds = Math.round((System.nanoTime() - start) / 1e9);
      Map<String, Integer> faults = sandbox.faults().appliedByFault();
      int requests = sandbox.requestCount();
      sandbox.faults().clear();

      Catalog catalog = Catalogs.open(pipeline.destination());
      List<TableAudit> audits = new ArrayList<>();
      for (String endpoint : ENDPOINTS) {
        List<String> served = sandbox.records(endpoint).stream().map(n -> n.get("id").asText()).toList();
        audits.add(TableAudit.of(catalog.loadTable(TableIdentifier.of(pipeline.name(), endpoint)), "id", served));
      }
      return figures(report, requests, faults, audits, seconds);
    }
  }

  private Map<String, Object> figures(RunReport report, int requests, Map<String, Integer> faults,
      List<TableAudit> audits, long seconds) {
    long clientRequests = report.endpoints().stream().mapToLong(RunReport.EndpointResult::requests).sum();
    long pages = report.endpoints().stream().mapToLong(RunReport.EndpointResult::pages).sum();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("seed", settings.seed());
    out.put("rate", settings.rate());
    out.put("records_per_endpoint", settings.records());
    out.put("page_size", settings.pageSize());
    out.put("seconds", seconds);
    out.put("requests", requests);
    out.put("faults_injected", faults.values().stream().mapToInt(Integer::intValue).sum());
    out.put("faults", faults);
    out.put("client_requests", clientRequests);
    out.put("pages", pages);
    out.put("retries", clientRequests - pages);
    out.put("records", audits.stream().mapToLong(TableAudit::rows).sum());
    out.put("duplicates", audits.stream().mapToLong(TableAudit::duplicates).sum());
    out.put("missing", audits.stream().mapToLong(TableAudit::missing).sum());
    out.put("unexpected", audits.stream().mapToLong(TableAudit::unexpected).sum());
    out.put("endpoints", report.endpoints());
    out.put("tables", audits);
    return out;
  }

  private String yaml(String baseUrl) {
    return """
        name: storm
        connector: sandbox
        config: {base_url: "%s"}
        credentials: {secret: %s}
        endpoints: [%s]
        write_mode: append
        schedule: "0 * * * *"
        runtime: {parallelism: 2, checkpoint_interval: 1s}
        """.formatted(baseUrl, SECRET, String.join(", ", ENDPOINTS));
  }
}
