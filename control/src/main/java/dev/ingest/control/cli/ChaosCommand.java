package dev.ingest.control.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ingest.control.chaos.ChaosHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./ingest chaos --trials N --out FILE}: crash-injection trials against the sandbox (docs/reliability.md). */
@Command(name = "chaos", description = "Crash-injection trials: SIGKILL, task failures, upsert; audits every table.")
final class ChaosCommand implements Callable<Integer> {
  @Option(names = "--trials", defaultValue = "6", description = "number of trials (kinds rotate)") int trials;

  @Option(names = "--out", required = true, description = "JSON summary: trials, duplicates, missing, results")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "random seed (kill delays, failure points)") long seed;

  @Option(names = "--records", defaultValue = "2000", description = "records per endpoint") int records;

  @Override
  public Integer call() throws Exception {
    if (trials < 1) {
      System.err.println("--trials: must be at least 1");
      return IngestCli.INVALID;
    }
    ChaosHarness.Settings defaults = ChaosHarness.Settings.defaults(trials, seed);
    ChaosHarness.Settings settings = new ChaosHarness.Settings(trials, seed, records, defaults.minKill(),
        defaults.maxKill(), defaults.latency());
    Map<String, Object> summary = new ChaosHarness(Files.createTempDirectory("ingest-chaos-"), settings, System.out)
        .run();
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), summary);
    System.out.printf("%s trials, %s disrupted: %s duplicates, %s missing -> %s%n", summary.get("trials"),
        summary.get("disrupted"), summary.get("duplicates"), summary.get("missing"), out);
    boolean exact = ((Number) summary.get("duplicates")).longValue() == 0
        && ((Number) summary.get("missing")).longValue() == 0
        && ((Number) summary.get("unexpected")).longValue() == 0;
    return exact ? IngestCli.OK : IngestCli.FAILED;
  }
}
