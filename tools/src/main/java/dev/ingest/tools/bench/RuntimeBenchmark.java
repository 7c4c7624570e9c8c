package dev.ingest.tools.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.records.JsonBodies;
import dev.ingest.sources.retry.Sleeper;
import dev.ingest.sources.runtime.ConnectorPageFetcherFactory;
import dev.ingest.sources.spec.ConnectorLoader;
import dev.ingest.sources.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The runtime benchmark of issue 3, against the sandbox on loopback (a command, not a test):
 *
 * <ul>
 *   <li>{@code rate_limit_utilisation}: 10 endpoints on one credential against a sandbox that enforces and
 *       advertises {@code limit} requests per one-second window; requests per second achieved ÷ the limit. The connector declares a rate 3 % under the provider's limit and no burst, the usual way to leave
 *       the provider's bucket room for network jitter.
 *   <li>{@code throttled_ratio}: 429 answers ÷ requests in that window (after a 2-second warm-up).
 *   <li>{@code parallel_page_speedup}: one page-number endpoint of {@code pages} pages at {@code latency} per
 *       request, fetched one page at a time and then with {@code paging.parallel: 8}; sequential time ÷ parallel
 *       time.
 * </ul>
 * Usage: {@code RuntimeBenchmark --out FILE [--limit 50] [--seconds 10] [--pages 1000] [--latency-ms 100]}.
 */
public final class RuntimeBenchmark {
  private static final int ENDPOINTS = 10;
  private static final Duration WARM_UP = Duration.ofSeconds(2);

  private RuntimeBenchmark() {}

  /** The options; every one has a default. */
  public record Options(double limit, Duration duration, int pages, Duration latency, int parallel) {
    public static Options defaults() {
      return new Options(50, Duration.ofSeconds(10), 1_000, Duration.ofMillis(100), 8);
    }
  }

  /** Runs both measurements; returns the JSON report. */
  public static ObjectNode run(Options options) throws Exception {
    ObjectNode report = JsonBodies.mapper().createObjectNode();
    rateLimit(options, report);
    parallelPages(options, report);
    return report;
  }

  private static void rateLimit(Options options, ObjectNode report) throws Exception {
    SandboxApi.Builder builder = SandboxApi.builder().rateLimit((int) options.limit(), Duration.ofSeconds(1))
        .maxPageSize(10);
    for (String resource : List.of("tickets", "contacts", "issues", "events")) {
      builder.datasetSize(resource, 1_000_000);
    }
    try (SandboxApi sandbox = builder.build().start()) {
      StringBuilder yaml = new StringBuilder("""
          name: bench
          base_url: "{{ config.base_url }}"
          config: { base_url: { required: true } }
          rate_limit: { requests_per_second: %s, burst: 1 }
          endpoints:
          """.formatted(options.limit() * 0.97));
      for (int i = 0; i < ENDPOINTS; i++) {
        yaml.append("""
              e%d:
                path: /api/v2/tickets
                records: tickets
                paging: { type: page_number, page_param: page, size_param: per_page, page_size: 10, start_page: %d }
            """.formatted(i, 1 + i * 10_000));
      }
      PageFetcherFactory factory = factory(yaml.toString(), sandbox);
      long deadline = System.nanoTime() + WARM_UP.toNanos() + options.duration().toNanos();
      ExecutorService pool = Executors.newFixedThreadPool(ENDPOINTS);
      List<FetchStats> stats;
      long[] before;
      long[] after;
      double seconds;
      try {
        List<Future<FetchStats>> running = new ArrayList<>();
        for (int i = 0; i < ENDPOINTS; i++) {
          String endpoint = "e" + i;
          running.add(pool.submit(() -> drain(factory, endpoint, deadline, Integer.MAX_VALUE)));
        }
        Sleeper.system().sleep(WARM_UP); // connections, JIT: not part of the measured window
        before = sandbox.rateLimitCounts();
        long from = System.nanoTime();
        Sleeper.system().sleep(options.duration());
        after = sandbox.rateLimitCounts();
        seconds = (System.nanoTime() - from) / 1e9;
        stats = results(running);
      } finally {
        pool.shutdownNow();
      }
      long admitted = after[0] - before[0];
      long requests = admitted + after[1] - before[1];
      report.put("rate_limit_per_second", options.limit());
      report.put("rate_limit_requests", requests);
      report.put("rate_limit_seconds", round(seconds));
      report.put("rate_limit_achieved_per_second", round(admitted / seconds));
      report.put("rate_limit_utilisation", round(admitted / seconds / options.limit()));
      report.put("throttled_ratio", round(requests == 0 ? 0 : (double) (after[1] - before[1]) / requests));
      report.put("client_waited_millis", stats.stream().mapToLong(FetchStats::waitedMillis).sum());
    }
  }

