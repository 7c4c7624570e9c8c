package dev.ingest.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.spec.FieldError;
import dev.ingest.sources.spec.SpecException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server-side request forgery guard as pipelines meet it: base URLs checked against the network settings. */
class AddressPolicyLoaderTest {
  @TempDir Path dir;

  private static String pipeline(String baseUrl) {
    return """
        name: p
        connector: sandbox
        config: {base_url: "%s"}
        credentials: {secret: s}
        endpoints: [tickets]
        schedule: "0 * * * *"
        """.formatted(baseUrl);
  }

  private PipelineSpec load(PipelineLoader loader, String yaml) throws SpecException {
    return loader.parse("p.yaml", yaml.getBytes(StandardCharsets.UTF_8), dir);
  }

  @Test
  void refusesTheCloudMetadataServiceByDefaultNamingTheConfigField() {
    PipelineLoader loader = new PipelineLoader(new IngestHome(dir).specDefaults());

    assertThatThrownBy(() -> load(loader, pipeline("http://169.254.169.254/latest")))
        .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.errors()).singleElement()
            .satisfies(error -> {
              assertThat(error.path()).isEqualTo("config.base_url");
              assertThat(error.message()).contains("cloud metadata").contains("INGEST_ALLOW_PRIVATE_NETWORKS");
            }));
  }

  @Test
  void refusesALoopbackBaseUrlWrittenInAConnectorFile() throws Exception {
    Files.writeString(dir.resolve("mine.yaml"), """
        name: mine
        base_url: http://127.0.0.1:8080/api
        endpoints:
          items: {path: /items, records: items}
        """);
    String yaml = """
        name: p
        connector_file: mine.yaml
        endpoints: [items]
        schedule: "0 * * * *"
        """;

    assertThatThrownBy(() -> load(new PipelineLoader(new IngestHome(dir).specDefaults()), yaml))
        .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.errors())
            .extracting(FieldError::path).containsExactly("connector_file.base_url"));
  }

  @Test
  void theOperatorsConfigAllowsAHostOrEveryPrivateNetwork() throws Exception {
    IngestHome home = new IngestHome(dir);
    Files.writeString(home.configFile(), "network:\n  allowed_hosts: [\"127.0.0.1:8089\", 10.0.0.5]\n");

    PipelineLoader loader = new PipelineLoader(home.specDefaults());
    assertThat(load(loader, pipeline("http://127.0.0.1:8089")).config()).containsEntry("base_url",
        "http://127.0.0.1:8089");
    assertThat(load(loader, pipeline("http://10.0.0.5/v1")).name()).isEqualTo("p");
    assertThatThrownBy(() -> load(loader, pipeline("http://127.0.0.1:9999"))).isInstanceOf(SpecException.class);

    AddressPolicy open = NetworkSettings.policy(home, Map.of(NetworkSettings.ENV_ALLOW_PRIVATE, "true"));
    assertThat(load(new PipelineLoader(home.specDefaults(open)),
        pipeline("http://192.168.1.20")).name()).isEqualTo("p");
  }

  @Test
  void badNetworkSettingsFailNamingTheKey() throws Exception {
    IngestHome home = new IngestHome(dir);
    Files.writeString(home.configFile(), "network:\n  allow_private_networks: maybe\n");

    assertThatThrownBy(() -> NetworkSettings.policy(home, Map.of()))
        .hasMessageContaining("network.allow_private_networks").hasMessageContaining("true or false");
  }
}
