package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.source.request.RunRequestSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Run now" inside the deployed job: a scheduled job whose enumerator polls a control plane (a real HTTP server
 * here, answering as the control API does) for run requests. An incremental append endpoint gains records between
 * runs; scheduled runs and requested runs interleave, one requested run is hit by a task failure and restored from
 * a checkpoint, and the table read back with Iceberg's reader holds every record exactly once.
 */
class RunRequestsITCase {
  private static final String TOKEN = "rr_orders_token_0123456789abcdef";
  private static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");
  private static final AtomicBoolean FAIL_NEXT_FETCH = new AtomicBoolean();
  private static final AtomicInteger INJECTED = new AtomicInteger();

  @TempDir Path dir;
  private SandboxApi sandbox;
  private PipelineFixture fixture;
  private IncrementalItems api;
  private ControlPlane control;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxApi.builder().port(0).build().start();
    fixture = new PipelineFixture(dir, sandbox);
    api = new IncrementalItems();
    control = new ControlPlane();
    FAIL_NEXT_FETCH.set(false);
    INJECTED.set(0);
  }

  @AfterEach
  void stop() {
    api.close();
    control.close();
    sandbox.close();
  }

  @Test
  void scheduledAndRequestedRunsInterleavedLandEveryRecordOnce() throws Exception {
    PipelineSpec pipeline = fixture.load(pipelineYaml());
    fixture.secrets().open().write(RunRequestSettings.tokenSecretFor(pipeline.name()), Map.of("token", TOKEN));
    Path checkpoints = fixture.home().checkpoints(pipeline.name());
    Files.createDirectories(checkpoints);
    Configuration conf = JobConfiguration.forPipeline(pipeline, checkpoints, "hashmap");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
    env.setParallelism(1);
    RunRequestSettings requests = new RunRequestSettings(URI.create(control.url()),
        RunRequestSettings.tokenSecretFor(pipeline.name()), fixture.secrets(), Duration.ofMillis(200),
        Duration.ofSeconds(1));
    new PipelineCompiler(Catalogs.loader(pipeline.destination()),
        FetcherFactories.forPipeline(pipeline, fixture.secrets()))
        .compile(env, pipeline, CompileOptions.scheduled().withFetcherDecorator(FailArmed::new)
            .withRunRequests(requests));

    api.add(30);
    JobClient job = env.executeAsync("run-requests");
    try {
      awaitRows(pipeline, 30); // the first scheduled run (every 6 s)
      api.add(20);
      control.request(1);
      awaitStarted(1);
      awaitRows(pipeline, 50);
      api.add(15);
      control.request(2);
      control.request(3); // two requests at once: queued or coalesced, one run or two, never a repeat
      awaitStarted(3);
      awaitRows(pipeline, 65);
      api.add(10);
      awaitRows(pipeline, 75); // a scheduled run
      api.add(10);
      FAIL_NEXT_FETCH.set(true); // the requested run's first fetch fails the task: restore between request and run
      control.request(4);
      await().atMost(Duration.ofSeconds(60)).until(() -> INJECTED.get() == 1);
      awaitStarted(4);
      awaitRows(pipeline, 85);
      String lastRequested = control.latestRun();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
          .until(() -> succeededRuns(pipeline).contains(lastRequested));
    } finally {
      job.cancel().get();
      job.getJobExecutionResult().handle((result, cancelled) -> null).get(60, TimeUnit.SECONDS);
    }

    List<Record> rows = fixture.rows(pipeline, "items");
    List<Long> ids = rows.stream().map(r -> (Long) r.getField("id")).sorted().toList();
    assertThat(ids).as("every record exactly once").containsExactlyElementsOf(
        LongStream.rangeClosed(1, 85).boxed().toList());
    Set<String> runsWithRows = rows.stream().map(r -> (String) r.getField("_ingest_run_id"))
        .collect(Collectors.toSet());
    Set<String> succeeded = succeededRuns(pipeline);
    assertThat(succeeded).as("every run that landed rows succeeded").containsAll(runsWithRows);
    assertThat(control.startedRuns()).as("requests 1-4 got at least two runs of their own").hasSizeGreaterThan(1);
    assertThat(control.reports.get(control.reports.size() - 1)).containsEntry("after", "4").containsEntry("started", "4");
    assertThat(INJECTED.get()).isEqualTo(1);
    assertThat(control.unauthorized.get()).isZero();
  }

  private Set<String> succeededRuns(PipelineSpec pipeline) throws Exception {
    fixture.table(pipeline, "_ingest_runs").refresh();
    return fixture.rows(pipeline, "_ingest_runs").stream()
        .filter(r -> "SUCCEEDED".equals(r.getField("status")))
        .map(r -> (String) r.getField("run_id")).collect(Collectors.toSet());
  }

  private void awaitRows(PipelineSpec pipeline, int count) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
        .until(() -> rowCount(pipeline) == count);
  }

  private void awaitStarted(long requestId) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> control.startedThrough() >= requestId);
  }

  private long rowCount(PipelineSpec pipeline) throws Exception {
    if (!fixture.catalog(pipeline).tableExists(
        org.apache.iceberg.catalog.TableIdentifier.of(pipeline.name(), "items"))) {
      return 0;
    }
    return fixture.rows(pipeline, "items").size();
  }

  private String pipelineYaml() throws IOException {
    Path connector = dir.resolve("incremental-items.yaml");
    Files.writeString(connector, """
        name: incremental_items
        base_url: "{{ config.base_url }}"
        config:
          base_url: { required: true }
        endpoints:
          items:
            path: /items
            records: items
            primary_key: [id]
            paging: { type: page_number, page_param: page, size_param: per_page, page_size: 7, start_page: 1, stop: empty_page }
            incremental: { cursor_field: updated_at, param: updated_after }
            schema:
              type: object
              properties:
                id: { type: integer }
                updated_at: { type: string, format: date-time }
        """, StandardCharsets.UTF_8);
    return """
        name: requested
        connector_file: %s
        config:
          base_url: %s
        endpoints: [{ name: items, write_mode: append }]
        schedule: "*/6 * * * * *"
        runtime: {parallelism: 1, checkpoint_interval: 300ms}
        """.formatted(connector, api.url());
  }

  /** Fails the next fetch once when armed (a task failure); otherwise the real fetcher. */
  private static final class FailArmed implements PageFetcherFactory {
    private static final long serialVersionUID = 1L;
    private final PageFetcherFactory delegate;

    FailArmed(PageFetcherFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean hasParent(String endpoint) {
      return delegate.hasParent(endpoint);
    }

    @Override
    public OptionalInt parentPageLimit(String endpoint) {
      return delegate.parentPageLimit(endpoint);
    }

    @Override
    public PageFetcher open(FetchTarget target) throws EndpointException {
      PageFetcher fetcher = delegate.open(target);
      return new PageFetcher() {
        @Override
        public Page fetch(PageCursor cursor) throws EndpointException, InterruptedException {
          if (FAIL_NEXT_FETCH.compareAndSet(true, false)) {
            INJECTED.incrementAndGet();
            throw new IllegalStateException("injected task failure at cursor " + cursor.encode());
          }
          return fetcher.fetch(cursor);
        }

        @Override
        public void close() {
          fetcher.close();
        }
      };
    }
  }

  /** An incremental API: {@code GET /items?updated_after=T&page=N&per_page=S}, records with updated_at > T. */
  private static final class IncrementalItems implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger size = new AtomicInteger();

    IncrementalItems() throws IOException {
      server = loopbackServer("/items", this::items);
    }

    void add(int count) {
      size.addAndGet(count);
    }

    String url() {
      return urlOf(server);
    }

    private void items(HttpExchange exchange) throws IOException {
      try (exchange) {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Instant after = query.containsKey("updated_after") ? Instant.parse(query.get("updated_after")) : null;
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "7"));
        List<String> visible = new ArrayList<>();
        for (long id = 1; id <= size.get(); id++) {
          Instant updated = BASE.plusSeconds(id);
          if (after == null || updated.isAfter(after)) {
            visible.add("{\"id\":" + id + ",\"updated_at\":\"" + updated + "\"}");
          }
        }
        int from = Math.min(visible.size(), (page - 1) * perPage);
        byte[] body = ("{\"items\":[" + String.join(",", visible.subList(from,
            Math.min(visible.size(), from + perPage))) + "]}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** The control plane's run-request route: lists requests above {@code after}, records what the job reports. */
  private static final class ControlPlane implements AutoCloseable {
    private final HttpServer server;
    private final List<Long> requests = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> reports = new CopyOnWriteArrayList<>();
    private final AtomicInteger unauthorized = new AtomicInteger();

    ControlPlane() throws IOException {
      server = loopbackServer("/api/pipelines/requested/run-requests", this::poll);
    }

    void request(long id) {
      requests.add(id);
    }

    String url() {
      return urlOf(server);
    }

    long startedThrough() {
      return reports.stream().mapToLong(r -> Long.parseLong(r.get("started"))).max().orElse(0);
    }

    /** The run the latest report names. */
    String latestRun() {
      return reports.get(reports.size() - 1).get("run");
    }

    Set<String> startedRuns() {
      return reports.stream().map(r -> r.get("run")).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    }

    private void poll(HttpExchange exchange) throws IOException {
      try (exchange) {
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
          unauthorized.incrementAndGet();
          exchange.sendResponseHeaders(401, -1);
          return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        reports.add(query);
        long after = Long.parseLong(query.get("after"));
        String ids = requests.stream().filter(id -> id > after)
            .map(id -> "{\"id\":" + id + "}").collect(Collectors.joining(","));
        byte[] body = ("{\"requests\":[" + ids + "]}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private static HttpServer loopbackServer(String path, com.sun.net.httpserver.HttpHandler handler)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(path, handler);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    return server;
  }

  private static String urlOf(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new java.util.HashMap<>();
    if (raw != null) {
      for (String part : raw.split("&")) {
        String[] kv = part.split("=", 2);
        values.put(kv[0], kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return values;
  }
}
