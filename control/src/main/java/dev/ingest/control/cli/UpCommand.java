package dev.ingest.control.cli;

import dev.ingest.jobs.NetworkSettings;
import dev.ingest.sandbox.SandboxApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import dev.ingest.control.api.ApiToken;
import dev.ingest.control.api.ControlApi;
import dev.ingest.control.dashboard.Dashboard;
import dev.ingest.control.deployers.DeployerSettings;
import dev.ingest.control.deployers.OpenDeployer;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.jobs.IngestHome;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./ingest up}: starts the control plane on embedded defaults — the H2 store under the Ingest home (or
 * PostgreSQL from {@code $INGEST_DB_URL}), the configured secret store, and the deployer {@link DeployerSettings}
 * select (default: a local Flink cluster in this process with its web UI) — and serves the control API and the
 * dashboard until Ctrl-C. Prints the control API, dashboard and Flink UI URLs and where the API token is. With the
 * local cluster, Ctrl-C stops every running pipeline job with a savepoint and the next start resumes from it.
 */
@Command(name = "up", description = "Start the control API, the dashboard and (local deployer) a Flink cluster "
    + "with its web UI.")
final class UpCommand implements Callable<Integer> {
  @Option(names = "--port", description = "Port of the control API (default ${DEFAULT-VALUE}; 0 = any free port).",
      defaultValue = "8420")
  int port;

  @Option(names = "--host", description = "Address to listen on (default ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--sandbox-port", defaultValue = "8089",
      description = "Serve the bundled sandbox API on this port and create the `sandbox_demo` pipeline if absent "
          + "(default ${DEFAULT-VALUE}; 0 = any free port; -1 = no sandbox).")
  int sandboxPort;

  @Mixin HomeOption homeOption;

  static final String SANDBOX_PIPELINE = "sandbox_demo";
  static final String SANDBOX_SECRET = "sandbox-demo";

  @Override
  public Integer call() throws Exception {
    IngestHome home = homeOption.home();
    ApiToken token = ApiToken.resolve(System.getenv(), home.root());
    StoreConfig storeConfig = StoreConfig.fromEnvironment(System.getenv(), home.root().resolve("control"));
    CountDownLatch stopped = new CountDownLatch(1);
    DeployerSettings deployerSettings = DeployerSettings.load(home);
    CountDownLatch closed = new CountDownLatch(1);
    SandboxApi sandbox = startSandbox(home);
    try (sandbox; Database database = Database.open(storeConfig);
        OpenDeployer deployer = OpenDeployer.open(deployerSettings, home, homeOption.secrets(), Clock.systemUTC());
        ControlApi api = ControlApi.builder().home(home).database(database).deployer(deployer.deployer())
            .secrets(homeOption.secrets().open()).token(token).build().start(host, port)) {
      int restored = api.restoreDeployments();
      String url = "http://" + host + ":" + api.port();
      if (sandbox != null) {
        System.out.println("sandbox API  " + sandbox.baseUrl() + "   (pipeline " + SANDBOX_PIPELINE + ": "
            + ensureSandboxPipeline(url, token, sandbox) + ")");
        System.out.println("sandbox token in " + home.root().resolve(SandboxToken.FILE_NAME)
            + "   (the same on every start; secret " + SANDBOX_SECRET + ")");
      }
      System.out.println("control API  " + url + "   (OpenAPI: " + url + "/api/openapi.yaml)");
      System.out.println("dashboard    " + dashboardUrl(url));
      System.out.println("API token    in " + token.source() + "   (send Authorization: Bearer <token>)");
      System.out.println("store        " + database.describe());
      deployer.flinkUi().ifPresent(ui -> System.out.println("Flink UI     " + ui));
      System.out.println("deployer     " + deployer.description() + "; " + restored + " pipeline job(s) restored");
      if (token.source().equals(home.root().resolve(ApiToken.FILE_NAME).toString())) {
        System.out.println("try          curl -H \"Authorization: Bearer $(cat " + token.source() + ")\" "
            + url + "/api/connectors");
      }
      System.out.println("Ctrl-C to stop");
      // Ctrl-C: let this thread suspend the jobs and close everything before the JVM exits
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stopped.countDown();
        awaitQuietly(closed);
      }, "ingest-up-shutdown"));
      stopped.await();
      if (deployer.diesWithProcess()) {
        System.out.println("stopping pipeline jobs with savepoints: " + api.suspendDeployments() + " suspended");
      }
    } finally {
      closed.countDown();
    }
    return IngestCli.OK;
  }

  /**
   * Starts the bundled sandbox API with its token ({@link SandboxToken}: the same across restarts, in
   * {@code $INGEST_HOME/sandbox-token}), stores the token as secret {@value #SANDBOX_SECRET} and
   * allows the sandbox's address for this process only (the network policy refuses loopback otherwise).
   */
  private SandboxApi startSandbox(IngestHome home) throws Exception {
    if (sandboxPort < 0) {
      return null;
    }
    String sandboxToken = SandboxToken.load(home.root());
    SandboxApi sandbox = SandboxApi.builder().port(sandboxPort).requireBearerToken(sandboxToken).build().start();
    homeOption.secrets().open().write(SANDBOX_SECRET, Map.of("token", sandboxToken));
    NetworkSettings.allowEmbeddedServer(URI.create(sandbox.baseUrl()).getAuthority());
    return sandbox;
  }

  /**
   * Creates the sandbox pipeline through the control API itself (same validation as any client) unless a
   * pipeline of that name exists; it is created, not deployed: the dashboard's Deploy or Run now starts it.
   */
  static String ensureSandboxPipeline(String url, ApiToken token, SandboxApi sandbox) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> existing = http.send(HttpRequest.newBuilder(URI.create(url + "/api/pipelines/"
            + SANDBOX_PIPELINE)).header("Authorization", "Bearer " + token.reveal()).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (existing.statusCode() == 200) {
      return "exists";
    }
    String yaml = """
        name: %s
        description: The bundled sandbox API (Zendesk-, HubSpot-, GitHub- and Stripe-shaped endpoints).
        connector: sandbox
        config: {base_url: "%s"}
        credentials: {secret: %s}
        endpoints: [tickets, contacts, issues]
        schedule: "*/15 * * * *"
        """.formatted(SANDBOX_PIPELINE, sandbox.baseUrl(), SANDBOX_SECRET);
    HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url + "/api/pipelines"))
            .header("Authorization", "Bearer " + token.reveal()).header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IllegalStateException("creating the sandbox pipeline failed: HTTP " + created.statusCode() + " "
          + created.body());
    }
    return "created; deploy it from the dashboard";
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(2, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The dashboard's URL. It never carries the token: terminal output ends up in scrollback, screen shares and CI
   * logs, so the dashboard asks for the token once (from the file printed next to it) and keeps it in the tab.
   */
  static String dashboardUrl(String url) {
    return url + Dashboard.PATH + "/   (asks for the API token once)";
  }
}
