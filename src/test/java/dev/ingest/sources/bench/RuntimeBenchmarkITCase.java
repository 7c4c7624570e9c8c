package dev.ingest.sources.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The benchmark command runs end to end on tiny settings; its figures are not asserted (they are not tests). */
class RuntimeBenchmarkITCase {

  @Test
  void reportsTheThreeFiguresOfIssue3() throws Exception {
    ObjectNode report = RuntimeBenchmark.run(new RuntimeBenchmark.Options(40, Duration.ofSeconds(1), 16,
        Duration.ofMillis(5), 4));

    assertThat(report.has("rate_limit_utilisation")).isTrue();
    assertThat(report.has("throttled_ratio")).isTrue();
    assertThat(report.has("parallel_page_speedup")).isTrue();
    assertThat(report.get("rate_limit_requests").asLong()).isPositive();
    assertThat(report.get("pages_requests").asLong()).as("both runs fetch every page once").isEqualTo(32);
  }
}
