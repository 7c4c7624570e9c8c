package dev.ingest.sandbox;

import static dev.ingest.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxAuthTest {
  private static final String TOKEN = "s3cr3t-token";

  private SandboxApi sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() {
    sandbox = SandboxApi.builder().requireBearerToken(TOKEN).build().start();
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void rejectsRequestsWithoutTheTokenLikeEachProvider() {
    HttpResponse<String> tickets = client.get("/api/v2/tickets");
    assertThat(tickets.statusCode()).isEqualTo(401);
    assertThat(json(tickets).get("error").asText()).isEqualTo("Couldn't authenticate you");

    HttpResponse<String> contacts = client.get("/crm/v3/objects/contacts");
    assertThat(contacts.statusCode()).isEqualTo(401);
    assertThat(json(contacts).get("category").asText()).isEqualTo("INVALID_AUTHENTICATION");
    assertThat(json(contacts).get("status").asText()).isEqualTo("error");

    HttpResponse<String> issues = client.get("/repos/acme/widgets/issues");
    assertThat(issues.statusCode()).isEqualTo(401);
    assertThat(json(issues).get("message").asText()).isEqualTo("Bad credentials");
    assertThat(issues.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
  }

  @Test
  void rejectsAWrongTokenOrScheme() {
    assertThat(client.get("/api/v2/tickets", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
    assertThat(client.get("/api/v2/tickets", "Authorization", "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
    assertThat(client.get("/api/v2/tickets", "Authorization", "Basic " + TOKEN).statusCode()).isEqualTo(401);
  }

  @Test
  void servesRequestsWithTheToken() {
    HttpResponse<String> response = client.get("/api/v2/tickets", "Authorization", "Bearer " + TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("tickets")).hasSize(100);
    assertThat(client.get("/api/v2/tickets", "Authorization", "bearer " + TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void neverPrintsTheToken() {
    assertThat(sandbox.toString()).doesNotContain(TOKEN).contains("auth=bearer");
  }
}
