package dev.ingest.control.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./ingest connectors --json} lists every built-in connector with its endpoints. */
class ConnectorsCommandTest {

  @Test
  void jsonListsAllProviderConnectorsWithTheirEndpoints() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = IngestCli.execute("connectors", "--json");
    } finally {
      System.setOut(original);
    }

    assertThat(exit).isEqualTo(IngestCli.OK);
    JsonNode array = new ObjectMapper().readTree(out.toByteArray());
    List<String> names = new ArrayList<>();
    int endpoints = 0;
    for (JsonNode connector : array) {
      names.add(connector.get("name").asText());
      endpoints += connector.get("endpoints").size();
    }
    assertThat(names).contains("asana", "github", "greenhouse", "hubspot", "intercom", "jira", "linear",
        "mailchimp", "notion", "pipedrive", "salesforce", "shopify", "slack", "stripe", "zendesk", "sandbox");
    assertThat(endpoints).isGreaterThanOrEqualTo(60);
    assertThat(array.findValues("endpoints").get(names.indexOf("jira")).toString()).contains("\"issues\"");
    JsonNode jiraMethods = array.get(names.indexOf("jira")).get("auth_methods");
    assertThat(jiraMethods).extracting(m -> m.get("name").asText()).containsExactly("api_token", "oauth2");
    assertThat(jiraMethods.get(1).get("credentials")).extracting(JsonNode::asText)
        .containsExactly("client_id", "client_secret", "refresh_token");
    assertThat(array.get(names.indexOf("stripe")).get("auth_methods")).hasSize(1);
  }
}
