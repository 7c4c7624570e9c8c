package dev.ingest.sandbox;

import static dev.ingest.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxRoutingTest {
  private SandboxApi sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() {
    sandbox = SandboxApi.builder().build().start();
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void answersUnknownPathsWithJson404() {
    HttpResponse<String> response = client.get("/api/v2/users");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("message").asText()).isEqualTo("No sandbox resource at /api/v2/users");
    assertThat(sandbox.requestCount()).isEqualTo(1);
    assertThat(sandbox.requestCount("tickets")).isZero();
  }

  @Test
  void acceptsTheZendeskJsonSuffix() {
    assertThat(json(client.get("/api/v2/tickets.json?per_page=3")).get("tickets")).hasSize(3);
  }

  @Test
  void rejectsMalformedParametersWithProviderShaped400() {
    HttpResponse<String> perPage = client.get("/api/v2/tickets?per_page=abc");
    assertThat(perPage.statusCode()).isEqualTo(400);
    assertThat(json(perPage).get("description").asText()).contains("per_page");

    assertThat(client.get("/api/v2/tickets?page=0").statusCode()).isEqualTo(400);
    assertThat(client.get("/repos/acme/widgets/issues?per_page=-5").statusCode()).isEqualTo(400);
    assertThat(client.get("/repos/acme/widgets/issues?since=yesterday").statusCode()).isEqualTo(400);
    assertThat(client.get("/api/v2/tickets?page=%C3%28").statusCode()).isEqualTo(400);

    HttpResponse<String> after = client.get("/crm/v3/objects/contacts?after=not-a-token");
    assertThat(after.statusCode()).isEqualTo(400);
    assertThat(json(after).get("category").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(json(after).get("message").asText()).contains("after");
  }

  @Test
  void ignoresUnknownParameters() {
    assertThat(client.get("/repos/acme/widgets/issues?state=all&sort=updated").statusCode()).isEqualTo(200);
  }

  @Test
  void rejectsOtherMethodsThanGet() throws Exception {
    HttpResponse<String> response = client.send(client.request(sandbox.url("contacts"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void delaysEveryRequestByTheConfiguredLatency() {
    try (SandboxApi slow = SandboxApi.builder().latency(Duration.ofMillis(120)).build().start()) {
      SandboxClient slowClient = new SandboxClient(slow);
      for (String path : new String[] {"/api/v2/tickets", "/nowhere"}) {
        long started = System.nanoTime();
        slowClient.get(path);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
      }
    }
  }

  @Test
  void closesIdempotently() {
    sandbox.close();
    sandbox.close();
  }
}
