package dev.ingest.control.deployers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.control.deploy.kubernetes.KubernetesSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployerSettingsTest {
  @TempDir Path dir;

  private Path config(String yaml) throws Exception {
    return Files.writeString(dir.resolve("config.yaml"), yaml);
  }

  @Test
  void withoutConfigurationItIsTheLocalClusterWithItsWebUiOn8081() {
    DeployerSettings settings = DeployerSettings.load(dir.resolve("absent.yaml"), Map.of());

    assertThat(settings.type()).isEqualTo(DeployerSettings.Type.LOCAL);
    assertThat(settings.webPort()).isEqualTo(8081);
    assertThat(settings.slots()).isEqualTo(4);
    assertThat(settings.runRequestPoll()).isEqualTo(java.time.Duration.ofSeconds(2));
  }

  @Test
  void theRunRequestPollIsConfigurableAndBounded() {
    assertThat(DeployerSettings.load(dir.resolve("absent.yaml"), Map.of("INGEST_DEPLOYER_RUN_REQUEST_POLL_MS", "500"))
        .runRequestPoll()).isEqualTo(java.time.Duration.ofMillis(500));
    DeployerSettings tooFast = DeployerSettings.load(dir.resolve("absent.yaml"),
        Map.of("INGEST_DEPLOYER_RUN_REQUEST_POLL_MS", "10"));
    org.assertj.core.api.Assertions.assertThatThrownBy(tooFast::runRequestPoll)
        .hasMessage("deployer.run_request_poll_ms: must be at least 100, got 10");
  }

  @Test
  void environmentOverridesTheFileKeyByKey() throws Exception {
    Path jar = Files.writeString(dir.resolve("ingest-job.jar"), "jar");
    Path file = config("""
        secrets: {type: local}
        deployer:
          type: local
          rest_url: http://flink-a:8081
          job_jar: %s
        """.formatted(jar));

    DeployerSettings settings = DeployerSettings.load(file, Map.of("INGEST_DEPLOYER_TYPE", "session",
        "INGEST_DEPLOYER_REST_URL", "http://flink-b:8081/"));

    assertThat(settings.type()).isEqualTo(DeployerSettings.Type.SESSION);
    assertThat(settings.session().restUrl()).hasToString("http://flink-b:8081/");
    assertThat(settings.session().jobJar()).isEqualTo(jar);
    assertThat(settings.session().controlUrl()).isNull();
  }

  @Test
  void aControlUrlReachesTheSessionAndKubernetesJobs() throws Exception {
    Path jar = Files.writeString(dir.resolve("ingest-job.jar"), "jar");
    Path file = config("""
        deployer:
          type: session
          rest_url: http://flink-a:8081
          job_jar: %s
          control_url: http://ingest-control:8080
          namespace: ingest
          image: registry/ingest-job:1
          state_uri: s3://b/ingest
        """.formatted(jar));

    DeployerSettings settings = DeployerSettings.load(file, Map.of());

    assertThat(settings.session().controlUrl()).hasToString("http://ingest-control:8080");
    assertThat(settings.kubernetes().controlUrl()).hasToString("http://ingest-control:8080");
    assertThatThrownBy(() -> DeployerSettings.load(file, Map.of("INGEST_DEPLOYER_CONTROL_URL", "ingest-control:8080"))
        .session()).hasMessageContaining("deployer.control_url");
  }

  @Test
  void kubernetesSettingsComeWithTheirMaps() throws Exception {
    Path file = config("""
        deployer:
          type: kubernetes
          namespace: ingest
          mode: session
          session_cluster: ingest-session
          state_uri: s3://lake/ingest
          flink_configuration: {s3.endpoint: "http://minio:9000"}
          environment: {INGEST_SECRETS_TYPE: aws}
        """);

    KubernetesSettings k8s = DeployerSettings.load(file, Map.of()).kubernetes();

    assertThat(k8s.mode()).isEqualTo(KubernetesSettings.Mode.SESSION);
    assertThat(k8s.jarUri()).isEqualTo(DeployerSettings.DEFAULT_JAR_URI);
    assertThat(k8s.flinkConfiguration()).containsEntry("s3.endpoint", "http://minio:9000");
    assertThat(k8s.environment()).containsEntry("INGEST_SECRETS_TYPE", "aws");
  }

  @Test
  void badSettingsNameTheKey() throws Exception {
    assertThatThrownBy(() -> DeployerSettings.load(dir.resolve("absent.yaml"), Map.of("INGEST_DEPLOYER_TYPE", "yarn")))
        .hasMessageContaining("deployer.type").hasMessageContaining("yarn");
    assertThatThrownBy(() -> DeployerSettings.load(config("deployer: {type: session}"), Map.of()).session())
        .hasMessageContaining("deployer.rest_url: required");
    assertThatThrownBy(() -> DeployerSettings.load(config("deployer: {type: session, rest_url: http://f:8081, "
        + "job_jar: /nope/ingest-job.jar}"), Map.of()).session())
        .hasMessageContaining("deployer.job_jar: no file /nope/ingest-job.jar");
    assertThatThrownBy(() -> DeployerSettings.load(config("deployer: {restUrl: http://f:8081}"), Map.of()))
        .hasMessageContaining("deployer.restUrl: unknown setting");
    assertThatThrownBy(() -> DeployerSettings.load(config("deployer: {web_port: eighty}"), Map.of()).webPort())
        .hasMessageContaining("deployer.web_port");
    assertThatThrownBy(() -> DeployerSettings.load(config("deployer: {type: kubernetes, namespace: ingest, "
        + "state_uri: s3://l/i}"), Map.of()).kubernetes())
        .hasMessageContaining("deployer.image: required in application mode");
  }
}
