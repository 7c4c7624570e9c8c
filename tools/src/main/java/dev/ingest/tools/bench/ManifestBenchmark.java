package dev.ingest.tools.bench;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.NetworkSettings;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.secret.LocalFileSecretStore;
import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import dev.ingest.sources.secret.SecretStoreProvider;
import dev.ingest.tools.bench.BenchRun.Measured;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./ingest bench manifest}: the same API read two ways on the same engine, in one run: the built-in sandbox
 * connector's {@code events} endpoint, and an Airbyte declarative manifest ({@code bench/events-manifest.yaml}:
 * {@code OffsetIncrement}, {@code DpathExtractor}, {@code BearerAuthenticator}) describing the same paging,
 * records path and auth. Both read the pages {@link E2eBenchmark} serves (rendered once before timing, from
 * loopback), at parallelism 1, in alternating rounds after one unmeasured run of each, so JIT warm-up and machine
 * load fall on both sides alike. Every run checks its table holds exactly the served ids. Reports each side's
 * endpoint-run throughput per round, the best and the median, and manifest ÷ native of both.
 */
public final class ManifestBenchmark {
  private static final String TOKEN = "bench-token";
  private static final String NATIVE_SECRET = "bench-native";
  private static final String MANIFEST_SECRET = "bench-manifest";
  private static final String ENDPOINT = "events";
  private static final int PAGE_SIZE = 100;

  /**
   * @param records records per measured run
   * @param warmupRecords records of the unmeasured first run of each side
   * @param rounds measured runs of each side
   */
  public record Options(long records, long warmupRecords, int rounds, Duration checkpointInterval) {
    public Options {
      if (records < PAGE_SIZE || records % PAGE_SIZE != 0) {
        throw new IllegalArgumentException("--records: a positive multiple of " + PAGE_SIZE + ", got " + records);
      }
      if (rounds < 1 || rounds > 20) {
        throw new IllegalArgumentException("--rounds: 1 to 20, got " + rounds);
      }
    }

    public static Options defaults() {
      return new Options(1_000_000, 100_000, 3, Duration.ofSeconds(2));
    }
  }

  private final Path work;
  private final Options options;
  private final PrintStream log;

  public ManifestBenchmark(Path work, Options options, PrintStream log) {
    this.work = work;
    this.options = options;
    this.log = log;
  }

  /** Runs both sides and returns the figures by name. */
  public Map<String, Object> run() throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("machine_cores", Runtime.getRuntime().availableProcessors());
    figures.put("load_average_start", LoadAverage.read());
    figures.put("records", options.records());
    figures.put("rounds", options.rounds());
    IngestHome home = new IngestHome(work);
    LocalFileSecretStore store = new LocalFileSecretStore(home.secretsFile());
    store.write(NATIVE_SECRET, Map.of("token", TOKEN));
    store.write(MANIFEST_SECRET, Map.of("api_token", TOKEN));
    SecretStoreProvider secrets = new LocalFileSecretStoreProvider(home.secretsFile().toString());
    Path manifest = work.resolve("events-manifest.yaml");
    try (InputStream in = ManifestBenchmark.class.getResourceAsStream("/bench/events-manifest.yaml")) {
      if (in == null) {
        throw new IOException("bench/events-manifest.yaml is missing from the classpath");
      }
      Files.write(manifest, in.readAllBytes());
    }

    long warmup = Math.max(PAGE_SIZE, Math.min(options.warmupRecords(), options.records()) / PAGE_SIZE * PAGE_SIZE);
    log.printf("warm-up: %,d records each side (not measured)...%n", warmup);
    try (PageFile pages = PageFile.render(work.resolve("warmup-pages"), warmup, PAGE_SIZE, false);
        PageServer server = new PageServer(pages, TOKEN, false, 0)) {
      BenchRun.run(home, secrets, nativePipeline(home, server.baseUrl(), "bench_native_warmup"), ENDPOINT, warmup, 1);
      BenchRun.run(home, secrets, manifestPipeline(home, server.baseUrl(), manifest, "bench_manifest_warmup"),
          ENDPOINT, warmup, 1);
    }

    List<Double> nativeRates = new ArrayList<>();
    List<Double> manifestRates = new ArrayList<>();
    List<Long> nativeRequests = new ArrayList<>();
    List<Long> manifestRequests = new ArrayList<>();
    log.printf("rendering %,d records...%n", options.records());
    try (PageFile pages = PageFile.render(work.resolve("pages"), options.records(), PAGE_SIZE, false);
        PageServer server = new PageServer(pages, TOKEN, false, 0)) {
      String base = server.baseUrl();
      for (int round = 1; round <= options.rounds(); round++) {
        long before = server.requests();
        Measured n = BenchRun.run(home, secrets, nativePipeline(home, base, "bench_native"), ENDPOINT,
            options.records(), 1);
        nativeRequests.add(server.requests() - before);
        before = server.requests();
        Measured m = BenchRun.run(home, secrets, manifestPipeline(home, base, manifest, "bench_manifest"), ENDPOINT,
            options.records(), 1);
        manifestRequests.add(server.requests() - before);
        nativeRates.add(BenchRun.round(n.recordsPerSecond()));
        manifestRates.add(BenchRun.round(m.recordsPerSecond()));
        log.printf("round %d: native %,.0f records/s, manifest %,.0f records/s (%.3f)%n", round,
            n.recordsPerSecond(), m.recordsPerSecond(), m.recordsPerSecond() / n.recordsPerSecond());
      }
    }
    figures.put("native_records_per_s", nativeRates);
    figures.put("manifest_records_per_s", manifestRates);
    figures.put("native_requests", nativeRequests);
    figures.put("manifest_requests", manifestRequests);
    double nativeBest = nativeRates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    double manifestBest = manifestRates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    figures.put("native_best", nativeBest);
    figures.put("manifest_best", manifestBest);
    figures.put("ratio_best", BenchRun.round3(manifestBest / nativeBest));
    figures.put("ratio_median", BenchRun.round3(median(manifestRates) / median(nativeRates)));
    figures.put("verified_tables", List.of("bench_native.events", "bench_manifest.events"));
    figures.put("load_average_end", LoadAverage.read());
    return figures;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private PipelineSpec nativePipeline(IngestHome home, String baseUrl, String name) throws Exception {
    return load(home, baseUrl, name, """
        name: %s
        connector: sandbox
        config: {base_url: "%s"}
        credentials: {secret: %s}
        endpoints: [%s]
        schedule: "0 * * * *"
        write_mode: append
        runtime: {parallelism: 1, checkpoint_interval: %dms}
        """.formatted(name, baseUrl, NATIVE_SECRET, ENDPOINT, options.checkpointInterval().toMillis()));
  }

  private PipelineSpec manifestPipeline(IngestHome home, String baseUrl, Path manifest, String name)
      throws Exception {
    return load(home, baseUrl, name, """
        name: %s
        connector_file: %s
        config: {url_base: "%s"}
        credentials: {secret: %s}
        endpoints: [%s]
        schedule: "0 * * * *"
        write_mode: append
        runtime: {parallelism: 1, checkpoint_interval: %dms}
        """.formatted(name, manifest, baseUrl, MANIFEST_SECRET, ENDPOINT, options.checkpointInterval().toMillis()));
  }

  private PipelineSpec load(IngestHome home, String baseUrl, String name, String yaml) throws Exception {
    PipelineLoader loader = new PipelineLoader(home.specDefaults(
        NetworkSettings.policy(home).allowingBaseUrl(baseUrl)));
    return loader.parse(name + ".yaml", yaml.getBytes(StandardCharsets.UTF_8), work);
  }
}
