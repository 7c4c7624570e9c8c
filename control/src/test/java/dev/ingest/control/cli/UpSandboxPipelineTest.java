package dev.ingest.control.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.control.api.ApiToken;
import dev.ingest.control.api.ControlApi;
import dev.ingest.control.deploy.localrun.LocalRunDeployer;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.NetworkSettings;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.jobs.SecretSettings;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `./ingest up` does for the bundled sandbox: the sandbox's own address is allowed for this process only,
 * the sandbox pipeline is created once through the control API (with its normal validation), and another loopback
 * address stays refused.
 */
class UpSandboxPipelineTest {
  private static final String TOKEN = "up-test-token-0123456789";
  @TempDir Path dir;

  @Test
  void createsTheSandboxPipelineOnceAndAllowsOnlyTheSandboxAddress() throws Exception {
    IngestHome home = new IngestHome(dir.resolve("home"));
    SecretStoreProvider secrets = SecretSettings.provider(home);
    try (SandboxApi sandbox = SandboxApi.builder().port(0).requireBearerToken("sbx").build().start()) {
      NetworkSettings.allowEmbeddedServer(URI.create(sandbox.baseUrl()).getAuthority());
      try (Database database = Database.open(StoreConfig.embedded(dir.resolve("db")));
          LocalRunDeployer deployer = new LocalRunDeployer(home, secrets, Clock.systemUTC());
          ControlApi api = ControlApi.builder().home(home).database(database).deployer(deployer).secrets(secrets.open())
              .token(ApiToken.of(TOKEN)).syncInterval(Duration.ZERO).build().start("127.0.0.1", 0)) {
        String url = "http://127.0.0.1:" + api.port();

        assertThat(UpCommand.ensureSandboxPipeline(url, ApiToken.of(TOKEN), sandbox)).startsWith("created");
        assertThat(UpCommand.ensureSandboxPipeline(url, ApiToken.of(TOKEN), sandbox)).isEqualTo("exists");

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create(url + "/api/pipelines/"
            + UpCommand.SANDBOX_PIPELINE)).header("Authorization", "Bearer " + TOKEN).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).contains(sandbox.baseUrl());

        String other = """
            name: elsewhere
            connector: sandbox
            config: {base_url: "http://127.0.0.1:1"}
            credentials: {secret: s}
            endpoints: [tickets]
            schedule: "0 * * * *"
            """;
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(url + "/api/pipelines"))
            .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(other)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("config.base_url").contains("loopback");
      }
    }
  }
}