  private static void parallelPages(Options options, ObjectNode report) throws Exception {
    try (SandboxApi sandbox = SandboxApi.builder().latency(options.latency()).maxPageSize(10)
        .datasetSize("tickets", options.pages() * 10).build().start()) {
      String yaml = """
          name: bench_pages
          base_url: "{{ config.base_url }}"
          config: { base_url: { required: true } }
          endpoints:
            sequential:
              path: /api/v2/tickets
              records: tickets
              paging: { type: page_number, page_param: page, size_param: per_page, page_size: 10, total_path: count }
            parallel:
              path: /api/v2/tickets
              records: tickets
              paging: { type: page_number, page_param: page, size_param: per_page, page_size: 10, total_path: count,
                        parallel: %d }
          """.formatted(options.parallel());
      PageFetcherFactory factory = factory(yaml, sandbox);
      long forever = Long.MAX_VALUE;
      long t0 = System.nanoTime();
      FetchStats sequential = drain(factory, "sequential", forever, options.pages() + 1);
      long t1 = System.nanoTime();
      FetchStats parallel = drain(factory, "parallel", forever, options.pages() + 1);
      long t2 = System.nanoTime();
      report.put("parallel_pages", options.pages());
      report.put("parallel_latency_ms", options.latency().toMillis());
      report.put("parallel_ways", options.parallel());
      report.put("sequential_seconds", round((t1 - t0) / 1e9));
      report.put("parallel_seconds", round((t2 - t1) / 1e9));
      report.put("parallel_page_speedup", round((double) (t1 - t0) / (t2 - t1)));
      report.put("pages_requests", sequential.requests() + parallel.requests());
    }
  }

  private static PageFetcherFactory factory(String yaml, SandboxApi sandbox) throws SpecException {
    return new ConnectorPageFetcherFactory(ConnectorLoader.parse(yaml, "bench"),
        Map.of("base_url", sandbox.baseUrl()), null, null);
  }

  /** Fetches pages of {@code endpoint} until the last one, {@code maxPages}, or {@code deadline} (nanoTime). */
  private static FetchStats drain(PageFetcherFactory factory, String endpoint, long deadline, int maxPages)
      throws EndpointException, InterruptedException {
    FetchStats total = FetchStats.NONE;
    try (PageFetcher fetcher = factory.open(FetchTarget.of(endpoint, "bench"))) {
      PageCursor cursor = PageCursor.first();
      for (int i = 0; i < maxPages && System.nanoTime() < deadline; i++) {
        Page page = fetcher.fetch(cursor);
        total = total.plus(page.stats());
        if (page.isLast()) {
          break;
        }
        cursor = page.next().orElseThrow();
      }
    }
    return total;
  }

  private static List<FetchStats> results(List<Future<FetchStats>> futures) throws Exception {
    List<FetchStats> results = new ArrayList<>();
    for (Future<FetchStats> future : futures) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }
    return results;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  /** Runs the benchmark and writes the JSON report to {@code --out} (and stdout). */
  public static void main(String[] args) throws Exception {
    Path out = null;
    Options o = Options.defaults();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--out" -> out = Path.of(require(value, "--out"));
        case "--limit" -> o = new Options(Double.parseDouble(require(value, "--limit")), o.duration(), o.pages(),
            o.latency(), o.parallel());
        case "--seconds" -> o = new Options(o.limit(), Duration.ofSeconds(Long.parseLong(require(value, "--seconds"))),
            o.pages(), o.latency(), o.parallel());
        case "--pages" -> o = new Options(o.limit(), o.duration(), Integer.parseInt(require(value, "--pages")),
            o.latency(), o.parallel());
        case "--latency-ms" -> o = new Options(o.limit(), o.duration(), o.pages(),
            Duration.ofMillis(Long.parseLong(require(value, "--latency-ms"))), o.parallel());
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (expected --out, --limit, --seconds, --pages, --latency-ms)");
      }
      i++;
    }
    String json = JsonBodies.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(run(o));
    System.out.println(json);
    if (out != null) {
      Files.writeString(out, json + "\n");
    }
  }

  private static String require(String value, String option) throws IOException {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
