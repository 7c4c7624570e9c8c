package dev.ingest.control.api;

import static dev.ingest.control.api.ApiFixture.json;
import static dev.ingest.control.api.ApiFixture.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials are stored through the secret store, checked against the connector's form, and never echoed. */
class CredentialRoutesTest {
  static final String CANARY = "sbx_CANARY_8f3a1c9e77d2";

  @TempDir Path dir;
  ApiFixture api;

  @BeforeEach
  void start() {
    api = new ApiFixture(dir);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void storesASecretAndNeverReturnsTheValue() throws Exception {
    HttpResponse<String> response = api.call("PUT", "/api/credentials/crm-token",
        "{\"connector\":\"sandbox\",\"fields\":{\"token\":\"" + CANARY + "\"}}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).doesNotContain(CANARY);
    assertThat(json(response).path("fields").get(0).asText()).isEqualTo("token");
    assertThat(api.secrets.read("crm-token")).contains(Map.of("token", CANARY));
  }

  @Test
  void pipelineCredentialGoesToThePipelinesSecretAndNeverAppearsInPipelineResponses() throws Exception {
    api.call("POST", "/api/pipelines", pipeline("crm"));

    HttpResponse<String> put = api.call("PUT", "/api/pipelines/crm/credentials",
        "{\"fields\":{\"token\":\"" + CANARY + "\"}}");

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(json(put).path("secret").asText()).isEqualTo("crm-token");
    assertThat(api.secrets.read("crm-token")).contains(Map.of("token", CANARY));
    for (String path : new String[] {"/api/pipelines", "/api/pipelines/crm", "/api/pipelines/crm/health",
        "/api/pipelines/crm/runs"}) {
      assertThat(api.get(path).body()).as(path).doesNotContain(CANARY);
    }
  }

  @Test
  void fieldsAreCheckedAgainstTheConnectorsFormWithoutEchoingValues() {
    HttpResponse<String> response = api.call("PUT", "/api/credentials/crm-token",
        "{\"connector\":\"sandbox\",\"fields\":{\"bogus\":\"" + CANARY + "\"}}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json(response).path("errors")).extracting(e -> e.path("field").asText())
        .containsExactlyInAnyOrder("fields.bogus", "fields.token");
    assertThat(response.body()).doesNotContain(CANARY);
  }

  @Test
  void malformedBodiesAreRejectedWithoutQuotingThem() {
    HttpResponse<String> notJson = api.call("PUT", "/api/credentials/crm-token", "{\"fields\":{\"token\":" + CANARY);
    HttpResponse<String> notString = api.call("PUT", "/api/credentials/crm-token", "{\"fields\":{\"token\":42}}");
    HttpResponse<String> badName = api.call("PUT", "/api/credentials/bad%20name", "{\"fields\":{\"token\":\"x\"}}");

    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).doesNotContain(CANARY);
    assertThat(notString.statusCode()).isEqualTo(422);
    assertThat(json(notString).path("errors").get(0).path("field").asText()).isEqualTo("fields.token");
    assertThat(badName.statusCode()).isEqualTo(400);
  }
}
