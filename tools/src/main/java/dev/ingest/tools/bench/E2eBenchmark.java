package dev.ingest.tools.bench;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.NetworkSettings;
import dev.ingest.jobs.compile.CompileOptions;
import dev.ingest.jobs.compile.FetcherFactories;
import dev.ingest.jobs.compile.JobConfiguration;
import dev.ingest.jobs.compile.PipelineCompiler;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sources.secret.LocalFileSecretStore;
import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
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
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * {@code ./ingest bench e2e}: the sandbox's ~1 KB events on loopback, 100 per page, through the real pipeline
 * (FLIP-27 source, parse operator, Iceberg FlinkSink with checkpoint commits) on a local MiniCluster, against the
 * same requests in a plain loop ({@link CeilingLoop}); then memory against run size and the cost of idle pipelines.
 * Every figure comes from a measurement in this run; nothing is assumed.
 */
public final class E2eBenchmark {
  private static final String TOKEN = "bench-token";
  private static final String SECRET = "bench-sandbox";
  private static final String ENDPOINT = "events";
  private static final int PAGE_SIZE = 100;

  /** What to measure; the defaults are the sizes. */
  public record Settings(
      long records, List<Integer> parallelisms, long heapSmall, long heapLarge, int idlePipelines,
      Duration idleWindow, Duration checkpointInterval) {
    public static Settings defaults() {
      return new Settings(1_000_000, List.of(1, 2), 1_000_000, 10_000_000, 8, Duration.ofSeconds(10),
          Duration.ofSeconds(2));
    }
  }

