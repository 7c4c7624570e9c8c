package dev.ingest.control.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.jobs.spec.Durations;
import dev.ingest.tools.bench.BenchReport;
import dev.ingest.tools.bench.BenchServer;
import dev.ingest.tools.bench.E2eBenchmark;
import dev.ingest.tools.bench.ManifestBenchmark;
import dev.ingest.tools.bench.RuntimeBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./ingest bench e2e --out FILE}: the end-to-end benchmark (see docs/performance.md). */
@Command(name = "bench", description = "Benchmarks: `bench e2e --out FILE` (throughput against the ceiling loop, "
    + "CPU per thread group, freshness, heap, idle cost); `bench runtime --out FILE` (rate-limit utilisation, 429s, "
    + "parallel-page speed-up); `bench manifest --out FILE` (an Airbyte manifest against the built-in connector "
    + "on the same pages); `bench serve --port P --token T` (the e2e pages served until stopped, for measuring "
    + "`run --once` from outside).")
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SUITE", description = "e2e, runtime, manifest or serve") String suite;

  @Option(names = "--rounds", defaultValue = "3",
      description = "manifest: measured runs of each side; e2e: measured runs of each parallelism (median reported)")
  int rounds;

  @Option(names = "--out", description = "JSON output; FILE.md and FILE.png are written next to it (e2e, runtime)")
  Path out;

  @Option(names = "--gzip", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "e2e: also measure against gzipped pages, as separate figures (default on; --no-gzip skips); "
          + "serve: gzip when the client asks")
  boolean gzip;

  @Option(names = "--warmup-records", defaultValue = "100000",
      description = "records per ceiling warm-up pass (passes repeat until JIT compilation is under 5%% of one)")
  long warmupRecords;

  @Option(names = "--port", defaultValue = "8099", description = "serve: loopback port")
  int port;

  @Option(names = "--token", defaultValue = "bench-token", description = "serve: the bearer token to require")
  String token;

  @Option(names = "--records", defaultValue = "1000000", description = "records per throughput run (default 1,000,000)")
  long records;

  @Option(names = "--parallelism", split = ",", defaultValue = "1,2", description = "parallelisms to measure")
  List<Integer> parallelisms;

  @Option(names = "--heap-records", split = ",", defaultValue = "1000000,10000000",
      description = "small,large run sizes for the heap ratio; 0,0 skips it")
  List<Long> heapRecords;

  @Option(names = "--idle-pipelines", defaultValue = "8", description = "idle pipelines for the idle cost; 0 skips it")
  int idlePipelines;

  @Option(names = "--checkpoint-interval", defaultValue = "2s", description = "checkpoint interval of the runs")
  String checkpointInterval;

  @Override
  public Integer call() throws Exception {
    if ("serve".equals(suite)) {
      BenchServer.serve(Files.createTempDirectory("ingest-bench-pages-"), records, gzip, port, token, System.out);
      return IngestCli.OK;
    }
    if (out == null) {
      System.err.println("--out: required for bench " + suite);
      return IngestCli.INVALID;
    }
    if ("runtime".equals(suite)) {
      ObjectNode report = RuntimeBenchmark.run(RuntimeBenchmark.Options.defaults());
      Path sharedWork = Files.createTempDirectory("ingest-bench-shared-budget-");
      report.set("shared_budget", new SharedBudgetBenchmark(
          SharedBudgetBenchmark.Options.defaults(), sharedWork).run());
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), report);
      System.out.println(report.toPrettyString());
      return IngestCli.OK;
    }
    Optional<Duration> parsed = Durations.parse(checkpointInterval).filter(d -> !d.isNegative() && !d.isZero());
    if (parsed.isEmpty()) {
      System.err.println("--checkpoint-interval: expected a positive duration such as 500ms, 2s or PT2S, got '"
          + checkpointInterval + "'");
      return IngestCli.INVALID;
    }
    Duration interval = parsed.get();
    if ("manifest".equals(suite)) {
      ManifestBenchmark.Options options;
      try {
        options = new ManifestBenchmark.Options(records, warmupRecords, rounds, interval);
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return IngestCli.INVALID;
      }
      Map<String, Object> figures = new ManifestBenchmark(Files.createTempDirectory("ingest-bench-manifest-"),
          options, System.out).run();
      System.out.println("wrote " + BenchReport.write(figures, out).values());
      return IngestCli.OK;
    }
    if (!"e2e".equals(suite)) {
      System.err.println("suite: unknown benchmark '" + suite + "' (expected: e2e, runtime, manifest or serve)");
      return IngestCli.INVALID;
    }
    if (heapRecords.size() != 2) {
      System.err.println("--heap-records: expected two sizes, small,large");
      return IngestCli.INVALID;
    }
    E2eBenchmark.Settings settings = new E2eBenchmark.Settings(records, parallelisms, gzip, warmupRecords,
        heapRecords.get(0), heapRecords.get(1), idlePipelines, Duration.ofSeconds(10), interval);
    Path work = Files.createTempDirectory("ingest-bench-");
    Map<String, Object> figures = new E2eBenchmark(work, settings, System.out).rounds(rounds).run();
    Map<String, Path> files = BenchReport.write(figures, out);
    System.out.println("wrote " + files.values());
    return IngestCli.OK;
  }
}
