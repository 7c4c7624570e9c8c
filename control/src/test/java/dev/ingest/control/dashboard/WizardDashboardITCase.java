package dev.ingest.control.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sandbox.SandboxApi;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The wizard's Test connection and Review steps in headless Chromium against the sandbox API: config fields carry
 * the connector's labels, each endpoint's write mode starts at the default that follows it (GitHub's incremental
 * issues and commits upsert, its repositories and the sandbox's endpoints are full refreshes; append on an endpoint
 * that is not incremental warns), a wrong token shows AUTH_FAILED with HTTP 401 per endpoint and a warning (going
 * on stays possible), the right one shows each endpoint's first record, the review lists what will be created
 * without the secret's value, and Create lands a pipeline with the chosen write modes and the typed token.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WizardDashboardITCase {
  static final String API_TOKEN = "wizard-itcase-token-0123456789abc";
  static final String SANDBOX_TOKEN = "sbx_wizard_right_4f1c";
  static final String WRONG_TOKEN = "sbx_wizard_wrong_7d2e";

  @TempDir Path dir;

  @BeforeAll
  static void requireChromium() {
    Browser.require();
  }

  @Test
  void testsTheConnectionWithAWrongThenTheRightTokenReviewsAndCreates() throws Exception {
    try (DashboardStack stack = new DashboardStack(dir, API_TOKEN, SandboxApi.builder()
        .requireBearerToken(SANDBOX_TOKEN).datasetSize(SandboxApi.TICKETS, 120)
        .datasetSize(SandboxApi.CONTACTS, 30), "")) {
      Browser browser = stack.browser;
      browser.open(stack.base() + "/dashboard/#/new");
      browser.type("#api-token", API_TOKEN);
      browser.click("form button[type=submit]");
      browser.waitForText("main h1", "New pipeline");

      browser.type("#pipeline-name", "wizard");
      // a connector with incremental endpoints: upsert where they have a key, full refresh where not incremental
      browser.click("#connector-github");
      assertThat(writeMode(browser, "issues")).isEqualTo("upsert");
      assertThat(writeMode(browser, "commits")).isEqualTo("upsert");
      assertThat(writeMode(browser, "repositories")).isEqualTo("full_refresh");
      browser.click("#connector-sandbox");
      browser.click("#wizard-next");
      // the connector's label and help, not the raw key
      assertThat(browser.text("label[for=config-base_url]")).isEqualTo("Sandbox URL *");
      assertThat(browser.text("#config-base_url-help")).isEqualTo("Where the sandbox API listens.");
      browser.type("#config-base_url", stack.sandbox.baseUrl());
      browser.type("#credential-token", WRONG_TOKEN);
      browser.click("#wizard-next");

      // endpoints: the sandbox's are not incremental, so full refresh; append warns that it re-lands every row
      browser.click("#endpoint-tickets");
      browser.click("#endpoint-contacts");
      assertThat(new Select(browser.find("#write-mode-tickets")).getFirstSelectedOption().getAttribute("value"))
          .isEqualTo("full_refresh");
      assertThat(new Select(browser.find("#write-mode-contacts")).getFirstSelectedOption().getAttribute("value"))
          .isEqualTo("full_refresh");
      assertThat(browser.displayed("#write-mode-contacts-warning")).isFalse();
      new Select(browser.find("#write-mode-contacts")).selectByValue("append");
      assertThat(browser.text("#write-mode-contacts-warning")).contains("append lands them all again");
      browser.screenshot("wizard-01-write-modes");
      browser.click("#wizard-next");

      // test connection with the wrong token: AUTH_FAILED and the status per endpoint, a warning, no token shown
      browser.waitForText("[data-endpoint=tickets] .test-summary", "AUTH_FAILED");
      assertThat(browser.text("[data-endpoint=tickets] .test-summary")).contains("(HTTP 401)");
      assertThat(browser.waitForText("[data-endpoint=contacts] .test-summary", "AUTH_FAILED")).contains("HTTP 401");
      assertThat(browser.text("#test-warning")).contains("The test failed for tickets, contacts");
      assertThat(browser.present("pre.first-record")).isFalse();
      assertThat(pageSource(browser)).doesNotContain(WRONG_TOKEN);
      browser.screenshot("wizard-02-test-auth-failed");
      int requests = stack.sandbox.requestCount();
      assertThat(requests).isEqualTo(2); // one request per endpoint

      // back to the credential, the right token: each endpoint's first record
      browser.click("#wizard-back");
      browser.click("#wizard-back");
      browser.type("#credential-token", SANDBOX_TOKEN);
      browser.click("#wizard-next");
      browser.click("#wizard-next");
      browser.waitForText("[data-endpoint=tickets] .test-verdict", "OK");
      assertThat(browser.text("[data-endpoint=tickets] .test-summary"))
          .isEqualTo("100 records on the first page (more pages follow).");
      assertThat(browser.waitForText("[data-endpoint=contacts] .test-summary", "30 records"))
          .isEqualTo("30 records on the first page.");
      String firstTicket = browser.text("[data-endpoint=tickets] pre.first-record");
      assertThat(firstTicket).startsWith("{\n  \"id\": " + stack.sandbox.record(SandboxApi.TICKETS, 0).get("id"))
          .contains("\"subject\": \"" + stack.sandbox.record(SandboxApi.TICKETS, 0).get("subject").asText() + "\"");
      assertThat(browser.displayed("#test-warning")).isFalse();
      assertThat(stack.sandbox.requestCount()).isEqualTo(requests + 2);
      browser.screenshot("wizard-03-test-ok");
      browser.click("#wizard-next");
      browser.click("#wizard-next"); // destination: the local warehouse
      browser.type("#schedule", "0 0 1 1 *");
      browser.waitForText("#schedule-preview", "anuary");
      browser.click("#wizard-next");

      // review: what will be created, the secret's name but never its value
      assertThat(browser.waitForText("#review-endpoints", "tickets")).contains("tickets — full refresh")
          .contains("contacts — append re-lands every row each run");
      assertThat(browser.text("#review-connector")).isEqualTo("sandbox");
      assertThat(browser.text("#review-destination")).isEqualTo("Local warehouse");
      assertThat(browser.waitForText("#review-schedule", "anuary")).startsWith("0 0 1 1 * — runs ");
      assertThat(browser.text("#review-credential")).startsWith("wizard-credentials in the secret store");
      assertThat(browser.text("#review-test")).isEqualTo("Passed for every endpoint");
      assertThat(browser.text("#wizard-next")).isEqualTo("Create and deploy");
      assertThat(pageSource(browser)).doesNotContain(SANDBOX_TOKEN);
      browser.screenshot("wizard-04-review");
      browser.click("#wizard-next");

      browser.until(d -> d.getCurrentUrl().endsWith("#/pipelines/wizard") ? true : null, "the pipeline page");
      browser.waitForText("#status", "created and deployed");
      String definition = stack.definition("wizard");
      assertThat(definition).contains("{\"name\":\"tickets\",\"write_mode\":\"full_refresh\"}")
          .contains("{\"name\":\"contacts\",\"write_mode\":\"append\"}").doesNotContain(SANDBOX_TOKEN);
      assertThat(stack.secret("wizard-credentials")).isEqualTo(Map.of("token", SANDBOX_TOKEN));
    }
  }

  /** The write mode chosen for {@code endpoint} (its select is shown only once the endpoint is ticked). */
  private static String writeMode(Browser browser, String endpoint) {
    return browser.until(d -> d.findElements(By.id("write-mode-" + endpoint)).stream().findFirst()
        .map(select -> select.getDomProperty("value")).orElse(null), "the write mode of " + endpoint);
  }

  private static String pageSource(Browser browser) {
    return browser.until(d -> d.getPageSource(), "the page source");
  }
}
