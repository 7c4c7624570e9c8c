package dev.ingest.tools.bench;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.NetworkSettings;
import dev.ingest.jobs.compile.CompileOptions;
import dev.ingest.jobs.compile.FetcherFactories;
import dev.ingest.jobs.compile.JobConfiguration;
import dev.ingest.jobs.compile.PipelineCompiler;
import dev.ingest.jobs.compile.TablePlanner;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.tools.bench.BenchRun.Measured;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.sources.secret.LocalFileSecretStore;
import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * {@code ./ingest bench e2e}: records of about 1 KB ({@link BenchRecords}), 100 per page, rendered once into a page
 * file before any timing and served from loopback by a minimal server ({@link PageServer}, its own threads, pages
 * outside the Java heap), read two ways in the same run:
 *
 * <ul>
 *   <li>the ceiling ({@link CeilingLoop}): the best sequential single-thread loop, after JIT warm-up passes repeated
 *       until compilation takes under 5 % of a pass;
 *   <li>the real pipeline (FLIP-27 source, parse operator, Iceberg FlinkSink with checkpoint commits) on a local
 *       MiniCluster, at each parallelism asked for.
 * </ul>
 *
 * <p>Plain JSON by default; with gzip, both are measured again against gzipped pages as separate figures. Every run
 * checks its table holds exactly the served ids. CPU time per record is reported by thread group
 * ({@link ThreadCpuMeter}) with the machine's load average, so a pipeline above the ceiling shows where the overlap
 * came from. Then, if asked, memory against run size and the cost of idle pipelines (against the sandbox API).
 */
public final class E2eBenchmark {
  private static final String TOKEN = "bench-token";
  private static final String SECRET = "bench-sandbox";
  private static final String ENDPOINT = "events";
  private static final int PAGE_SIZE = 100;
  private static final double WARM_JIT_FRACTION = 0.05;
  private static final int MAX_WARMUP_PASSES = 40;

  /** What to measure; the defaults are the sizes. */
  public record Settings(
      long records, List<Integer> parallelisms, boolean gzip, long warmupRecords, long heapSmall, long heapLarge,
      int idlePipelines, Duration idleWindow, Duration checkpointInterval) {
    public Settings {
      if (records < PAGE_SIZE || records % PAGE_SIZE != 0) {
        throw new IllegalArgumentException("records: expected a positive multiple of " + PAGE_SIZE + ", got "
            + records);
      }
      if (parallelisms.isEmpty() || parallelisms.stream().anyMatch(p -> p < 1)) {
        throw new IllegalArgumentException("parallelism: expected one or more values >= 1, got " + parallelisms);
      }
    }

    public static Settings defaults() {
      return new Settings(1_000_000, List.of(1, 2), true, 100_000, 1_000_000, 10_000_000, 8,
          Duration.ofSeconds(10), Duration.ofSeconds(2));
    }
  }

  private final Path work;
  private final Settings settings;
  private final PrintStream log;
  private final List<String> verified = new ArrayList<>();
  private int rounds = 1;

