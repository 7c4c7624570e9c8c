package dev.ingest.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench manifest} at a toy size, so it cannot rot: both sides run from the same pages, both tables hold
 * exactly the served ids (checked inside every run), and the request counts are the ones each side's paging
 * implies. No speed is asserted: the ratio is read from `./ingest bench manifest` output.
 */
class ManifestBenchmarkITCase {
  private static final long RECORDS = 2_000;

  @TempDir Path dir;

  @Test
  void bothSidesLandEveryServedIdAndTheFiguresAreProduced() throws Exception {
    Map<String, Object> figures = new ManifestBenchmark(dir.resolve("work"),
        new ManifestBenchmark.Options(RECORDS, 300, 2, Duration.ofMillis(500)),
        new PrintStream(System.out, true, StandardCharsets.UTF_8)).run();

    assertThat(figures).containsKeys("native_records_per_s", "manifest_records_per_s", "native_best",
        "manifest_best", "ratio_best", "ratio_median", "load_average_start", "load_average_end");
    assertThat((List<?>) figures.get("native_records_per_s")).hasSize(2)
        .allSatisfy(v -> assertThat(((Number) v).doubleValue()).isPositive());
    assertThat((List<?>) figures.get("manifest_records_per_s")).hasSize(2)
        .allSatisfy(v -> assertThat(((Number) v).doubleValue()).isPositive());
    long pages = RECORDS / 100;
    // native: every page (has_more ends it at the last one), plus the first page once more for schema discovery
    assertThat(figures.get("native_requests")).isEqualTo(List.of(pages + 1, pages + 1));
    // manifest: OffsetIncrement stops on a short page, so after the full last page it asks once more (an empty
    // page), as Airbyte does; plus the discovery request
    assertThat(figures.get("manifest_requests")).isEqualTo(List.of(pages + 2, pages + 2));
    assertThat(figures.get("verified_tables")).isEqualTo(List.of("bench_native.events", "bench_manifest.events"));
  }
}
