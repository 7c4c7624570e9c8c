package dev.ingest.control.cli;

import dev.ingest.control.api.ApiToken;
import dev.ingest.control.api.ControlApi;
import dev.ingest.control.dashboard.Dashboard;
import dev.ingest.control.deploy.DeployerSettings;
import dev.ingest.control.deploy.OpenDeployer;
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

  @Mixin HomeOption homeOption;

  @Override
  public Integer call() throws Exception {
    IngestHome home = homeOption.home();
    ApiToken token = ApiToken.resolve(System.getenv(), home.root());
    StoreConfig storeConfig = StoreConfig.fromEnvironment(System.getenv(), home.root().resolve("control"));
    CountDownLatch stopped = new CountDownLatch(1);
    DeployerSettings deployerSettings = DeployerSettings.load(home);
    CountDownLatch closed = new CountDownLatch(1);
    try (Database database = Database.open(storeConfig);
        OpenDeployer deployer = OpenDeployer.open(deployerSettings, home, homeOption.secrets(), Clock.systemUTC());
        ControlApi api = ControlApi.builder().home(home).database(database).deployer(deployer.deployer())
            .secrets(homeOption.secrets().open()).token(token).build().start(host, port)) {
      int restored = api.restoreDeployments();
      String url = "http://" + host + ":" + api.port();
      System.out.println("control API  " + url + "   (OpenAPI: " + url + "/api/openapi.yaml)");
      System.out.println("dashboard    " + dashboardUrl(url, token));
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

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(2, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The dashboard's URL. On an interactive terminal it carries the token in the URL fragment ({@code #token=}),
   * which browsers never send to a server (so it reaches no access log) and the dashboard removes from the address
   * bar at once; when the output may be captured (not a terminal), the URL has no token and the dashboard asks.
   */
  static String dashboardUrl(String url, ApiToken token) {
    String page = url + Dashboard.PATH + "/";
    return System.console() != null ? page + "#token=" + token.reveal() : page + "   (asks for the API token once)";
  }
}
