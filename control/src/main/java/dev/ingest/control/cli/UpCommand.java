package dev.ingest.control.cli;

import dev.ingest.control.api.ApiToken;
import dev.ingest.control.api.ControlApi;
import dev.ingest.control.localrun.LocalRunDeployer;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.jobs.IngestHome;
import dev.ingest.sources.secret.LocalFileSecretStore;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./ingest up}: starts the control API on embedded defaults — the H2 store under the Ingest home (or
 * PostgreSQL from {@code $INGEST_DB_URL}), the local secret store, and the local deployer — and serves until
 * Ctrl-C. Prints the URL and where the API token is.
 */
@Command(name = "up", description = "Start the control API (embedded store, local secret store, local deployer).")
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
    try (Database database = Database.open(storeConfig);
        LocalRunDeployer deployer = new LocalRunDeployer(home, homeOption.secrets(), Clock.systemUTC());
        ControlApi api = ControlApi.builder().home(home).database(database).deployer(deployer)
            .secrets(new LocalFileSecretStore(home.secretsFile())).token(token).build().start(host, port)) {
      int restored = api.restoreDeployments();
      String url = "http://" + host + ":" + api.port();
      System.out.println("control API  " + url + "   (OpenAPI: " + url + "/api/openapi.yaml)");
      System.out.println("API token    in " + token.source() + "   (send Authorization: Bearer <token>)");
      System.out.println("store        " + database.describe());
      System.out.println("deployer     local (each run on a Flink MiniCluster in this process); "
          + restored + " deployed pipeline(s) restored");
      if (token.source().equals(home.root().resolve(ApiToken.FILE_NAME).toString())) {
        System.out.println("try          curl -H \"Authorization: Bearer $(cat " + token.source() + ")\" "
            + url + "/api/connectors");
      }
      System.out.println("Ctrl-C to stop");
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "ingest-up-shutdown"));
      stopped.await();
    }
    return IngestCli.OK;
  }
}
