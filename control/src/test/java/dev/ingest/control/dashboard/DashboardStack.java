package dev.ingest.control.dashboard;

import dev.ingest.control.alerts.AlertSettings;
import dev.ingest.control.api.ApiToken;
import dev.ingest.control.api.ControlApi;
import dev.ingest.control.deploy.localrun.LocalRunDeployer;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.jobs.IngestHome;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.secret.LocalFileSecretStore;
import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * What the dashboard's browser tests run against: the bundled sandbox API (bearer token), an H2 store, the
 * local-runs deployer, the control API on a random loopback port (loopback allowed for connectors and webhooks,
 * run sync every second) and headless Chromium signed in. {@code config.yaml} gets {@code extraConfig} after the
 * network section. Closes everything in reverse order.
 */
final class DashboardStack implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final IngestHome home;
  final SandboxApi sandbox;
  final Database database;
  final LocalRunDeployer deployer;
  final ControlApi api;
  final Browser browser;
  private final String apiToken;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  DashboardStack(Path dir, String apiToken, SandboxApi.Builder sandbox, String extraConfig) throws IOException {
    this.apiToken = apiToken;
    this.home = new IngestHome(dir.resolve("home"));
    Files.createDirectories(home.root());
    Files.writeString(home.configFile(), "network: {allowed_hosts: [\"127.0.0.1\"]}\n" + extraConfig);
    this.sandbox = sandbox.port(0).build().start();
    this.database = Database.open(StoreConfig.embedded(dir.resolve("db")));
    this.deployer = new LocalRunDeployer(home, new LocalFileSecretStoreProvider(home.secretsFile().toString()),
        Clock.systemUTC());
    this.api = ControlApi.builder().home(home).database(database).deployer(deployer)
        .addresses(AddressPolicy.strict().allowingHost("127.0.0.1")).alerts(AlertSettings.load(home))
        .secrets(new LocalFileSecretStore(home.secretsFile())).token(ApiToken.of(apiToken))
        .syncInterval(Duration.ofSeconds(1)).build().start("127.0.0.1", 0);
    this.browser = new Browser(dir.resolve("chromium"), SCREENSHOTS, Duration.ofSeconds(20));
  }

  /** Creates, credentials and deploys a sandbox pipeline through the API (yearly schedule: runs only on request). */
  void deploySandboxPipeline(String name, String token, String endpoints) throws Exception {
    createSandboxPipeline(name, name + "-credentials", endpoints);
    setToken(name, token);
    expect(200, "POST", "/api/pipelines/" + name + "/deploy", "");
  }

  /** Creates (does not deploy) a sandbox pipeline whose credential is secret {@code secret}. */
  void createSandboxPipeline(String name, String secret, String endpoints) throws Exception {
    expect(201, "POST", "/api/pipelines", "{\"name\":\"" + name + "\",\"connector\":\"sandbox\",\"config\":"
        + "{\"base_url\":\"" + sandbox.baseUrl() + "\"},\"credentials\":{\"secret\":\"" + secret + "\"},"
        + "\"endpoints\":[" + endpoints + "],\"schedule\":\"0 0 1 1 *\"}");
  }

  /** Deploys a created pipeline. */
  void deploy(String name) throws Exception {
    expect(200, "POST", "/api/pipelines/" + name + "/deploy", "");
  }

  /** Replaces the pipeline's sandbox token through the API. */
  void setToken(String pipeline, String token) throws Exception {
    expect(200, "PUT", "/api/pipelines/" + pipeline + "/credentials", "{\"fields\":{\"token\":\"" + token + "\"}}");
  }

  /** Opens the pipeline's page, signing in through the dashboard's token form on the way. */
  void openPipeline(String name) {
    browser.open(base() + "/dashboard/#/pipelines/" + name);
    browser.type("#api-token", apiToken);
    browser.click("form button[type=submit]");
    browser.waitForText("main h1", name);
  }

  /** The stored definition of pipeline {@code name}, as compact JSON. */
  String definition(String name) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/pipelines/" + name))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + apiToken).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET pipeline " + name + ": " + response.statusCode() + ": " + response.body());
    }
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("definition").toString();
  }

  /** The fields of secret {@code name} in the home's secret store (empty when there is none). */
  java.util.Map<String, String> secret(String name) throws IOException {
    return new LocalFileSecretStore(home.secretsFile()).read(name).orElse(java.util.Map.of());
  }

  String base() {
    return "http://127.0.0.1:" + api.port();
  }

  private void expect(int status, String method, String path, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + apiToken)
        .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != status) {
      throw new AssertionError(method + " " + path + ": expected " + status + ", got " + response.statusCode() + ": "
          + response.body());
    }
  }

  @Override
  public void close() {
    browser.close();
    api.close();
    deployer.close();
    database.close();
    sandbox.close();
  }
}
