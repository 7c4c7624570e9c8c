package dev.ingest.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark at toy sizes, so it cannot rot: every figure is produced from real runs against the pre-rendered
 * pages, every table holds exactly the served ids, and the three report files are written. No figure is asserted
 * against a target here: performance is judged from `./ingest bench e2e` output, not from a timed test.
 */
class E2eBenchmarkITCase {
  private static final long RECORDS = 3_000;

  @TempDir Path dir;

  @Test
  void producesEveryFigureAndTablesHoldingExactlyTheServedIds() throws Exception {
    var settings = new E2eBenchmark.Settings(RECORDS, List.of(1, 2), true, 1_000, 1_000, 2_000, 1,
        Duration.ofSeconds(1), Duration.ofMillis(500));
    E2eBenchmark bench = new E2eBenchmark(dir.resolve("work"), settings,
        new PrintStream(System.out, true, StandardCharsets.UTF_8)).rounds(2);
    Map<String, Object> figures = bench.run();

    assertThat(figures).containsKeys("ceiling_records_per_s", "ceiling_warmup_passes", "ceiling_jit_fraction",
        "e2e_records_per_s_p1", "e2e_records_per_s_p2", "e2e_wall_records_per_s_p1", "e2e_ratio_to_ceiling_p1",
        "e2e_ratio_to_ceiling_p2", "freshness_ms_p1", "cpu_ns_per_record_ceiling", "cpu_ns_per_record_p1", "gzip_cpu_ns_per_record_p1",
        "gzip_ceiling_records_per_s", "gzip_e2e_records_per_s_p1", "load_average_start", "load_average_ceiling",
        "heap_ratio_10m_vs_1m", "idle_pipeline_heap_mb", "record_json_bytes", "pipeline_warmup_jit_fraction",
        "jit_fraction_p1", "jit_fraction_p2", "e2e_records_per_s_best_p1", "e2e_ratio_to_ceiling_best_p2");
    assertThat(figures.get("e2e_records_per_s_rounds_p1")).asList().hasSize(2);
    assertThat(figures.get("e2e_records_per_s_rounds_p2")).asList().hasSize(2);
    assertThat(figures.get("gzip_e2e_records_per_s_rounds_p1")).asList().hasSize(1);
    assertThat(figures).doesNotContainKey("gzip_e2e_records_per_s_p2").doesNotContainKey("e2e_records_per_s");
    assertThat(((Number) figures.get("record_json_bytes")).doubleValue()).isBetween(900.0, 1200.0);
    assertThat(((Number) figures.get("ceiling_records_per_s")).doubleValue()).isPositive();
    assertThat(((Number) figures.get("e2e_records_per_s_p2")).doubleValue()).isPositive();
    assertThat(((Number) figures.get("ceiling_warmup_passes")).intValue()).isBetween(1, 40);
    @SuppressWarnings("unchecked")
    Map<String, Object> cpu = (Map<String, Object>) figures.get("cpu_ns_per_record_p1");
    assertThat(cpu).containsKeys("source_io", "task", "server", "gc_jit", "gc", "jit", "other", "process");
    assertThat(((Number) cpu.get("task")).doubleValue()).isPositive();
    assertThat(((Number) cpu.get("source_io")).doubleValue()).isPositive();
    assertThat(((Number) cpu.get("server")).doubleValue()).isPositive();
    // the ceiling's connection is one keep-alive connection for all its pages
    assertThat(((Number) figures.get("server_connections_ceiling")).intValue()).isEqualTo(1);
    // the endpoint run's requests: every page, the empty page after a full last page is not needed (has_more)
    assertThat(((Number) figures.get("server_requests_p1")).longValue()).isEqualTo(RECORDS / 100 + 1);

    Set<String> served = LongStream.range(0, RECORDS).mapToObj(BenchRecords::id).collect(Collectors.toSet());
    for (String name : List.of("bench_ceiling", "bench_p1", "bench_p2", "bench_gzip_ceiling", "bench_gzip_p1")) {
      assertThat(ids(bench.table(name))).as(name).hasSize((int) RECORDS).isEqualTo(served);
    }
    assertThat(figures.get("verified_tables")).asList().hasSize(5);

    Map<String, Path> files = BenchReport.write(figures, dir.resolve("out/bench.json"));
    assertThat(Files.readString(files.get("json"))).contains("\"e2e_ratio_to_ceiling_p1\"");
    assertThat(Files.readString(files.get("markdown"))).contains("| `ceiling_records_per_s` |");
    assertThat(ImageIO.read(files.get("png").toFile()).getWidth()).isPositive();
  }

  /** Every id in the table, failing on a repeated one. */
  private static Set<String> ids(Table table) throws Exception {
    Set<String> ids = new HashSet<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).select("id").build()) {
      for (Record r : rows) {
        assertThat(ids.add((String) r.getField("id"))).as("id %s once", r.getField("id")).isTrue();
      }
    }
    return ids;
  }
}
