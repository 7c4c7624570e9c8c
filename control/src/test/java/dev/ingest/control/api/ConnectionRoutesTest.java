package dev.ingest.control.api;

import static dev.ingest.control.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.net.AddressPolicy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/connections/test} against the sandbox API (bearer token required): one first page per endpoint
 * through the runtime, the first record shown, a refused credential reported as AUTH_FAILED with its status, and no
 * credential value in any response.
 */
class ConnectionRoutesTest {
  static final String TOKEN = "sbx_RIGHT_5d1e0c7b42aa";
  static final String WRONG = "sbx_WRONG_9c2f8e61d0bb";

  @TempDir Path dir;
  SandboxApi sandbox;
  ApiFixture api;

  @BeforeEach
  void start() {
    sandbox = SandboxApi.builder().port(0).requireBearerToken(TOKEN)
        .datasetSize(SandboxApi.TICKETS, 120).datasetSize(SandboxApi.CONTACTS, 30).build().start();
    api = new ApiFixture(dir);
  }

  @AfterEach
  void stop() {
    api.close();
    sandbox.close();
  }

  private String body(String credentials, String endpoints) {
    return "{\"connector\":\"sandbox\",\"config\":{\"base_url\":\"" + sandbox.baseUrl() + "\"},"
        + "\"credentials\":" + credentials + ",\"endpoints\":" + endpoints + "}";
  }

  private HttpResponse<String> test(String credentials, String endpoints) {
    return api.call("POST", "/api/connections/test", body(credentials, endpoints));
  }

  @Test
  void rightTypedCredentialFetchesOneFirstPagePerEndpointWithItsFirstRecord() throws Exception {
    HttpResponse<String> response = test("{\"fields\":{\"token\":\"" + TOKEN + "\"}}", "[\"tickets\",\"contacts\"]");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode result = json(response);
    assertThat(result.path("ok").asBoolean()).isTrue();
    JsonNode tickets = result.path("endpoints").get(0);
    assertThat(tickets.path("endpoint").asText()).isEqualTo("tickets");
    assertThat(tickets.path("ok").asBoolean()).isTrue();
    assertThat(tickets.path("records").asInt()).isEqualTo(100); // the connector's page size, of 120
    assertThat(tickets.path("has_more").asBoolean()).isTrue();
    assertThat(tickets.path("requests").asInt()).isEqualTo(1);
    assertThat(tickets.path("error_class").isNull()).isTrue();
    assertThat(tickets.path("first_record")).isEqualTo(sandbox.record(SandboxApi.TICKETS, 0));
    JsonNode contacts = result.path("endpoints").get(1);
    assertThat(contacts.path("records").asInt()).isEqualTo(30);
    assertThat(contacts.path("has_more").asBoolean()).isFalse();
    assertThat(contacts.path("first_record")).isEqualTo(sandbox.record(SandboxApi.CONTACTS, 0));
    assertThat(sandbox.requestCount()).isEqualTo(2);
    assertThat(response.body()).doesNotContain(TOKEN);
    // a typed credential is never stored (the store holds only the control plane's own lease token)
    assertThat(api.secrets.names()).containsExactly("ingest.rate-budget-leases");
  }

  @Test
  void wrongTypedCredentialFailsAsAuthFailedWithTheStatusAndNoSecretInTheBody() throws Exception {
    HttpResponse<String> response = test("{\"fields\":{\"token\":\"" + WRONG + "\"}}", "[\"tickets\"]");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode result = json(response);
    assertThat(result.path("ok").asBoolean()).isFalse();
    JsonNode tickets = result.path("endpoints").get(0);
    assertThat(tickets.path("ok").asBoolean()).isFalse();
    assertThat(tickets.path("error_class").asText()).isEqualTo("AUTH_FAILED");
    assertThat(tickets.path("http_status").asInt()).isEqualTo(401);
    assertThat(tickets.path("records").asInt()).isZero();
    assertThat(tickets.path("first_record").isNull()).isTrue();
    assertThat(tickets.path("message").asText()).isNotBlank();
    assertThat(response.body()).doesNotContain(WRONG).doesNotContain(TOKEN);
    assertThat(sandbox.requestCount()).isEqualTo(1); // a refused credential is not retried
  }

  @Test
  void aStoredSecretIsTestedByName() throws Exception {
    api.secrets.write("crm-token", Map.of("token", TOKEN));

    JsonNode result = json(test("{\"secret\":\"crm-token\"}", "[\"tickets\"]"));
    JsonNode missing = json(test("{\"secret\":\"nope\"}", "[\"tickets\"]")).path("endpoints").get(0);

    assertThat(result.path("ok").asBoolean()).isTrue();
    assertThat(result.path("endpoints").get(0).path("records").asInt()).isEqualTo(100);
    assertThat(missing.path("error_class").asText()).isEqualTo("CONFIG");
    assertThat(missing.path("message").asText()).isEqualTo("secret 'nope' not found in the secret store");
    assertThat(missing.path("http_status").isNull()).isTrue();
  }

  @Test
  void theBodyIsCheckedAsAPipelineIsWithoutEchoingTypedValues() {
    HttpResponse<String> unknownField = test("{\"fields\":{\"bogus\":\"" + WRONG + "\"}}", "[\"tickets\"]");
    HttpResponse<String> unknownEndpoint = test("{\"fields\":{\"token\":\"" + WRONG + "\"}}", "[\"nope\"]");
    HttpResponse<String> both = test("{\"secret\":\"a\",\"fields\":{\"token\":\"" + WRONG + "\"}}", "[\"tickets\"]");

    assertThat(unknownField.statusCode()).isEqualTo(422);
    assertThat(json(unknownField).path("errors")).extracting(e -> e.path("field").asText())
        .containsExactlyInAnyOrder("fields.bogus", "fields.token");
    assertThat(unknownEndpoint.statusCode()).isEqualTo(422);
    assertThat(json(unknownEndpoint).path("errors")).extracting(e -> e.path("field").asText())
        .containsExactly("endpoints[0]");
    assertThat(json(both).path("errors")).extracting(e -> e.path("field").asText()).containsExactly("credentials");
    assertThat(unknownField.body() + unknownEndpoint.body() + both.body()).doesNotContain(WRONG);
    assertThat(sandbox.requestCount()).isZero();
  }

  @Test
  void theNetworkPolicyOfConnectorsApplies() {
    try (ApiFixture strict = new ApiFixture(dir.resolve("strict"), AddressPolicy.strict())) {
      HttpResponse<String> response = strict.call("POST", "/api/connections/test",
          body("{\"fields\":{\"token\":\"" + TOKEN + "\"}}", "[\"tickets\"]"));

      assertThat(response.statusCode()).isEqualTo(422);
      assertThat(json(response).path("errors")).extracting(e -> e.path("field").asText())
          .containsExactly("config.base_url");
    }
    assertThat(sandbox.requestCount()).isZero();
  }
}
