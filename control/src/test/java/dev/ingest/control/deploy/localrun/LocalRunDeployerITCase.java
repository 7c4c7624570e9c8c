package dev.ingest.control.deploy.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingest.control.api.ApiToken;
import dev.ingest.control.api.ControlApi;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.jobs.IngestHome;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.secret.LocalFileSecretStore;
import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane end to end on embedded defaults: create a pipeline against the sandbox API through the API,
 * store its credential, deploy it on the local deployer, run it now; rows land, and runs and health show them.
 * Then a wrong credential makes the next run fail with auth_failed naming the credential.
 */
class LocalRunDeployerITCase {
  static final String API_TOKEN = "itcase-token-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  int port;

  @Test
  void createDeployRunNowLandsRowsAndShowsRunsAndHealth() throws Exception {
    IngestHome home = new IngestHome(dir.resolve("home"));
    // the sandbox listens on loopback, which the network policy refuses unless the operator allows it
    Files.createDirectories(home.root());
    Files.writeString(home.configFile(), "network: {allowed_hosts: [\"127.0.0.1\"]}\n");
    String sandboxToken = "sbx_itcase_token";
    try (SandboxApi sandbox = SandboxApi.builder().port(0).requireBearerToken(sandboxToken).build().start();
        Database database = Database.open(StoreConfig.embedded(dir.resolve("db")));
        LocalRunDeployer deployer = new LocalRunDeployer(home,
            new LocalFileSecretStoreProvider(home.secretsFile().toString()), Clock.systemUTC());
        ControlApi api = ControlApi.builder().home(home).database(database).deployer(deployer)
            .addresses(AddressPolicy.strict().allowingBaseUrl(sandbox.baseUrl()))
            .secrets(new LocalFileSecretStore(home.secretsFile())).token(ApiToken.of(API_TOKEN))
            .syncInterval(Duration.ZERO).build().start("127.0.0.1", 0)) {
      port = api.port();
      String pipeline = """
          {"name": "support", "connector": "sandbox", "config": {"base_url": "%s"},
           "credentials": {"secret": "support-token"}, "endpoints": ["tickets", "contacts"],
           "schedule": "0 0 1 1 *", "runtime": {"parallelism": 1, "checkpoint_interval": "1s"}}
          """.formatted(sandbox.baseUrl());

      assertThat(call("POST", "/api/pipelines", pipeline).statusCode()).isEqualTo(201);
      assertThat(call("PUT", "/api/pipelines/support/credentials",
          "{\"fields\":{\"token\":\"" + sandboxToken + "\"}}").statusCode()).isEqualTo(200);
      assertThat(call("POST", "/api/pipelines/support/deploy", null).statusCode()).isEqualTo(200);
      assertThat(call("POST", "/api/pipelines/support/run", null).statusCode()).isEqualTo(202);

      JsonNode healthy = awaitHealth("healthy");
      assertThat(healthy.path("last_run_rows").asLong())
          .isEqualTo(sandbox.size("tickets") + sandbox.size("contacts"));
      Map<String, Long> rows = new HashMap<>();
      for (JsonNode run : json(call("GET", "/api/pipelines/support/runs", null))) {
        rows.put(run.path("endpoint").asText(), run.path("rows").asLong());
      }
      assertThat(rows).containsEntry("tickets", (long) sandbox.size("tickets"))
          .containsEntry("contacts", (long) sandbox.size("contacts"));

      call("PUT", "/api/pipelines/support/credentials", "{\"fields\":{\"token\":\"sbx_wrong\"}}");
      call("POST", "/api/pipelines/support/run", null);
      JsonNode authFailed = awaitHealth("auth_failed");
      assertThat(authFailed.path("failed_credential").asText()).isEqualTo("support-token");
    }
  }

  private JsonNode awaitHealth(String status) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      last[0] = json(call("GET", "/api/pipelines/support/health", null));
      assertThat(last[0].path("status").asText()).isEqualTo(status);
    });
    return last[0];
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + API_TOKEN).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }
}
