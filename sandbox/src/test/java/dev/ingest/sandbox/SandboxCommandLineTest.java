package dev.ingest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SandboxCommandLineTest {

  @Test
  void parsesEveryOption() {
    SandboxApi sandbox = SandboxCommandLine.parse(new String[] {
        "--port", "0", "--latency-ms", "5", "--token", "t", "--max-page-size", "10", "--size", "tickets=12"
    }).build().start();
    try (sandbox) {
      assertThat(sandbox.size("tickets")).isEqualTo(12);
      SandboxClient client = new SandboxClient(sandbox);
      assertThat(client.get("/api/v2/tickets").statusCode()).isEqualTo(401);
      assertThat(SandboxClient.json(client.get("/api/v2/tickets", "Authorization", "Bearer t")).get("tickets"))
          .hasSize(10);
    }
  }

  @Test
  void defaultsToAFixedPort() {
    SandboxApi.Builder builder = SandboxCommandLine.parse(new String[0]);
    assertThat(builder).isNotNull();
    assertThat(SandboxCommandLine.DEFAULT_PORT).isEqualTo(8089);
  }

  @Test
  void rejectsUnknownOrIncompleteOptions() {
    assertThatThrownBy(() -> SandboxCommandLine.parse(new String[] {"--verbose", "1"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown option --verbose");
    assertThatThrownBy(() -> SandboxCommandLine.parse(new String[] {"--port"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("missing value after --port");
  }
}
