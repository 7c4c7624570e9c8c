package dev.ingest.control.api;

import static dev.ingest.control.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector catalog as the wizard reads it: settings with labels and help, endpoints with their default modes. */
class ConnectorRoutesTest {
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

  private static Map<String, String> byName(JsonNode array, String key, String value) {
    Map<String, String> out = new LinkedHashMap<>();
    array.forEach(e -> out.put(e.path(key).asText(), e.path(value).asText()));
    return out;
  }

  @Test
  void settingsCarryTheConnectorsLabelsAndHelp() {
    JsonNode github = json(api.get("/api/connectors/github"));

    assertThat(byName(github.path("config"), "key", "label")).containsExactly(Map.entry("base_url", "API base URL"),
        Map.entry("org", "Organization"), Map.entry("start_date", "Start date"),
        Map.entry("oauth_token_url", "OAuth token URL"));
    assertThat(github.path("config").get(1).path("description").asText())
        .isEqualTo("The organization (or user) whose repositories are read.");
  }

  @Test
  void endpointsStateTheWriteModeTheyGetByDefault() {
    JsonNode github = json(api.get("/api/connectors/github"));
    JsonNode sandbox = json(api.get("/api/connectors/sandbox"));

    // incremental with a primary key: upsert; not incremental: full refresh
    assertThat(byName(github.path("endpoints"), "name", "default_write_mode")).containsExactly(
        Map.entry("repositories", "full_refresh"), Map.entry("issues", "upsert"),
        Map.entry("issue_comments", "upsert"), Map.entry("pull_requests", "full_refresh"),
        Map.entry("commits", "upsert"), Map.entry("releases", "full_refresh"));
    assertThat(byName(github.path("endpoints"), "name", "incremental")).containsEntry("issues", "true")
        .containsEntry("repositories", "false");
    assertThat(byName(sandbox.path("endpoints"), "name", "default_write_mode")).containsExactly(
        Map.entry("tickets", "full_refresh"), Map.entry("contacts", "full_refresh"),
        Map.entry("issues", "full_refresh"), Map.entry("events", "full_refresh"));
  }
}
