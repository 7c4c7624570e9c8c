package dev.ingest.control.api;

import static dev.ingest.control.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.control.connection.FakeTodoist;
import dev.ingest.testkit.AirbyteCorpus;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manifests the home offers ({@code airbyte.manifest_dirs}) are in the connector catalog with the credential form
 * from their {@code connection_specification}, and pipelines name them through the API like built-in connectors.
 */
class ManifestConnectorsRoutesTest {
  @TempDir Path dir;
  ApiFixture api;

  @BeforeEach
  void start() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path folder = Files.createDirectories(home.resolve("manifests"));
    for (String manifest : List.of("source-todoist.yaml", "source-workable.yaml")) {
      Files.copy(AirbyteCorpus.manifest(manifest), folder.resolve(manifest));
    }
    // needs Python: not in the catalog (connectors inspect says why)
    Files.copy(AirbyteCorpus.manifest("NEGATIVE-source-the-guardian-api.yaml"),
        folder.resolve("source-the-guardian-api.yaml"));
    Files.writeString(home.resolve("config.yaml"), "airbyte: {manifest_dirs: [manifests]}\n");
    api = new ApiFixture(dir);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void theCatalogListsOfferedManifestsWithTheirCredentialForm() {
    JsonNode all = json(api.get("/api/connectors"));
    List<String> manifests = new ArrayList<>();
    all.forEach(c -> {
      if ("airbyte_manifest".equals(c.path("kind").asText())) {
        manifests.add(c.path("name").asText());
      }
    });
    assertThat(manifests).containsExactly("todoist", "workable");

    JsonNode todoist = json(api.get("/api/connectors/todoist"));
    assertThat(todoist.path("kind").asText()).isEqualTo("airbyte_manifest");
    assertThat(todoist.path("credentials").toString()).isEqualTo("[{\"key\":\"token\",\"label\":\"token\","
        + "\"secret\":true,\"required\":true,\"help\":\"API authorization bearer token for authenticating the API\"}]");
    assertThat(todoist.path("endpoints").get(0).path("name").asText()).isEqualTo("tasks");
    assertThat(todoist.path("endpoints").get(0).path("runnable").asBoolean()).isTrue();
    JsonNode form = todoist.path("credential_form");
    assertThat(form.path("fields").get(0).path("path").asText()).isEqualTo("token");
    assertThat(form.path("fields").get(0).path("secret").asBoolean()).isTrue();

    HttpResponse<String> missing = api.get("/api/connectors/the_guardian_api");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).path("message").asText()).contains("todoist").contains("workable");
  }

  @Test
  void aPipelineNamesAnOfferedManifestThroughTheApi() {
    HttpResponse<String> created = api.call("POST", "/api/pipelines", "{\"name\":\"tasks_by_name\","
        + "\"connector\":\"todoist\",\"config\":{\"url_base\":\"http://127.0.0.1:9/rest/v2\"},"
        + "\"credentials\":{\"secret\":\"todoist\"},\"endpoints\":[\"tasks\"],\"schedule\":\"0 * * * *\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    HttpResponse<String> inline = api.call("POST", "/api/pipelines", "{\"name\":\"inline_secret\","
        + "\"connector\":\"todoist\",\"config\":{\"token\":\"tok-CANARY\"},\"endpoints\":[\"tasks\"],"
        + "\"schedule\":\"0 * * * *\"}");
    assertThat(inline.statusCode()).isEqualTo(422);
    assertThat(inline.body()).contains("config.token").doesNotContain("tok-CANARY");
  }

  @Test
  void theConnectionTestFetchesEachStreamsFirstPageThroughTheManifest() throws Exception {
    try (FakeTodoist todoist = new FakeTodoist("tok-RIGHT-4411")) {
      String body = "{\"connector\":\"todoist\",\"config\":{\"url_base\":\"" + todoist.urlBase() + "\"},"
          + "\"credentials\":{\"fields\":{\"token\":\"%s\"}},\"endpoints\":[\"tasks\",\"projects\"]}";
      HttpResponse<String> right = api.call("POST", "/api/connections/test", body.formatted("tok-RIGHT-4411"));
      assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
      JsonNode result = json(right);
      assertThat(result.path("ok").asBoolean()).isTrue();
      assertThat(result.path("endpoints").get(0).path("endpoint").asText()).isEqualTo("tasks");
      assertThat(result.path("endpoints").get(0).path("records").asInt()).isEqualTo(3);
      assertThat(result.path("endpoints").get(0).path("requests").asInt()).isEqualTo(1);
      assertThat(result.path("endpoints").get(1).path("records").asInt()).isEqualTo(2);
      assertThat(result.path("endpoints").get(1).path("first_record").toString())
          .isEqualTo("{\"id\":\"p1\",\"name\":\"Project 1\"}");
      assertThat(todoist.requests()).containsExactly("GET /rest/v2/tasks Bearer ok", "GET /rest/v2/projects Bearer ok");
      assertThat(right.body()).doesNotContain("tok-RIGHT-4411");

      HttpResponse<String> wrong = api.call("POST", "/api/connections/test", body.formatted("tok-WRONG-0907"));
      assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(200);
      JsonNode failed = json(wrong).path("endpoints").get(0);
      assertThat(json(wrong).path("ok").asBoolean()).isFalse();
      assertThat(failed.path("error_class").asText()).isEqualTo("AUTH_FAILED");
      assertThat(failed.path("http_status").asInt()).isEqualTo(401);
      assertThat(wrong.body()).doesNotContain("tok-WRONG-0907");
    }
  }
}
