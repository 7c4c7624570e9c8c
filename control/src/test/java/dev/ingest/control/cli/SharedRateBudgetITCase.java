package dev.ingest.control.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Flink jobs (each on its own MiniCluster, each its own source) on one credential lease its budget from a real
 * control API, against a sandbox enforcing 20 requests per one-second window. Asserts the safety properties only:
 * no one-second window ever received more than the limit (so no 429 from overrun), and after the control API
 * stops the jobs pace at the fallback share. No speed is asserted beyond those bounds.
 */
class SharedRateBudgetITCase {
  private static final int LIMIT = 20;
  private static final double SHARE = 0.25;

  @Test
  @Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
  void twoJobsShareOneBudgetAndFallBackToTheirShareWhenTheControlPlaneIsLost(@TempDir Path dir) throws Exception {
    JsonNode report = new SharedBudgetBenchmark(new SharedBudgetBenchmark.Options(LIMIT, Duration.ofSeconds(6),
        Duration.ofSeconds(6), Duration.ofSeconds(5), SHARE), dir).run();
    System.out.println("shared budget figures: " + report);

    for (String kase : new String[] {"headers", "no_headers"}) {
      JsonNode c = report.get(kase);
      // no window of the sandbox's fixed one-second windows, warm-up and job starts included, saw more than the limit
      assertThat(c.get("peak_window_requests").asLong()).as(kase + " peak window").isBetween(1L, (long) LIMIT);
      JsonNode leased = c.get("leased");
      assertThat(leased.get("requests").asLong()).as(kase + " requests").isPositive();
      assertThat(leased.get("throttled").asLong()).as(kase + " 429s").isZero();
      // the jobs really lease: one budget, two holders, each with half of the declared 19.4 requests/s
      JsonNode budgets = leased.get("budgets_mid_window");
      assertThat(budgets).as(kase + " budgets").hasSize(1);
      assertThat(budgets.get(0).get("limit_per_second").asDouble()).isEqualTo(LIMIT * 0.97);
      assertThat(budgets.get(0).get("holders")).hasSize(2);
      for (JsonNode holder : budgets.get(0).get("holders")) {
        assertThat(holder.get("per_second").asDouble()).isEqualTo(LIMIT * 0.97 / 2);
        assertThat(holder.get("holder").asText()).startsWith("bench_shared_");
      }
    }
    JsonNode lost = report.get("no_headers").get("control_plane_lost");
    double seconds = lost.get("seconds").asDouble();
    double perJob = LIMIT * 0.97 * SHARE;
    // each job paces at declared x share with burst 1: at most one request per interval, plus the one at the edge
    long bound = 2 * ((long) Math.floor(perJob * seconds) + 1);
    assertThat(lost.get("requests").asLong()).as("requests after the control plane stopped")
        .isPositive().isLessThanOrEqualTo(bound);
    assertThat(lost.get("throttled").asLong()).isZero();
  }
}
