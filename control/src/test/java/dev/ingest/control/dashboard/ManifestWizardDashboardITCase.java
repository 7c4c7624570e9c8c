package dev.ingest.control.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingest.control.connection.FakeTodoist;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.testkit.AirbyteCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The wizard for Airbyte manifests the home offers ({@code airbyte.manifest_dirs}), in headless Chromium: manifest
 * connectors are marked in the list, a stream that cannot run is disabled with its reason, the connection step is the
 * manifest's {@code connection_specification} (lever_hiring: titles, help, order, an enum as a select with its
 * default, a {@code oneOf} credential whose variant selector swaps the fields and sets the discriminator, a missing
 * required field refused naming it), and Create stores the flat config keys a pipeline gives and the secret fields
 * only in the secret store; todoist's Test connection fetches the first page of each stream from a fake Todoist.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ManifestWizardDashboardITCase {
  static final String API_TOKEN = "manifest-wizard-token-0123456789abc";
  static final String LEVER_KEY = "lever-key-CANARY-7731";
  static final String TODOIST_TOKEN = "todoist-token-CANARY-5150";
  static final String START_HELP = "UTC date and time in the format 2017-01-25T00:00:00Z. Any data before this "
      + "date will not be replicated. Note that it will be used only in the following incremental streams: "
      + "comments, commits, and issues.";

  @TempDir Path dir;

  @BeforeAll
  static void requireChromium() {
    Browser.require();
  }

  @Test
  void leverFormFollowsTheSpecSwitchesVariantsRefusesAMissingFieldAndCreates() throws Exception {
    offer("source-lever-hiring.yaml");
    // calendly with a dependency the engine refuses (nested incremental_dependency), so one stream cannot run
    Files.copy(AirbyteCorpus.calendlyWithNestedDependency(Files.createDirectories(dir.resolve("variants"))),
        dir.resolve("home").resolve("manifests").resolve("source-calendly.yaml"));
    try (DashboardStack stack = stack()) {
      Browser browser = signIn(stack);
      assertThat(browser.text("label[for=connector-lever_hiring]")).isEqualTo("lever_hiring Airbyte manifest");
      assertThat(browser.text("label[for=connector-sandbox]")).doesNotContain("Airbyte manifest");

      // calendly: its stream with an unsupported component is listed disabled, with the reason
      browser.click("#connector-calendly");
      WebElement invitees = browser.until(d -> d.findElement(By.id("endpoint-event_invitees")), "event_invitees");
      assertThat(invitees.isEnabled()).isFalse();
      assertThat(browser.until(d -> d.findElement(By.id("endpoint-event_invitees-reason")), "reason")
          .getDomProperty("textContent")).isEqualTo("Cannot run: streams[5].retriever.partition_router."
              + "parent_stream_configs[0].incremental_dependency: not supported on a parent stream that itself sets "
              + "incremental_dependency on its own parent");
      assertThat(browser.until(d -> d.findElement(By.id("endpoint-event_types")), "event_types").isEnabled()).isTrue();

      browser.type("#pipeline-name", "lever");
      browser.click("#connector-lever_hiring");
      browser.click("#wizard-next");
      // the spec's fields in order, titles as labels, required marks; the first oneOf variant is chosen
      assertThat(labels(browser)).containsExactly("Start Date *", "Environment", "Authenticate via Lever (OAuth)",
          "Authenticate via Lever (Api Key)", "Client ID", "Client Secret", "Refresh Token *");
      assertThat(browser.text("#spec-start_date-help")).isEqualTo(START_HELP);
      Select environment = new Select(browser.find("#spec-environment"));
      assertThat(environment.getOptions().stream().map(WebElement::getText)).containsExactly("Production", "Sandbox");
      assertThat(environment.getFirstSelectedOption().getText()).isEqualTo("Sandbox"); // the spec's default
      assertThat(browser.find("#spec-credentials-client_id").getDomProperty("type")).isEqualTo("text");
      assertThat(browser.find("#spec-credentials-client_secret").getDomProperty("type")).isEqualTo("password");
      assertThat(browser.text(".variant-choice .group-label")).isEqualTo("Authentication Mechanism");

      // the other variant: only its fields
      browser.click("#spec-credentials-variant-1");
      assertThat(labels(browser)).containsExactly("Start Date *", "Environment", "Authenticate via Lever (OAuth)",
          "Authenticate via Lever (Api Key)", "Api key *");
      assertThat(browser.present("#spec-credentials-client_id")).isFalse();
      assertThat(browser.find("#spec-credentials-api_key").getDomProperty("type")).isEqualTo("password");
      assertThat(browser.text("#spec-credentials-api_key-help")).isEqualTo("The Api Key of your Lever Hiring account.");
      browser.screenshot("manifest-wizard-01-lever-form");

      // required fields left empty: refused, each named by its title, and the step stays
      browser.click("#wizard-next");
      assertThat(browser.text("#spec-start_date-error")).isEqualTo("Enter the Start Date.");
      assertThat(browser.text("#spec-credentials-api_key-error")).isEqualTo("Enter the Api key.");
      assertThat(browser.displayed("#step-1")).isTrue();

      browser.type("#spec-start_date", "2024-01-01T00:00:00Z");
      environment.selectByVisibleText("Production");
      browser.type("#spec-credentials-api_key", LEVER_KEY);
      browser.type("#config-url_base", "http://127.0.0.1:9/v1"); // nothing listens: no request leaves the machine
      browser.click("#wizard-next");
      assertThat(browser.displayed("#spec-start_date-error")).isFalse();
      browser.click("#endpoint-users");
      browser.click("#wizard-next");
      browser.click("#wizard-next"); // test connection: not waited for
      browser.click("#wizard-next"); // the local warehouse
      browser.type("#schedule", "0 0 1 1 *");
      browser.waitForText("#schedule-preview", "anuary");
      browser.click("#wizard-next");

      assertThat(browser.text("#review-connector"))
          .isEqualTo("lever_hiring (Authentication Mechanism: Authenticate via Lever (Api Key))");
      assertThat(browser.text("#review-credential")).startsWith("lever-credentials in the secret store");
      String page = browser.until(d -> d.getPageSource(), "the page source");
      assertThat(page).doesNotContain(LEVER_KEY);
      browser.screenshot("manifest-wizard-02-lever-review");
      browser.click("#wizard-next");

      browser.until(d -> d.getCurrentUrl().endsWith("#/pipelines/lever") ? true : null, "the pipeline page");
      browser.waitForText("#status", "Pipeline lever created and deployed");
      JsonNode definition = new ObjectMapper().readTree(stack.definition("lever"));
      assertThat(definition.path("connector").asText()).isEqualTo("lever_hiring");
      // the flat config keys a manifest pipeline gives (credentials.auth_type: the chosen variant's constant)
      assertThat(new ObjectMapper().convertValue(definition.path("config"), Map.class)).isEqualTo(Map.of(
          "url_base", "http://127.0.0.1:9/v1", "start_date", "2024-01-01T00:00:00Z", "environment", "Production",
          "credentials.auth_type", "Api Key"));
      assertThat(definition.path("credentials").toString()).isEqualTo("{\"secret\":\"lever-credentials\"}");
      assertThat(definition.toString()).doesNotContain(LEVER_KEY);
      assertThat(stack.secret("lever-credentials").keySet()).isEqualTo(Set.of("credentials.api_key"));
    }
  }

  @Test
  void todoistTestsTheConnectionAgainstAFakeApiAndCreates() throws Exception {
    offer("source-todoist.yaml");
    try (FakeTodoist todoist = new FakeTodoist(TODOIST_TOKEN); DashboardStack stack = stack()) {
      Browser browser = signIn(stack);
      browser.type("#pipeline-name", "todo");
      browser.click("#connector-todoist");
      browser.click("#wizard-next");
      // no title in the spec: the property's name is the label, its description the help
      assertThat(labels(browser)).containsExactly("token *");
      assertThat(browser.text("#spec-token-help")).isEqualTo("API authorization bearer token for authenticating the API");
      assertThat(browser.find("#spec-token").getDomProperty("type")).isEqualTo("password");
      browser.click("#wizard-next");
      assertThat(browser.text("#spec-token-error")).isEqualTo("Enter the token.");
      browser.type("#spec-token", TODOIST_TOKEN);
      browser.type("#config-url_base", todoist.urlBase());
      browser.click("#wizard-next");
      browser.click("#endpoint-tasks");
      browser.click("#endpoint-projects");
      browser.click("#wizard-next");

      assertThat(browser.waitForText("[data-endpoint=tasks] .test-summary", "records"))
          .isEqualTo("3 records on the first page.");
      assertThat(browser.waitForText("[data-endpoint=projects] .test-summary", "records"))
          .isEqualTo("2 records on the first page.");
      assertThat(browser.text("[data-endpoint=projects] pre.first-record"))
          .isEqualTo("{\n  \"id\": \"p1\",\n  \"name\": \"Project 1\"\n}");
      assertThat(todoist.requests()).containsExactly("GET /rest/v2/tasks Bearer ok", "GET /rest/v2/projects Bearer ok");
      browser.screenshot("manifest-wizard-03-todoist-test");
      browser.click("#wizard-next");
      browser.click("#wizard-next");
      browser.type("#schedule", "0 0 1 1 *");
      browser.waitForText("#schedule-preview", "anuary");
      browser.click("#wizard-next");
      assertThat(browser.waitForText("#review-test", "Passed")).isEqualTo("Passed for every endpoint");
      assertThat(browser.text("#review-connector")).isEqualTo("todoist");
      browser.click("#wizard-next");

      browser.until(d -> d.getCurrentUrl().endsWith("#/pipelines/todo") ? true : null, "the pipeline page");
      browser.waitForText("#status", "Pipeline todo created and deployed");
      JsonNode definition = new ObjectMapper().readTree(stack.definition("todo"));
      assertThat(definition.path("config").toString()).isEqualTo("{\"url_base\":\"" + todoist.urlBase() + "\"}");
      assertThat(definition.path("credentials").toString()).isEqualTo("{\"secret\":\"todo-credentials\"}");
      assertThat(definition.toString()).doesNotContain(TODOIST_TOKEN);
      assertThat(stack.secret("todo-credentials").keySet()).isEqualTo(Set.of("token"));
    }
  }

  /** Copies corpus manifests into the test home's {@code manifests} folder. */
  private void offer(String... manifests) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("home").resolve("manifests"));
    for (String manifest : manifests) {
      Files.copy(AirbyteCorpus.manifest(manifest), folder.resolve(manifest));
    }
  }

  private DashboardStack stack() throws IOException {
    return new DashboardStack(dir, API_TOKEN, SandboxApi.builder(), "airbyte: {manifest_dirs: [manifests]}\n");
  }

  private static Browser signIn(DashboardStack stack) {
    Browser browser = stack.browser;
    browser.open(stack.base() + "/dashboard/#/new");
    browser.type("#api-token", API_TOKEN);
    browser.click("form button[type=submit]");
    browser.waitForText("main h1", "New pipeline");
    return browser;
  }

  /** The visible labels of the manifest's form, in page order. */
  private static List<String> labels(Browser browser) {
    return browser.until(d -> d.findElements(By.cssSelector("#manifest-fields label")).stream()
        .filter(WebElement::isDisplayed).map(WebElement::getText).toList(), "the form's labels");
  }
}
