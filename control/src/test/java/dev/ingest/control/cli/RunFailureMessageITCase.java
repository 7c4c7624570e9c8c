package dev.ingest.control.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.SecretSettings;
import dev.ingest.testkit.ExternalServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first {@code run --once} against a port nothing listens on says what {@code check} says: the request (method
 * and URL, query credentials masked), the class {@code NETWORK} and how many attempts were made; never only the
 * innermost exception's class name, never the secret.
 */
class RunFailureMessageITCase {
  @TempDir Path home;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @Test
  void closedPortNamesMethodUrlClassAndAttempts() throws Exception {
    int port = ExternalServer.freePort();
    SecretSettings.provider(new IngestHome(home)).open().write("closed", Map.of("key", "tok-closed-port-123"));
    Files.writeString(home.resolve("config.yaml"), "network: {allowed_hosts: [127.0.0.1]}\n");
    // a connector without a declared schema: the first run discovers it from page 1, in the CLI process
    Files.writeString(home.resolve("keyed.yaml"), """
        name: keyed
        base_url: "{{ config.base_url }}"
        config:
          base_url: {required: true}
        credentials:
          key: {label: API key}
        auth:
          type: api_key
          api_key: {in: query, name: api_key, value: "{{ credentials.key }}"}
        endpoints:
          items: {path: /v1/items, params: {limit: "50"}, records: data}
        """);
    Path file = home.resolve("p.yaml");
    Files.writeString(file, """
        name: closed
        connector_file: keyed.yaml
        config: {base_url: "http://127.0.0.1:%d"}
        credentials: {secret: closed}
        endpoints: [items]
        schedule: "0 * * * *"
        runtime:
          retry: {max_attempts: 2, base_delay: 10ms, max_delay: 20ms}
        """.formatted(port));

    int exit = IngestCli.execute("run", "--once", "--home", home.toString(), file.toString());

    String all = console.out() + console.err();
    assertThat(exit).as("stdout: %s stderr: %s", console.out(), console.err()).isEqualTo(IngestCli.FAILED);
    // the wording check uses (FailureText): class, method, URL, cause, attempts; the first run's discovery failed,
    // so the endpoint's FAILED row says so (SchemaDiscoveryITCase) and counts both attempts
    assertThat(all).contains("NETWORK: schema discovery at job start failed")
        .contains("GET http://127.0.0.1:" + port + "/v1/items?limit=50: HttpHostConnectException: Connect to "
            + "http://127.0.0.1:" + port + " failed: Connection refused (gave up after 2 attempts)");
    assertThat(all).containsPattern("items +FAILED +0 +0 +2 ");
    assertThat(all).doesNotContain("tok-closed-port-123").doesNotContain("api_key=");
  }
}