  private final Path work;
  private final Settings settings;
  private final PrintStream log;

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
    figures.put("records", settings.records());
    figures.put("page_size", PAGE_SIZE);
    figures.put("checkpoint_interval_ms", settings.checkpointInterval().toMillis());
    IngestHome home = new IngestHome(work);
    new LocalFileSecretStore(home.secretsFile()).write(SECRET, Map.of("token", TOKEN));
    SecretStoreProvider secrets = new LocalFileSecretStoreProvider(home.secretsFile().toString());
    Table schemaSource = schemaTable(home, secrets);
    log.printf("ceiling: %,d records in a plain loop (after a 20,000-record warm-up)...%n", settings.records());
    ceilingRun(home, schemaSource, 20_000);
    CeilingLoop.Result ceiling = ceilingRun(home, schemaSource, settings.records());
    double jsonBytesPerRecord = (double) ceiling.jsonBytes() / ceiling.records();
    figures.put("record_json_bytes", round(jsonBytesPerRecord));
    figures.put("ceiling_records_per_s", round(ceiling.recordsPerSecond()));
    figures.put("ceiling_mb_per_s", round(ceiling.recordsPerSecond() * jsonBytesPerRecord / 1e6));
    log.printf("  %,.0f records/s%n", ceiling.recordsPerSecond());
    {
      for (int parallelism : settings.parallelisms()) {
        log.printf("e2e: %,d records at parallelism %d...%n", settings.records(), parallelism);
        Measured m = pipelineRun(home, secrets, "bench_p" + parallelism, settings.records(), parallelism);
        double mbPerSecond = m.recordsPerSecond() * jsonBytesPerRecord / 1e6;
        figures.put("e2e_records_per_s_p" + parallelism, round(m.recordsPerSecond()));
        figures.put("e2e_mb_per_s_p" + parallelism, round(mbPerSecond));
        figures.put("e2e_wire_mb_per_s_p" + parallelism, round(m.bytes / 1e6 / m.seconds));
        figures.put("freshness_ms_p" + parallelism, m.freshnessMs);
        log.printf("  %,.0f records/s, %.1f MB/s of JSON, freshness %d ms%n", m.recordsPerSecond(), mbPerSecond,
            m.freshnessMs);
        if (parallelism == settings.parallelisms().get(0)) {
          figures.put("e2e_records_per_s", round(m.recordsPerSecond()));
          figures.put("e2e_mb_per_s", round(mbPerSecond));
          figures.put("freshness_ms", m.freshnessMs);
        }
      }
      figures.put("ratio_to_ceiling", round3(((Number) figures.get("e2e_records_per_s")).doubleValue()
          / ceiling.recordsPerSecond()));
      log.printf("ratio to ceiling: %.3f%n", figures.get("ratio_to_ceiling"));

      if (settings.heapLarge() > 0) {
        long small = peakLiveHeap(home, secrets, "bench_heap_small", settings.heapSmall());
        long large = peakLiveHeap(home, secrets, "bench_heap_large", settings.heapLarge());
        figures.put("heap_small_records", settings.heapSmall());
        figures.put("heap_large_records", settings.heapLarge());
        figures.put("peak_live_heap_mb_small", small >> 20);
        figures.put("peak_live_heap_mb_large", large >> 20);
        figures.put("heap_ratio_10m_vs_1m", round3((double) large / small));
        log.printf("heap: peak live %d MB (%,d records) vs %d MB (%,d records): ratio %.3f%n", large >> 20,
            settings.heapLarge(), small >> 20, settings.heapSmall(), (double) large / small);
      }
      if (settings.idlePipelines() > 0) {
        try (SandboxApi sandbox = sandbox(100)) {
          figures.putAll(idleCost(home, secrets, sandbox));
        }
      }
    }
    return figures;
  }

  /** A small pipeline run whose table gives the ceiling loop the schema the pipeline infers. */
  private Table schemaTable(IngestHome home, SecretStoreProvider secrets) throws Exception {
    return pipelineRun(home, secrets, "bench_schema", 1_000, 1).table;
  }

  private CeilingLoop.Result ceilingRun(IngestHome home, Table schemaSource, long records) throws Exception {
    try (SandboxApi sandbox = sandbox(records)) {
      Catalog catalog = Catalogs.open(pipeline(home, sandbox, "bench_ceiling", 1, "0 * * * *").destination());
      TableIdentifier id = TableIdentifier.of("bench_ceiling", ENDPOINT);
      catalog.dropTable(id, true);
      Table table = catalog.createTable(id, schemaSource.schema(), schemaSource.spec(), schemaSource.properties());
      CeilingLoop.Result result = new CeilingLoop().run(sandbox.baseUrl(), TOKEN, records, PAGE_SIZE, table);
      requireCount(table, records);
      return result;
    }
  }

  private record Measured(long records, long bytes, double seconds, long freshnessMs, Table table) {
    double recordsPerSecond() {
      return records / seconds;
    }
  }

  /**
   * One bounded run. Throughput is records ÷ (commit time of the table's last snapshot − the run's first request),
   * both read from Iceberg and the runs table; freshness is that commit time − the moment the last page was
   * emitted (the endpoint run's end).
   */
  private Measured pipelineRun(IngestHome home, SecretStoreProvider secrets, String name, long records,
      int parallelism) throws Exception {
    PipelineSpec spec;
    try (SandboxApi sandbox = sandbox(records)) {
      spec = pipeline(home, sandbox, name, parallelism, "0 * * * *");
      dropTables(spec);
      Configuration conf = new Configuration();
      conf.set(TaskManagerOptions.NUM_TASK_SLOTS, Math.max(1, parallelism));
      RunReport report = new LocalPipelineRunner(home, secrets).progress(false).configure(conf).runOnce(spec);
      if (report.failed()) {
        throw new IllegalStateException("benchmark run failed: " + report);
      }
    }
    Catalog catalog = Catalogs.open(spec.destination());
    Table table = catalog.loadTable(TableIdentifier.of(name, ENDPOINT));
    requireCount(table, records);
    Table runs = catalog.loadTable(TableIdentifier.of(name, "_ingest_runs"));
    long startedAt = Long.MAX_VALUE;
    long endedAt = 0;
    long bytes = 0;
    try (CloseableIterable<Record> rows = IcebergGenerics.read(runs).build()) {
      for (Record r : rows) {
        startedAt = Math.min(startedAt, epochMillis(r.getField("started_at")));
        endedAt = Math.max(endedAt, epochMillis(r.getField("ended_at")));
        bytes += ((Number) r.getField("bytes")).longValue();
      }
    }
    long committedAt = lastCommit(table);
    return new Measured(records, bytes, (committedAt - startedAt) / 1000.0, committedAt - endedAt, table);
  }

  private long peakLiveHeap(IngestHome home, SecretStoreProvider secrets, String name, long records)
      throws Exception {
    log.printf("heap: %,d records at parallelism 1...%n", records);
    HeapWatcher.liveHeapNow();
    try (HeapWatcher watcher = new HeapWatcher()) {
      pipelineRun(home, secrets, name, records, 1);
      return watcher.peakLiveBytes();
    }
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
        PipelineSpec spec = pipeline(home, sandbox, "bench_idle_" + i, 1, "0 0 1 1 *");
        dropTables(spec);
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
      figures.put("idle_pipeline_heap_mb", round3(perPipelineMb));
      figures.put("idle_cpu_percent_per_pipeline", round3(Math.max(0, cpuIdle - cpuBefore) / n));
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

  private static long epochMillis(Object timestamp) {
    return ((OffsetDateTime) timestamp).toInstant().toEpochMilli();
  }

  private PipelineSpec pipeline(IngestHome home, SandboxApi sandbox, String name, int parallelism, String cron)
      throws Exception {
    String yaml = """
        name: %s
        connector: sandbox
        config: {base_url: "%s"}
        credentials: {secret: %s}
        endpoints: [%s]
        schedule: "%s"
        runtime: {parallelism: %d, checkpoint_interval: %dms}
        """.formatted(name, sandbox.baseUrl(), SECRET, ENDPOINT, cron, parallelism,
        settings.checkpointInterval().toMillis());
    PipelineLoader loader = new PipelineLoader(home.specDefaults(
        NetworkSettings.policy(home).allowingBaseUrl(sandbox.baseUrl())));
    return loader.parse(name + ".yaml", yaml.getBytes(StandardCharsets.UTF_8), work);
  }

  private static void dropTables(PipelineSpec spec) {
    Catalog catalog = Catalogs.open(spec.destination());
    for (String table : List.of(ENDPOINT, "_ingest_runs", "_ingest_dead_letters")) {
      catalog.dropTable(TableIdentifier.of(spec.name(), table), true);
    }
  }

  private static void requireCount(Table table, long expected) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    long rows = current == null ? 0 : Long.parseLong(current.summary().getOrDefault("total-records", "0"));
    if (rows != expected) {
      throw new IllegalStateException(table.name() + " holds " + rows + " rows, expected " + expected);
    }
  }

  private static long lastCommit(Table table) {
    table.refresh();
    return table.currentSnapshot().timestampMillis();
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
