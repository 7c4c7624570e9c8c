package dev.ingest.control.api;

import static dev.ingest.control.api.ApiFixture.json;
import static dev.ingest.control.api.ApiFixture.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
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
  void fieldsAreCheckedAgainstTheNamedAuthMethodsForm() throws Exception {
    HttpResponse<String> oauth = api.call("PUT", "/api/credentials/jira-oauth", "{\"connector\":\"jira\","
        + "\"auth_method\":\"oauth2\",\"fields\":{\"client_id\":\"c\",\"client_secret\":\"" + CANARY + "\","
        + "\"refresh_token\":\"r\"}}");
    HttpResponse<String> wrongForm = api.call("PUT", "/api/credentials/jira-oauth", "{\"connector\":\"jira\","
        + "\"auth_method\":\"oauth2\",\"fields\":{\"email\":\"a@b.c\",\"api_token\":\"" + CANARY + "\"}}");
    HttpResponse<String> unknown = api.call("PUT", "/api/credentials/jira-oauth", "{\"connector\":\"jira\","
        + "\"auth_method\":\"saml\",\"fields\":{\"token\":\"" + CANARY + "\"}}");
    HttpResponse<String> noConnector = api.call("PUT", "/api/credentials/jira-oauth",
        "{\"auth_method\":\"oauth2\",\"fields\":{\"token\":\"x\"}}");

    assertThat(oauth.statusCode()).as(oauth.body()).isEqualTo(200);
    assertThat(api.secrets.read("jira-oauth")).hasValueSatisfying(
        fields -> assertThat(fields).containsOnlyKeys("client_id", "client_secret", "refresh_token"));
    assertThat(wrongForm.statusCode()).isEqualTo(422);
    assertThat(json(wrongForm).path("errors")).extracting(e -> e.path("field").asText())
        .contains("fields.email", "fields.client_id");
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(json(unknown).path("errors").get(0).path("field").asText()).isEqualTo("auth_method");
    assertThat(json(unknown).path("errors").get(0).path("message").asText()).contains("api_token, oauth2");
    assertThat(noConnector.statusCode()).isEqualTo(422);
    assertThat(List.of(oauth.body(), wrongForm.body(), unknown.body())).allSatisfy(b -> assertThat(b).doesNotContain(CANARY));
  }

  @Test
  void theConnectorCatalogShowsEveryAuthMethodWithItsForm() throws Exception {
    JsonNode jira = json(api.get("/api/connectors/jira"));

    assertThat(jira.path("default_auth_method").asText()).isEqualTo("api_token");
    assertThat(jira.path("auth_methods")).extracting(m -> m.path("name").asText())
        .containsExactly("api_token", "oauth2");
    assertThat(jira.path("auth_methods").get(1).path("auth").asText()).isEqualTo("oauth2");
    assertThat(jira.path("auth_methods").get(1).path("credentials")).extracting(f -> f.path("key").asText())
        .containsExactly("client_id", "client_secret", "refresh_token");
    assertThat(jira.path("credentials")).extracting(f -> f.path("key").asText()).containsExactly("email", "api_token");
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
