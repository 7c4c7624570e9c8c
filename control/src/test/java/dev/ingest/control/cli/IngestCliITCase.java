package dev.ingest.control.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sandbox.SandboxApi;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.SecretSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./ingest} commands end to end, in process: the demo lands the sandbox's records and {@code tables}
 * agrees; {@code run} rejects an invalid pipeline with exit code 2 naming the field, and a run whose credential
 * the API refuses ends with exit code 1 and says the endpoint failed on authentication.
 */
class IngestCliITCase {
  @TempDir Path home;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @Test
  void demoLandsEverySandboxRecordAndTablesAgrees() {
    int exit = IngestCli.execute("demo", "--home", home.toString());

    assertThat(exit).as("exit code; stderr: %s", console.err()).isEqualTo(IngestCli.OK);
    assertThat(stdout()).contains("every endpoint landed exactly the records the sandbox served")
        .containsPattern("tickets\\s+SUCCEEDED\\s+4000")
        .containsPattern("contacts\\s+SUCCEEDED\\s+5000")
        .containsPattern("issues\\s+SUCCEEDED\\s+3000");

    console.reset();
    assertThat(IngestCli.execute("tables", "--home", home.toString())).isEqualTo(IngestCli.OK);
    assertThat(stdout()).containsPattern("demo\\.tickets\\s+4000").containsPattern("demo\\.contacts\\s+5000")
        .containsPattern("demo\\.issues\\s+3000").containsPattern("demo\\._ingest_runs\\s+3");
  }

  @Test
  void invalidPipelineExitsWithTwoAndNamesTheField() throws Exception {
    Path file = home.resolve("bad.yaml");
    Files.writeString(file, """
        name: bad
        connector: sandbox
        credentials: {secret: s}
        endpoints: [tickets, nope]
        schedule: "not a cron"
        """);

    int exit = IngestCli.execute("run", "--once", "--home", home.toString(), file.toString());

    assertThat(exit).isEqualTo(IngestCli.INVALID);
    assertThat(console.err()).contains("endpoints[1]").contains("schedule");
    assertThat(home.resolve("warehouse/bad")).as("nothing created for an invalid pipeline").doesNotExist();
  }

  @Test
  void rejectedCredentialFailsTheRunWithExitOneAndSaysWhy() throws Exception {
    try (SandboxApi sandbox = SandboxApi.builder().port(0).requireBearerToken("right-token")
        .datasetSize("tickets", 150).build().start()) {
      SecretSettings.provider(new IngestHome(home)).open().write("wrong", Map.of("token", "wrong-token"));
      // the sandbox listens on loopback: allowed explicitly, as an operator would (docs/reliability.md)
      Files.writeString(home.resolve("config.yaml"), "network: {allowed_hosts: [127.0.0.1]}\n");
      Path file = home.resolve("p.yaml");
      Files.writeString(file, """
          name: authfail
          connector: sandbox
          config: {base_url: "%s"}
          credentials: {secret: wrong}
          endpoints: [tickets]
          schedule: "0 * * * *"
          """.formatted(sandbox.baseUrl()));

      int exit = IngestCli.execute("run", "--once", "--home", home.toString(), file.toString());

      assertThat(exit).as("stdout: %s stderr: %s", console.out(), console.err()).isEqualTo(IngestCli.FAILED);
      assertThat(stdout()).containsPattern("tickets\\s+FAILED");
      assertThat(stdout() + console.err()).contains("AUTH").doesNotContain("wrong-token");
    }
  }

  private String stdout() {
    return console.out();
  }
}
