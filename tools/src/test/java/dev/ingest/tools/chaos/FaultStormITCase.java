package dev.ingest.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sinks.runs.RunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI-sized fault storm: 30 % of all requests to the sandbox fail in one of nine ways (5xx, an HTML 502, 429
 * with and without Retry-After, resets, bodies cut in half, responses slower than the timeout, slow pages) while a
 * real local run lands three endpoints; every table must hold exactly the served records. The long storm is
 * {@code ./ingest chaos --storm} (docs/reliability.md).
 */
class FaultStormITCase {
  @TempDir Path dir;

  @Test
  void aStormOfFaultsEndsWithExactlyTheServedRecords() throws Exception {
    // 80 pages per endpoint, about 100 faults: every kind of the mix several times
    FaultStorm storm = new FaultStorm(dir, FaultStorm.Settings.defaults(800, 11).withPageSize(10).withRate(0.3)
        .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(150)));

    Map<String, Object> figures = storm.run();

    @SuppressWarnings("unchecked")
    List<RunReport.EndpointResult> endpoints = (List<RunReport.EndpointResult>) figures.get("endpoints");
    assertThat(endpoints).as("%s", figures).hasSize(3).allSatisfy(e -> assertThat(e.status()).isEqualTo("SUCCEEDED"));
    assertThat(figures).as("%s", figures).containsEntry("records", 2_400L).containsEntry("duplicates", 0L)
        .containsEntry("missing", 0L).containsEntry("unexpected", 0L);
    @SuppressWarnings("unchecked")
    List<TableAudit> tables = (List<TableAudit>) figures.get("tables");
    assertThat(tables).allSatisfy(t -> assertThat(t.exact()).as("%s", t).isTrue());
    @SuppressWarnings("unchecked")
    Map<String, Integer> faults = (Map<String, Integer>) figures.get("faults");
    assertThat(faults.keySet()).as("every kind of fault was injected: %s", figures)
        .containsExactlyInAnyOrderElementsOf(storm.mix().stream().map(Object::toString).toList());
    assertThat((long) figures.get("retries")).as("faults were retried: %s", figures).isPositive();
  }
}
