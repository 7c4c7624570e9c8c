package dev.ingest.sandbox;

import static dev.ingest.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxDataTest {

  @Test
  void servesAtLeastTenThousandRecordsByDefault() {
    SandboxApi sandbox = SandboxApi.builder().build();
    assertThat(sandbox.resources()).containsExactly("tickets", "contacts", "issues", "events");
    assertThat(sandbox.size("tickets")).isEqualTo(4_000);
    assertThat(sandbox.size("contacts")).isEqualTo(5_000);
    assertThat(sandbox.size("issues")).isEqualTo(3_000);
  }

  @Test
  void generatesTheSameRecordsInEveryInstance() {
    SandboxApi first = SandboxApi.builder().build();
    SandboxApi second = SandboxApi.builder().datasetSize("tickets", 10).build();
    for (String resource : List.of("tickets", "contacts", "issues")) {
      assertThat(first.records(resource).subList(0, 10))
          .isEqualTo(second.records(resource).subList(0, 10))
          .isEqualTo(first.records(resource).subList(0, 10));
    }
  }

  @Test
  void servesByteIdenticalPagesOnEveryCall() {
    try (SandboxApi sandbox = SandboxApi.builder().build().start()) {
      SandboxClient client = new SandboxClient(sandbox);
      for (String path : List.of("/api/v2/tickets?page=7", "/crm/v3/objects/contacts?limit=100",
          "/repos/acme/widgets/issues?page=3")) {
        assertThat(client.get(path).body()).isEqualTo(client.get(path).body());
      }
    }
  }

  @Test
  void increasesUpdatedAtWithTheRecordIndex() {
    SandboxApi sandbox = SandboxApi.builder().build();
    for (String resource : List.of("tickets", "contacts", "issues")) {
      String field = resource.equals("contacts") ? "updatedAt" : "updated_at";
      String created = resource.equals("contacts") ? "createdAt" : "created_at";
      Instant previous = Instant.MIN;
      for (ObjectNode record : sandbox.records(resource)) {
        Instant updated = Instant.parse(record.get(field).asText());
        assertThat(updated).as(resource).isAfter(previous)
            .isAfter(Instant.parse(record.get(created).asText()));
        previous = updated;
      }
    }
  }

  @Test
  void shapesTicketsLikeZendesk() {
    SandboxApi sandbox = SandboxApi.builder().build();
    ObjectNode ticket = sandbox.record("tickets", 0);
    assertThat(ticket.get("id").isInt()).isTrue();
    assertThat(ticket.get("id").asInt()).isEqualTo(1);
    assertThat(ticket.get("status").asText()).isIn("new", "open", "pending", "solved");
    assertThat(ticket.get("requester").get("email").asText()).contains("@");
    assertThat(ticket.get("tags").isArray()).isTrue();
    assertThat(ticket.get("custom_fields").get(0).fieldNames()).toIterable().containsExactly("id", "value");
    assertThat(ticket.get("satisfaction_score").isDouble()).isTrue();
    assertThat(ticket.fieldNames()).toIterable().containsExactly("id", "subject", "description", "status",
        "priority", "requester", "tags", "custom_fields", "satisfaction_score", "created_at", "updated_at");
    assertThat(sandbox.records("tickets")).extracting(t -> t.get("priority").getNodeType())
        .contains(JsonNodeType.NULL, JsonNodeType.STRING);
  }

  @Test
  void shapesContactsLikeHubSpot() {
    SandboxApi sandbox = SandboxApi.builder().build();
    ObjectNode contact = sandbox.record("contacts", 41);
    assertThat(contact.get("id").isTextual()).isTrue();
    assertThat(contact.get("id").asText()).isEqualTo("42");
    assertThat(contact.get("properties").fieldNames()).toIterable()
        .containsExactly("email", "firstname", "lastname", "lifecyclestage", "company");
    assertThat(contact.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(contact.get("archived").isBoolean()).isTrue();
  }

  @Test
  void shapesIssuesLikeGitHub() {
    SandboxApi sandbox = SandboxApi.builder().build();
    ObjectNode issue = sandbox.record("issues", 0);
    assertThat(issue.get("id").isLong()).as("id beyond the int range").isTrue();
    assertThat(issue.get("number").asInt()).isEqualTo(1);
    assertThat(issue.get("state").asText()).isIn("open", "closed");
    assertThat(issue.get("user").fieldNames()).toIterable().containsExactly("login", "id");
    assertThat(issue.get("node_id").asText()).startsWith("I_");
    assertThat(sandbox.records("issues")).extracting(i -> i.get("body").getNodeType())
        .contains(JsonNodeType.NULL, JsonNodeType.STRING);
    assertThat(sandbox.records("issues")).extracting(i -> i.get("labels").size()).contains(0, 3);
  }

  @Test
  void servesTenMillionRecordsWithoutHoldingThem() {
    try (SandboxApi sandbox = SandboxApi.builder().datasetSize("issues", 10_000_000).build().start()) {
      SandboxClient client = new SandboxClient(sandbox);
      JsonNode lastPage = json(client.get("/repos/acme/widgets/issues?per_page=100&page=100000"));
      assertThat(lastPage).hasSize(100);
      assertThat(lastPage.get(99).get("number").asInt()).isEqualTo(10_000_000);
      assertThat(lastPage.get(99)).isEqualTo(sandbox.record("issues", 9_999_999));
      String since = sandbox.record("issues", 9_999_990).get("updated_at").asText();
      assertThat(json(client.get("/repos/acme/widgets/issues?since=" + since))).hasSize(10);
    }
  }

  @Test
  void rejectsUnknownResources() {
    SandboxApi sandbox = SandboxApi.builder().build();
    assertThatThrownBy(() -> sandbox.size("deals")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown sandbox resource 'deals'");
    assertThatThrownBy(() -> SandboxApi.builder().datasetSize("deals", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.record("tickets", 4_000)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
