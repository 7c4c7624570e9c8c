package dev.ingest.control.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sandbox.SandboxApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;

/**
 * The credentials page and the shared-credential warning in headless Chromium: two pipelines name the same
 * secret; the page lists it as shared with both. After a run of one fails with a rejected token, saving a new
 * one through the auth banner asks first, naming the other pipeline: declining stores nothing, accepting stores
 * it and the re-run succeeds.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CredentialsDashboardITCase {
  static final String API_TOKEN = "credentials-dashboard-token-012345";
  static final String SANDBOX_TOKEN = "sbx_credentials_right";
  static final String WRONG_TOKEN = "sbx_credentials_wrong";

  @TempDir Path dir;

  @BeforeAll
  static void requireChromium() {
    Browser.require();
  }

  @Test
  void sharedCredentialIsListedAndReplacingItAsksFirst() throws Exception {
    try (DashboardStack stack = new DashboardStack(dir, API_TOKEN, SandboxApi.builder()
        .requireBearerToken(SANDBOX_TOKEN).datasetSize(SandboxApi.TICKETS, 20), "")) {
      Browser browser = stack.browser;
      stack.createSandboxPipeline("billing", "shared-token", "\"tickets\"");
      stack.createSandboxPipeline("support", "shared-token", "\"tickets\"");
      new dev.ingest.sources.secret.LocalFileSecretStore(stack.home.secretsFile())
          .write("shared-token", Map.of("token", WRONG_TOKEN));
      stack.deploy("support");

      stack.openPipeline("support");
      browser.click("nav a[href='#/credentials']");
      browser.waitForText("main h1", "Credentials");
      assertThat(browser.waitForText("tr[data-secret=shared-token] [data-cell=pipelines]", "support"))
          .isEqualTo("billing, support");
      assertThat(browser.text("tr[data-secret=shared-token] th")).contains("shared");
      assertThat(browser.text("tr[data-secret=shared-token] [data-cell=stored]")).isEqualTo("yes");
      assertThat(browser.text("main")).doesNotContain(WRONG_TOKEN);
      browser.screenshot("40-credentials");

      browser.click("nav a[href='#/']");
      browser.click("tr[data-pipeline=support] a");
      browser.waitForText("main h1", "support");
      browser.click("#run-now");
      browser.waitForText("#health", "Auth failed", Duration.ofSeconds(90));

      browser.type("#new-credential-token", SANDBOX_TOKEN);
      browser.click("#save-credential");
      Alert ask = browser.until(d -> d.switchTo().alert(), "the shared-credential question");
      assertThat(ask.getText()).contains("also used by billing");
      ask.dismiss();
      browser.waitForText("#status", "Credential not changed");
      assertThat(secret(stack)).contains(Map.of("token", WRONG_TOKEN));

      browser.type("#new-credential-token", SANDBOX_TOKEN);
      browser.click("#save-credential");
      browser.until(d -> d.switchTo().alert(), "the shared-credential question").accept();
      browser.waitForText("#status", "re-run of support succeeded", Duration.ofSeconds(90));
      assertThat(secret(stack)).contains(Map.of("token", SANDBOX_TOKEN));
      browser.screenshot("41-shared-credential-replaced");
    }
  }

  private static Optional<Map<String, String>> secret(DashboardStack stack) throws Exception {
    return new dev.ingest.sources.secret.LocalFileSecretStore(stack.home.secretsFile()).read("shared-token");
  }
}
