package dev.ingest.control.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ingest.jobs.spec.StateBackend;
import dev.ingest.tools.chaos.ChaosHarness;
import dev.ingest.tools.chaos.FaultStorm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ingest chaos --trials N --out FILE}: crash-injection trials against the sandbox; {@code --storm}: one
 * long fault storm instead (docs/reliability.md).
 */
@Command(name = "chaos", description = "Crash-injection trials: SIGKILL, task failures, Iceberg commit failures, append and upsert; "
    + "audits every table.")
final class ChaosCommand implements Callable<Integer> {
  @Option(names = "--trials", defaultValue = "6", description = "number of trials (kinds rotate)") int trials;

  @Option(names = "--out", required = true, description = "JSON summary: trials, duplicates, missing, results")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "random seed (kill delays, failure points)") long seed;

  @Option(names = "--records", defaultValue = "2000", description = "records per endpoint") int records;

  @Option(names = "--storm", description = "run one fault storm (5xx, 429, resets, timeouts, truncated and slow "
      + "pages) instead of crash trials") boolean storm;

  @Option(names = "--rate", defaultValue = "0.25", description = "--storm: share of requests that fail") double rate;

  @Option(names = "--page-size", defaultValue = "100", description = "--storm: the sandbox's page size") int pageSize;

  @Option(names = "--state-backend", defaultValue = "hashmap",
      description = "crash trials: the jobs' state backend, hashmap or rocksdb (default ${DEFAULT-VALUE})")
  String stateBackend;

  @Override
  public Integer call() throws Exception {
    if (storm) {
      return storm();
    }
    if (trials < 1) {
      System.err.println("--trials: must be at least 1");
      return IngestCli.INVALID;
    }
    ChaosHarness.Settings defaults = ChaosHarness.Settings.defaults(trials, seed);
    java.util.Optional<StateBackend> backend = StateBackend.named(stateBackend);
    if (backend.isEmpty()) {
      System.err.println("--state-backend: expected one of " + StateBackend.names() + ", got '" + stateBackend + "'");
      return IngestCli.INVALID;
    }
    ChaosHarness.Settings settings = new ChaosHarness.Settings(trials, seed, records, defaults.minKill(),
        defaults.maxKill(), defaults.latency(), backend.get());
    Map<String, Object> summary = new ChaosHarness(Files.createTempDirectory("ingest-chaos-"), settings, System.out,
        IngestCli.class.getName()).run();
    write(summary);
    System.out.printf("%s trials, %s disrupted: %s duplicates, %s missing -> %s%n", summary.get("trials"),
        summary.get("disrupted"), summary.get("duplicates"), summary.get("missing"), out);
    return exact(summary) ? IngestCli.OK : IngestCli.FAILED;
  }

  private Integer storm() throws Exception {
    if (!(rate >= 0 && rate < 1) || pageSize < 1 || records < 1) {
      System.err.println("--rate: must be in [0, 1); --page-size and --records: must be at least 1");
      return IngestCli.INVALID;
    }
    FaultStorm.Settings settings = FaultStorm.Settings.defaults(records, seed).withPageSize(pageSize).withRate(rate);
    Map<String, Object> figures = new FaultStorm(Files.createTempDirectory("ingest-storm-"), settings).run();
    write(figures);
    System.out.printf("%s requests, %s faults injected, %s retries: %s records, %s duplicates, %s missing -> %s%n",
        figures.get("requests"), figures.get("faults_injected"), figures.get("retries"), figures.get("records"),
        figures.get("duplicates"), figures.get("missing"), out);
    return exact(figures) ? IngestCli.OK : IngestCli.FAILED;
  }

  private void write(Map<String, Object> figures) throws java.io.IOException {
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), figures);
  }

  private static boolean exact(Map<String, Object> figures) {
    return ((Number) figures.get("duplicates")).longValue() == 0 && ((Number) figures.get("missing")).longValue() == 0
        && ((Number) figures.get("unexpected")).longValue() == 0;
  }
}
