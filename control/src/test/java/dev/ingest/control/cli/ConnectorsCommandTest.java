package dev.ingest.control.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingest.testkit.AirbyteCorpus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ingest connectors --json} lists every built-in connector with its endpoints; {@code connectors inspect}
 * lists an Airbyte manifest's streams, runnable or not and why, and refuses a manifest needing Python.
 */
class ConnectorsCommandTest {

  private static String[] run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = IngestCli.execute(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new String[] {Integer.toString(exit), stdout.toString(StandardCharsets.UTF_8),
        stderr.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void inspectListsEveryStreamOfAManifestAndWhySomeCannotRun(@TempDir Path dir) throws Exception {
    String[] result = run("connectors", "inspect", AirbyteCorpus.calendlyWithNestedDependency(dir).toString());

    assertThat(result[0]).isEqualTo(Integer.toString(IngestCli.OK));
    assertThat(result[1]).startsWith("manifest calendly: 5 of 6 streams can run\n")
        .contains("  api_user                  runnable  (primary key uri)\n")
        .contains("  event_invitees            not runnable: streams[5].retriever.partition_router."
            + "parent_stream_configs[0].incremental_dependency: not supported on a parent stream that itself sets "
            + "incremental_dependency on its own parent\n")
        .contains("secret (credentials.secret): api_key");
  }

  @Test
  void inspectRefusesAManifestThatNeedsPython() {
    String[] result = run("connectors", "inspect",
        AirbyteCorpus.manifest("NEGATIVE-source-the-guardian-api.yaml").toString());

    assertThat(result[0]).isEqualTo(Integer.toString(IngestCli.INVALID));
    assertThat(result[2]).contains("streams[0].retriever.paginator.pagination_strategy: CustomPaginationStrategy "
        + "needs Python code");
  }

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
