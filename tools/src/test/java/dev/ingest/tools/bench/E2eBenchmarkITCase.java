package dev.ingest.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark at toy sizes, so it cannot rot: every figure is produced from real runs (each run verifies its
 * table's row count itself) and the three report files are written. No figure is asserted against a target here:
 * performance is judged from `./ingest bench e2e` output, not from a timed test.
 */
class E2eBenchmarkITCase {
  @TempDir Path dir;

  @Test
  void producesEveryFigureAndTheReportFiles() throws Exception {
    var settings = new E2eBenchmark.Settings(3_000, List.of(1), 1_000, 2_000, 1, Duration.ofSeconds(1),
        Duration.ofMillis(500));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Map<String, Object> figures = new E2eBenchmark(dir.resolve("work"), settings,
        new PrintStream(log, true, StandardCharsets.UTF_8)).run();

    assertThat(figures).containsKeys("e2e_records_per_s", "e2e_mb_per_s", "ceiling_records_per_s",
        "ratio_to_ceiling", "freshness_ms", "heap_ratio_10m_vs_1m", "idle_pipeline_heap_mb",
        "idle_cpu_percent_per_pipeline", "record_json_bytes");
    assertThat(((Number) figures.get("record_json_bytes")).doubleValue()).isBetween(800.0, 1400.0);
    assertThat(((Number) figures.get("e2e_records_per_s")).doubleValue()).isPositive();
    assertThat(((Number) figures.get("ratio_to_ceiling")).doubleValue()).isPositive();
    assertThat(((Number) figures.get("freshness_ms")).longValue()).isNotNegative();

    Map<String, Path> files = BenchReport.write(figures, dir.resolve("out/bench.json"));
    assertThat(Files.readString(files.get("json"))).contains("\"ratio_to_ceiling\"");
    assertThat(Files.readString(files.get("markdown"))).contains("| `e2e_records_per_s` |");
    assertThat(ImageIO.read(files.get("png").toFile()).getWidth()).isPositive();
  }
}