  /**
   * Measures every parallelism {@code rounds} times, interleaved (p1, p2, p1, p2, ...), and reports the median
   * round's figures with each round's rate and the best; default 1. The gzip figure is measured once.
   */
  public E2eBenchmark rounds(int rounds) {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds: expected at least 1, got " + rounds);
    }
    this.rounds = rounds;
    return this;
  }

  public E2eBenchmark(Path work, Settings settings, PrintStream log) {
    this.work = work;
    this.settings = settings;
    this.log = log;
  }

  /** Runs every measurement and returns the figures by name (numbers, plus a few descriptive strings). */
  public Map<String, Object> run() throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("machine_cores", Runtime.getRuntime().availableProcessors());
    figures.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    figures.put("java", System.getProperty("java.version"));
    figures.put("load_average_start", LoadAverage.read());
    figures.put("records", settings.records());
    figures.put("page_size", PAGE_SIZE);
    figures.put("checkpoint_interval_ms", settings.checkpointInterval().toMillis());
    IngestHome home = new IngestHome(work);
    new LocalFileSecretStore(home.secretsFile()).write(SECRET, Map.of("token", TOKEN));
    SecretStoreProvider secrets = new LocalFileSecretStoreProvider(home.secretsFile().toString());

    log.printf("rendering %,d records (%,d pages)%s...%n", settings.records(), settings.records() / PAGE_SIZE,
        settings.gzip() ? ", plain and gzipped" : "");
    long renderStart = System.nanoTime();
    try (PageFile pages = PageFile.render(work.resolve("pages"), settings.records(), PAGE_SIZE, settings.gzip())) {
      figures.put("render_seconds", BenchRun.round((System.nanoTime() - renderStart) / 1e9));
      figures.put("record_json_bytes", BenchRun.round(pages.recordJsonBytes()));
      figures.put("page_file_mb", pages.plain().size() >> 20);
      if (pages.gzip() != null) {
        figures.put("page_file_gzip_mb", pages.gzip().size() >> 20);
      }
      measureThroughput(figures, home, secrets, pages, false, "");
      if (settings.gzip()) {
        measureThroughput(figures, home, secrets, pages, true, "gzip_");
      }
    }
    figures.put("verified_tables", List.copyOf(verified));

    if (settings.heapLarge() > 0) {
      long small = peakLiveHeap(home, secrets, "bench_heap_small", settings.heapSmall());
      long large = peakLiveHeap(home, secrets, "bench_heap_large", settings.heapLarge());
      figures.put("heap_small_records", settings.heapSmall());
      figures.put("heap_large_records", settings.heapLarge());
      figures.put("peak_live_heap_mb_small", small >> 20);
      figures.put("peak_live_heap_mb_large", large >> 20);
      figures.put("heap_ratio_10m_vs_1m", BenchRun.round3((double) large / small));
      log.printf("heap: peak live %d MB (%,d records) vs %d MB (%,d records): ratio %.3f%n", large >> 20,
          settings.heapLarge(), small >> 20, settings.heapSmall(), (double) large / small);
    }
    if (settings.idlePipelines() > 0) {
      try (SandboxApi sandbox = sandbox(100)) {
        figures.putAll(idleCost(home, secrets, sandbox));
      }
    }
    figures.put("load_average_end", LoadAverage.read());
    return figures;
  }

  /**
   * The ceiling and every pipeline run against one server; figures named {@code prefix...}. With gzip only the
   * first parallelism runs the pipeline (gzip is the extra figure, not the headline).
   */
  private void measureThroughput(Map<String, Object> figures, IngestHome home, SecretStoreProvider secrets,
      PageFile pages, boolean gzip, String prefix) throws Exception {
    try (PageServer server = new PageServer(pages, TOKEN, gzip, 0)) {
      String baseUrl = server.baseUrl();
      CeilingLoop.Result ceiling = ceiling(figures, home, secrets, baseUrl, gzip, prefix, server);
      if (!gzip) {
        // as many records as the ceiling's warm-up passes read, up to one run's size
        long passes = ((Number) figures.get("ceiling_warmup_passes")).longValue();
        long volume = Math.min(settings.records(), passes * Math.min(settings.warmupRecords(), settings.records()));
        warmUpPipeline(figures, home, secrets, Math.max(PAGE_SIZE, volume / PAGE_SIZE * PAGE_SIZE));
      }
      List<Integer> parallelisms = gzip ? settings.parallelisms().subList(0, 1) : settings.parallelisms();
      int measuredRounds = gzip ? 1 : rounds;
      Map<Integer, List<Map<String, Object>>> byParallelism = new LinkedHashMap<>();
      for (int round = 1; round <= measuredRounds; round++) {
        for (int parallelism : parallelisms) {
          log.printf("pipeline%s: %,d records at parallelism %d, round %d of %d...%n", gzip ? " (gzip)" : "",
              settings.records(), parallelism, round, measuredRounds);
          byParallelism.computeIfAbsent(parallelism, p -> new ArrayList<>())
              .add(measurePipeline(home, secrets, server, ceiling, parallelism));
        }
      }
      byParallelism.forEach((parallelism, measured) -> {
        // every figure of the median round (by endpoint-run records/s), and each round's rate beside it
        List<Map<String, Object>> sorted = new ArrayList<>(measured);
        sorted.sort(java.util.Comparator.comparingDouble(f -> ((Number) f.get("e2e_records_per_s")).doubleValue()));
        Map<String, Object> median = sorted.get((sorted.size() - 1) / 2);
        Map<String, Object> best = sorted.get(sorted.size() - 1);
        String p = "p" + parallelism;
        median.forEach((k, v) -> {
          if (k.contains("%p")) {
            figures.put(prefix + k.replace("%p", p), v);
          }
        });
        figures.put(prefix + "e2e_records_per_s_" + p, median.get("e2e_records_per_s"));
        figures.put(prefix + "e2e_records_per_s_best_" + p, best.get("e2e_records_per_s"));
        figures.put(prefix + "e2e_ratio_to_ceiling_best_" + p, BenchRun.round3(
            ((Number) best.get("e2e_records_per_s")).doubleValue() / ceiling.recordsPerSecond()));
        figures.put(prefix + "e2e_records_per_s_rounds_" + p,
            measured.stream().map(f -> f.get("e2e_records_per_s")).toList());
        figures.put(prefix + "e2e_wall_records_per_s_rounds_" + p,
            measured.stream().map(f -> f.get("e2e_wall_records_per_s_%p")).toList());
      });
      figures.put(prefix + "pipeline_rounds", measuredRounds);
    }
  }

  /**
   * One measured pipeline run at {@code parallelism}: its figures, keyed with {@code %p} where the parallelism goes,
   * and {@code e2e_records_per_s} (its endpoint-run rate) to rank rounds by.
   */
  private Map<String, Object> measurePipeline(IngestHome home, SecretStoreProvider secrets, PageServer server,
      CeilingLoop.Result ceiling, int parallelism) throws Exception {
    String name = "bench_" + (server.gzip() ? "gzip_" : "") + "p" + parallelism;
    Map<String, Object> load0 = LoadAverage.read();
    Measured m;
    Map<String, Long> cpu;
    long serverRequests0 = server.requests();
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long jit0 = jit.getTotalCompilationTime();
    try (ThreadCpuMeter meter = new ThreadCpuMeter()) {
      m = pipelineRun(home, secrets, server.baseUrl(), name, parallelism);
      cpu = meter.stop();
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("e2e_records_per_s", BenchRun.round(m.recordsPerSecond()));
    f.put("jit_fraction_%p", BenchRun.round3((jit.getTotalCompilationTime() - jit0) / (m.wallSeconds() * 1000)));
    f.put("e2e_wall_records_per_s_%p", BenchRun.round(m.records() / m.wallSeconds()));
    f.put("e2e_ratio_to_ceiling_%p", BenchRun.round3(m.recordsPerSecond() / ceiling.recordsPerSecond()));
    f.put("e2e_wall_seconds_%p", BenchRun.round(m.wallSeconds()));
    f.put("freshness_ms_%p", m.freshnessMs());
    f.put("server_requests_%p", server.requests() - serverRequests0);
    f.put("cpu_ns_per_record_%p", perRecord(cpu, m.records()));
    f.put("load_average_%p", List.of(load0, LoadAverage.read()));
    log.printf("  %,.0f records/s endpoint run (%.3f of the ceiling), %,.0f records/s wall clock incl. "
        + "MiniCluster start, freshness %d ms; CPU ns/record %s%n", m.recordsPerSecond(),
        m.recordsPerSecond() / ceiling.recordsPerSecond(), m.records() / m.wallSeconds(), m.freshnessMs(),
        perRecord(cpu, m.records()));
    return f;
  }

  /**
   * One unmeasured pipeline run over a page file of its own, at the highest parallelism, of as many records as the
   * ceiling's warm-up passes read (up to one run's size): both sides are warmed with the same volume, so the measured
   * runs do not pay for compiling the pipeline's code while the ceiling's pass does not. Not repeated until JIT
   * compilation is under 5 % as the ceiling's passes are: every run starts a MiniCluster, whose RPC system is loaded
   * afresh in a class loader of its own and compiled again, so a whole run never gets there (12 runs of 50,000
   * records went from 102 % to 31 %). The measured runs report their own fraction ({@code jit_fraction_pN}).
   */
  private void warmUpPipeline(Map<String, Object> figures, IngestHome home, SecretStoreProvider secrets,
      long records) throws Exception {
    int parallelism = settings.parallelisms().stream().mapToInt(Integer::intValue).max().orElse(1);
    log.printf("pipeline warm-up: %,d records at parallelism %d (not measured)...%n", records, parallelism);
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    try (PageFile pages = PageFile.render(work.resolve("warmup-pages"), records, PAGE_SIZE, false);
        PageServer server = new PageServer(pages, TOKEN, false, 0)) {
      PipelineSpec spec = pipeline(home, server.baseUrl(), "bench_warmup_pipeline", parallelism, "0 * * * *");
      BenchRun.dropTables(spec, ENDPOINT);
      Configuration conf = new Configuration();
      conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
      long jit0 = jit.getTotalCompilationTime();
      long t0 = System.nanoTime();
      RunReport report = new LocalPipelineRunner(home, secrets).progress(false).configure(conf).runOnce(spec);
      double fraction = (jit.getTotalCompilationTime() - jit0) / ((System.nanoTime() - t0) / 1e6);
      if (report.failed()) {
        throw new IllegalStateException("benchmark warm-up run failed: " + report);
      }
      BenchRun.dropTables(spec, ENDPOINT);
      figures.put("pipeline_warmup_jit_fraction", BenchRun.round3(fraction));
    }
    figures.put("pipeline_warmup_records", records);
  }

  /** Warm-up passes until JIT compilation is under 5 % of a pass, then the measured pass. */
  private CeilingLoop.Result ceiling(Map<String, Object> figures, IngestHome home, SecretStoreProvider secrets,
      String baseUrl, boolean gzip, String prefix, PageServer server) throws Exception {
    CeilingLoop loop = new CeilingLoop(baseUrl, TOKEN, gzip);
    long warmupRecords = Math.min(settings.warmupRecords(), settings.records());
    String name = "bench_" + prefix + "ceiling";
    Table table = ceilingTable(home, secrets, baseUrl, name);
    Table warm = ceilingTable(home, secrets, baseUrl, "bench_" + prefix + "warmup");
    log.printf("ceiling%s: warm-up passes of %,d records until JIT compilation is under %.0f%% of a pass...%n",
        gzip ? " (gzip)" : "", warmupRecords, WARM_JIT_FRACTION * 100);
    int passes = 0;
    CeilingLoop.Result pass;
    do {
      pass = loop.run(warm, warmupRecords, PAGE_SIZE);
      passes++;
      log.printf("  pass %d: %,.0f records/s, JIT %.1f%%%n", passes, pass.recordsPerSecond(),
          pass.jitFraction() * 100);
    } while (pass.jitFraction() >= WARM_JIT_FRACTION && passes < MAX_WARMUP_PASSES);
    dropTables(home, secrets, baseUrl, "bench_" + prefix + "warmup");
    figures.put(prefix + "ceiling_warmup_passes", passes);
    figures.put(prefix + "ceiling_warmup_last_jit_fraction", BenchRun.round3(pass.jitFraction()));

    Map<String, Object> load0 = LoadAverage.read();
    CeilingLoop.Result ceiling;
    Map<String, Long> cpu;
    int connections0 = server.connections();
    try (ThreadCpuMeter meter = new ThreadCpuMeter()) {
      ceiling = loop.run(table, settings.records(), PAGE_SIZE);
      cpu = meter.stop();
    }
    BenchRun.requireServedIds(table, settings.records());
    verified.add(table.name());
    double jsonBytesPerRecord = (double) ceiling.jsonBytes() / ceiling.records();
    figures.put(prefix + "ceiling_records_per_s", BenchRun.round(ceiling.recordsPerSecond()));
    figures.put(prefix + "ceiling_mb_per_s", BenchRun.round(ceiling.recordsPerSecond() * jsonBytesPerRecord / 1e6));
    figures.put(prefix + "ceiling_wire_mb_per_s", BenchRun.round(ceiling.wireBytes() / 1e6 / ceiling.seconds()));
    figures.put(prefix + "ceiling_jit_fraction", BenchRun.round3(ceiling.jitFraction()));
    Map<String, Object> perRecord = perRecord(cpu, ceiling.records());
    double loopThread = (double) ceiling.cpuNanos() / ceiling.records();
    perRecord.put("loop_thread", BenchRun.round(loopThread));
    perRecord.put(ThreadCpuMeter.OTHER, BenchRun.round(((Number) perRecord.get(ThreadCpuMeter.OTHER)).doubleValue()
        - loopThread));
    figures.put(prefix + "cpu_ns_per_record_ceiling", perRecord);
    figures.put(prefix + "load_average_ceiling", List.of(load0, LoadAverage.read()));
    figures.put(prefix + "server_connections_ceiling", server.connections() - connections0);
    log.printf("  ceiling: %,.0f records/s (%.1f MB/s of JSON), JIT %.1f%% of the pass; CPU ns/record %s%n",
        ceiling.recordsPerSecond(), ceiling.recordsPerSecond() * jsonBytesPerRecord / 1e6,
        ceiling.jitFraction() * 100, perRecord);
    return ceiling;
  }

  /** CPU nanoseconds per record by thread group (and the process total). */
  private static Map<String, Object> perRecord(Map<String, Long> cpu, long records) {
    Map<String, Object> out = new LinkedHashMap<>();
    cpu.forEach((group, nanos) -> {
      if (!"wall".equals(group)) {
        out.put(group, BenchRun.round((double) nanos / records));
      }
    });
    out.put("process_cores_busy", BenchRun.round3((double) cpu.get("process") / cpu.get("wall")));
    return out;
  }

  /** The table the pipeline would create (same discovery, schema, layout and properties), empty. */
  private Table ceilingTable(IngestHome home, SecretStoreProvider secrets, String baseUrl, String name)
      throws Exception {
    PipelineSpec spec = pipeline(home, baseUrl, name, 1, "0 * * * *");
    BenchRun.dropTables(spec, ENDPOINT);
    Catalog catalog = Catalogs.open(spec.destination());
    new TablePlanner(catalog, FetcherFactories.forPipeline(spec, secrets)).plan(spec);
    return catalog.loadTable(TableIdentifier.of(name, ENDPOINT));
  }

  /**
   * One bounded run against {@code baseUrl}. Throughput is records ÷ (commit time of the table's last snapshot −
   * the run's first request), both read from Iceberg and the runs table; wall clock is the whole local run
   * (MiniCluster start, table planning, job, shutdown); freshness is the commit time − the endpoint run's end.
   */
  private Measured pipelineRun(IngestHome home, SecretStoreProvider secrets, String baseUrl, String name,
      int parallelism) throws Exception {
    Measured m = BenchRun.run(home, secrets, pipeline(home, baseUrl, name, parallelism, "0 * * * *"), ENDPOINT,
        settings.records(), parallelism);
    if (!verified.contains(m.table().name())) {
      verified.add(m.table().name());
    }
    return m;
  }

  /** A bounded sandbox run for the heap figures (sizes beyond what is worth pre-rendering). */
  private Measured sandboxRun(IngestHome home, SecretStoreProvider secrets, String name, long records)
      throws Exception {
    try (SandboxApi sandbox = sandbox(records)) {
      PipelineSpec spec = pipeline(home, sandbox.baseUrl(), name, 1, "0 * * * *");
      BenchRun.dropTables(spec, ENDPOINT);
      long wall0 = System.nanoTime();
      RunReport report = new LocalPipelineRunner(home, secrets).progress(false).runOnce(spec);
      if (report.failed()) {
        throw new IllegalStateException("benchmark run failed: " + report);
      }
      Table table = Catalogs.open(spec.destination()).loadTable(TableIdentifier.of(name, ENDPOINT));
      BenchRun.requireCount(table, records);
      return new Measured(records, 0, (System.nanoTime() - wall0) / 1e9, 0, table);
    }
  }

  private long peakLiveHeap(IngestHome home, SecretStoreProvider secrets, String name, long records)
      throws Exception {
    log.printf("heap: %,d sandbox records at parallelism 1...%n", records);
    HeapWatcher.liveHeapNow();
    try (HeapWatcher watcher = new HeapWatcher()) {
      sandboxRun(home, secrets, name, records);
      return watcher.peakLiveBytes();
    }
  }

  /** The table of pipeline {@code name}, for tests reading back what a run wrote. */
  Table table(String name) throws Exception {
    return Catalogs.open(pipeline(new IngestHome(work), "http://127.0.0.1:1", name, 1, "0 * * * *").destination())
        .loadTable(TableIdentifier.of(name, ENDPOINT));
  }

  /**
   * Idle cost: one MiniCluster (a session cluster), live heap and process CPU with no jobs, then with N scheduled
   * pipelines waiting for a cron tick that does not come during the window. Per-pipeline figures are the
   * differences divided by N.
   */
  private Map<String, Object> idleCost(IngestHome home, SecretStoreProvider secrets, SandboxApi sandbox)
      throws Exception {
    int n = settings.idlePipelines();
    log.printf("idle: %d scheduled pipelines on one session cluster...%n", n);
    Configuration conf = new Configuration();
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, n);
    MiniClusterConfiguration config = new MiniClusterConfiguration.Builder().setConfiguration(conf)
        .setNumTaskManagers(1).setNumSlotsPerTaskManager(n).build();
    Map<String, Object> figures = new LinkedHashMap<>();
    try (MiniCluster cluster = new MiniCluster(config)) {
      cluster.start();
      long heapBefore = HeapWatcher.liveHeapNow();
      double cpuBefore = cpuPercent(settings.idleWindow());
      List<JobID> jobs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        PipelineSpec spec = pipeline(home, sandbox.baseUrl(), "bench_idle_" + i, 1, "0 0 1 1 *");
        BenchRun.dropTables(spec, ENDPOINT);
        Path checkpoints = home.checkpoints(spec.name());
        Files.createDirectories(checkpoints);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1,
            JobConfiguration.forPipeline(spec, checkpoints, "hashmap"));
        new PipelineCompiler(Catalogs.loader(spec.destination()),
            FetcherFactories.forPipeline(spec, secrets)).compile(env, spec, CompileOptions.scheduled());
        jobs.add(cluster.submitJob(env.getStreamGraph().getJobGraph()).get().getJobID());
      }
      for (JobID job : jobs) {
        while (cluster.getJobStatus(job).get() != JobStatus.RUNNING) {
          pause(Duration.ofMillis(100));
        }
      }
      cpuPercent(settings.idleWindow()); // let the jobs settle into their idle state (tasks deployed, first checkpoints)
      long heapIdle = HeapWatcher.liveHeapNow();
      double cpuIdle = cpuPercent(settings.idleWindow());
      for (JobID job : jobs) {
        cluster.cancelJob(job).get();
      }
      double perPipelineMb = Math.max(0, heapIdle - heapBefore) / 1048576.0 / n;
      figures.put("idle_pipelines", n);
      figures.put("idle_pipeline_heap_mb", BenchRun.round3(perPipelineMb));
      figures.put("idle_cpu_percent_per_pipeline", BenchRun.round3(Math.max(0, cpuIdle - cpuBefore) / n));
      figures.put("idle_pipelines_per_gb", perPipelineMb == 0 ? null : (long) Math.floor(1024 / perPipelineMb));
      log.printf("  %.2f MB heap and %.3f%% of one core per idle pipeline -> %s per GB of heap%n", perPipelineMb,
          Math.max(0, cpuIdle - cpuBefore) / n, figures.get("idle_pipelines_per_gb"));
    }
    return figures;
  }

  /** Process CPU use over {@code window}, in percent of one core. */
  private static double cpuPercent(Duration window) {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    pause(window);
    return 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - t0);
  }

  /** Waits without holding a lock or spinning: the measurement window itself. */
  private static void pause(Duration d) {
    CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(d.toMillis(), TimeUnit.MILLISECONDS))
        .join();
  }

  private static SandboxApi sandbox(long records) {
    return SandboxApi.builder().port(0).requireBearerToken(TOKEN)
        .datasetSize(ENDPOINT, Math.toIntExact(records)).build().start();
  }

  private PipelineSpec pipeline(IngestHome home, String baseUrl, String name, int parallelism, String cron)
      throws Exception {
    String yaml = """
        name: %s
        connector: sandbox
        config: {base_url: "%s"}
        credentials: {secret: %s}
        endpoints: [%s]
        write_mode: append
        schedule: "%s"
        runtime: {parallelism: %d, checkpoint_interval: %dms}
        """.formatted(name, baseUrl, SECRET, ENDPOINT, cron, parallelism,
        settings.checkpointInterval().toMillis());
    PipelineLoader loader = new PipelineLoader(home.specDefaults(
        NetworkSettings.policy(home).allowingBaseUrl(baseUrl)));
    return loader.parse(name + ".yaml", yaml.getBytes(StandardCharsets.UTF_8), work);
  }

  private void dropTables(IngestHome home, SecretStoreProvider secrets, String baseUrl, String name)
      throws Exception {
    BenchRun.dropTables(pipeline(home, baseUrl, name, 1, "0 * * * *"), ENDPOINT);
  }
}
