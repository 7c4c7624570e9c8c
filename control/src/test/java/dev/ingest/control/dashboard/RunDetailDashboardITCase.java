package dev.ingest.control.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sandbox.SandboxApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run detail page in headless Chromium, over real runs (local-runs deployer, bundled sandbox API): a
 * successful run's page shows each endpoint's rows, pages and requests exactly as the sandbox served them, and
 * the Flink job that ran it; after a run with a rejected credential the chart marks the failed run although it
 * landed 0 rows, and its page says Failed with the error class and the redacted message.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RunDetailDashboardITCase {
  static final String API_TOKEN = "run-detail-token-0123456789abcdef";
  static final String SANDBOX_TOKEN = "sbx_run_detail_token";
  static final String WRONG_TOKEN = "sbx_wrong_run_detail_7733";
  static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @BeforeAll
  static void requireChromium() {
    Browser.require();
  }

  @Test
  void runPageShowsPerEndpointCountersAndTheJobAndTheChartMarksAFailedRun() throws Exception {
    try (DashboardStack stack = new DashboardStack(dir, API_TOKEN, SandboxApi.builder().requireBearerToken(SANDBOX_TOKEN)
        .datasetSize(SandboxApi.TICKETS, 230).datasetSize(SandboxApi.CONTACTS, 1_150), "")) {
      Browser browser = stack.browser;
      stack.deploySandboxPipeline("desk", SANDBOX_TOKEN, "\"tickets\",\"contacts\"");
      stack.openPipeline("desk");
      browser.click("#run-now");
      browser.waitForText("#health", "Healthy", RUN_TIMEOUT);
      int ticketRequests = stack.sandbox.requestCount(SandboxApi.TICKETS);
      int contactRequests = stack.sandbox.requestCount(SandboxApi.CONTACTS);

      browser.click("#runs tbody tr:first-child [data-cell=run-link]");
      browser.waitForText("#run-status", "Succeeded");
      assertThat(browser.text("[data-endpoint=tickets] [data-cell=rows]")).isEqualTo("230");
      assertThat(browser.text("[data-endpoint=contacts] [data-cell=rows]")).isEqualTo("1,150");
      assertThat(browser.text("[data-endpoint=tickets] [data-cell=requests]")).isEqualTo(String.valueOf(ticketRequests));
      assertThat(browser.text("[data-endpoint=contacts] [data-cell=requests]"))
          .isEqualTo(String.format(Locale.US, "%,d", contactRequests));
      assertThat(browser.text("[data-endpoint=tickets] [data-cell=pages]")).isEqualTo(String.valueOf(ticketRequests));
      assertThat(browser.text("[data-endpoint=tickets] [data-cell=retries]")).isEqualTo("0");
      assertThat(browser.text("[data-endpoint=tickets] [data-cell=throttled]")).isEqualTo("0");
      assertThat(browser.text("[data-endpoint=tickets] [data-cell=error-class]")).isEqualTo("–");
      assertThat(browser.text("#run-totals")).startsWith("1,380 rows");
      assertThat(browser.text("#run-job-id")).matches("[0-9a-f]{32}");
      assertThat(browser.text("#run-errors")).contains("No errors.");
      browser.screenshot("30-run-detail-succeeded");

      // a run with a rejected credential lands 0 rows: the chart still marks it, and its page says why
      stack.setToken("desk", WRONG_TOKEN);
      browser.click(".crumbs a[href='#/pipelines/desk']");
      browser.waitForText("main h1", "desk");
      browser.click("#run-now");
      browser.waitForText("#health", "Auth failed", RUN_TIMEOUT);
      assertThat(browser.find("#rows-chart rect.bar.failed").getAttribute("height")).isEqualTo("6");
      assertThat(browser.present("#rows-chart text.fail-mark")).isTrue();
      browser.screenshot("31-chart-failed-run");
      browser.click("#runs tbody tr:first-child [data-cell=run-link]");
      browser.waitForText("#run-status", "Failed");
      assertThat(browser.text("[data-endpoint=tickets] [data-cell=error-class]")).isEqualTo("AUTH_FAILED");
      assertThat(browser.text("[data-endpoint=tickets] [data-cell=rows]")).isEqualTo("0");
      assertThat(browser.text("#run-errors pre[data-endpoint=tickets]")).contains("HTTP 401")
          .doesNotContain(WRONG_TOKEN);
      assertThat(browser.text("#run-job-id")).matches("[0-9a-f]{32}");
      browser.screenshot("32-run-detail-failed");
    }
  }
}
