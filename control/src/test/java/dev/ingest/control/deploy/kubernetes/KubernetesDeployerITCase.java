package dev.ingest.control.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.control.deploy.DeployException;
import dev.ingest.control.model.Deployment;
import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.model.DeploymentStatus.State;
import dev.ingest.control.model.PipelineDefinition;
import dev.ingest.jobs.IngestHome;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubernetes deployer against fabric8's mock API server in CRUD mode (a real HTTP server on loopback). */
@EnableKubernetesMockClient(crud = true)
class KubernetesDeployerITCase {
  static final String NS = "ingest";
  static KubernetesClient client;
  static KubernetesMockServer server;

  @TempDir Path dir;
  private KubernetesDeployer deployer;

  static KubernetesSettings application() {
    return new KubernetesSettings(NS, KubernetesSettings.Mode.APPLICATION, null, "ghcr.io/acme/ingest-job:0.1.0",
        "local:///opt/flink/usrlib/ingest-job.jar", "ingest-flink", "s3://acme-lake/ingest",
        Map.of("s3.path.style.access", "true"), Map.of("INGEST_SECRETS_TYPE", "aws", "INGEST_SECRETS_REGION", "eu-west-1"));
  }

  static PipelineDefinition pipeline(String name, String schedule) {
    return new PipelineDefinition(name, """
        name: %s
        connector: sandbox
        config:
          base_url: http://sandbox.ingest.svc:8089
        credentials:
          secret: asana-prod
        endpoints: [tickets, contacts]
        schedule: "%s"
        """.formatted(name, schedule));
  }

  @BeforeEach
  void setUp() {
    deployer = new KubernetesDeployer(client, application(), new IngestHome(dir),
        Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
  }

  private GenericKubernetesResource stored(String name) {
    return client.genericKubernetesResources(FlinkResources.DEPLOYMENTS).inNamespace(NS).withName(name).get();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String key) {
    return (Map<String, Object>) ((Map<String, Object>) o).get(key);
  }

  @Test
  void createsAnApplicationModeFlinkDeploymentThatUpgradesFromSavepoints() throws Exception {
    Deployment d = deployer.deploy(pipeline("support", "*/15 * * * *"), null);
    assertThat(d).isEqualTo(new Deployment("support", "kubernetes", "ingest-support", null));
    GenericKubernetesResource r = stored("ingest-support");
    assertThat(r.getKind()).isEqualTo("FlinkDeployment");
    assertThat(r.getMetadata().getLabels()).containsEntry(FlinkResources.PIPELINE_LABEL, "support");
    Map<String, Object> spec = map(r.getAdditionalProperties(), "spec");
    assertThat(spec).containsEntry("flinkVersion", "v2_1").containsEntry("image", "ghcr.io/acme/ingest-job:0.1.0")
        .containsEntry("serviceAccount", "ingest-flink");
    Map<String, Object> job = map(spec, "job");
    assertThat(job).containsEntry("upgradeMode", "savepoint").containsEntry("state", "running")
        .containsEntry("entryClass", "dev.ingest.jobs.IngestJob")
        .containsEntry("jarURI", "local:///opt/flink/usrlib/ingest-job.jar");
    @SuppressWarnings("unchecked")
    List<String> args = (List<String>) job.get("args");
    assertThat(args.get(0)).isEqualTo("--pipeline-base64");
    assertThat(new String(Base64.getDecoder().decode(args.get(1)), StandardCharsets.UTF_8))
        .contains("name: support").contains("secret: asana-prod");
    assertThat(map(spec, "flinkConfiguration"))
        .containsEntry("state.backend.type", "rocksdb")
        .containsEntry("execution.checkpointing.incremental", "true")
        .containsEntry("execution.checkpointing.dir", "s3://acme-lake/ingest/checkpoints/ingest-support")
        .containsEntry("high-availability.type", "kubernetes")
        .containsEntry("job.autoscaler.enabled", "true")
        .containsEntry("s3.path.style.access", "true");
    assertThat(Serialization.asJson(map(spec, "podTemplate"))).contains("INGEST_SECRETS_TYPE", "flink-main-container");
  }

  @Test
  void aChangedPipelineUpdatesTheSpecInPlaceAndAPausedOneStaysPaused() throws Exception {
    Deployment d = deployer.deploy(pipeline("billing", "*/15 * * * *"), null);
    deployer.pause(d);
    assertThat(map(map(stored(d.id()).getAdditionalProperties(), "spec"), "job")).containsEntry("state", "suspended");

    deployer.deploy(pipeline("billing", "0 * * * *"), d);
    Map<String, Object> job = map(map(stored(d.id()).getAdditionalProperties(), "spec"), "job");
    @SuppressWarnings("unchecked")
    String yaml = new String(Base64.getDecoder().decode(((List<String>) job.get("args")).get(1)), StandardCharsets.UTF_8);
    assertThat(yaml).contains("0 * * * *");
    assertThat(job).containsEntry("state", "suspended").containsEntry("upgradeMode", "savepoint");
    assertThat(client.genericKubernetesResources(FlinkResources.DEPLOYMENTS).inNamespace(NS).list().getItems())
        .extracting(x -> x.getMetadata().getName()).containsOnlyOnce("ingest-billing");

    deployer.resume(d, pipeline("billing", "0 * * * *"));
    assertThat(map(map(stored(d.id()).getAdditionalProperties(), "spec"), "job")).containsEntry("state", "running");
  }

  @Test
  void readsTheOperatorsStatus() throws Exception {
    Deployment d = deployer.deploy(pipeline("crm", "*/15 * * * *"), null);
    assertThat(deployer.status(d).state()).isEqualTo(State.DEPLOYING);

    writeStatus(d.id(), Map.of("lifecycleState", "STABLE", "jobStatus", Map.of("state", "RUNNING")));
    assertThat(deployer.status(d).state()).isEqualTo(State.RUNNING);
    assertThat(deployer.status(d).webUrl()).as("no web UI configured").isEmpty();

    writeStatus(d.id(), Map.of("lifecycleState", "SUSPENDED", "jobStatus", Map.of("state", "FINISHED",
        "savepointInfo", Map.of("lastSavepoint", Map.of("location", "s3://acme-lake/ingest/savepoints/sp-1")))));
    DeploymentStatus paused = deployer.status(d);
    assertThat(paused.state()).isEqualTo(State.PAUSED);
    assertThat(paused.detail()).isEqualTo("savepoint s3://acme-lake/ingest/savepoints/sp-1");

    writeStatus(d.id(), Map.of("lifecycleState", "FAILED", "error", "ClassNotFoundException: x"));
    assertThat(deployer.status(d)).extracting(DeploymentStatus::state, DeploymentStatus::detail)
        .containsExactly(State.FAILED, "ClassNotFoundException: x");
  }

  @Test
  void linksTheJobInTheFlinkUiBehindTheOperatorsIngress() throws Exception {
    KubernetesSettings a = application();
    KubernetesDeployer withUi = new KubernetesDeployer(client, new KubernetesSettings(a.namespace(), a.mode(), null,
        a.image(), a.jarUri(), a.serviceAccount(), a.stateUri(), a.flinkConfiguration(), a.environment(),
        "https://flink.acme.internal/ingest/{name}"), new IngestHome(dir), Clock.systemUTC());
    Deployment d = withUi.deploy(pipeline("ui", "*/15 * * * *"), null);
    writeStatus(d.id(), Map.of("lifecycleState", "STABLE",
        "jobStatus", Map.of("state", "RUNNING", "jobId", "0123456789abcdef0123456789abcdef")));

    assertThat(withUi.status(d).jobUrl()).isEqualTo(
        "https://flink.acme.internal/ingest/ingest-ui/#/job/running/0123456789abcdef0123456789abcdef/overview");
  }

  @Test
  void runNowCreatesABoundedStatelessRunNextToTheScheduledJob() throws Exception {
    deployer.deploy(pipeline("ops", "*/15 * * * *"), null);
    Deployment run = deployer.runNow(pipeline("ops", "*/15 * * * *"));
    assertThat(run.id()).isEqualTo("ingest-ops-run-1735689600");
    Map<String, Object> job = map(map(stored(run.id()).getAdditionalProperties(), "spec"), "job");
    assertThat(job).containsEntry("upgradeMode", "stateless");
    assertThat(job.get("args").toString()).contains("--once");
    assertThat(stored("ingest-ops")).isNotNull();
  }

  @Test
  void deleteRemovesTheResource() throws Exception {
    Deployment d = deployer.deploy(pipeline("gone", "*/15 * * * *"), null);
    deployer.delete(d);
    assertThat(deployer.status(d).state()).isEqualTo(State.NOT_FOUND);
    assertThatThrownBy(() -> deployer.pause(d)).isInstanceOf(DeployException.class).hasMessageContaining("no FlinkDeployment");
  }

  @Test
  void sessionModeSubmitsAFlinkSessionJobToTheSharedCluster() throws Exception {
    KubernetesSettings session = new KubernetesSettings(NS, KubernetesSettings.Mode.SESSION, "ingest-session", null,
        "https://artifacts.acme.dev/ingest-job.jar", null, "s3://acme-lake/ingest", null, null);
    KubernetesDeployer sessionDeployer = new KubernetesDeployer(client, session, new IngestHome(dir), Clock.systemUTC());
    Deployment d = sessionDeployer.deploy(pipeline("shared", "*/15 * * * *"), null);
    GenericKubernetesResource r = client.genericKubernetesResources(FlinkResources.SESSION_JOBS).inNamespace(NS)
        .withName(d.id()).get();
    assertThat(r.getKind()).isEqualTo("FlinkSessionJob");
    Map<String, Object> spec = map(r.getAdditionalProperties(), "spec");
    assertThat(spec).containsEntry("deploymentName", "ingest-session").doesNotContainKey("image");
    assertThat(map(spec, "job")).containsEntry("upgradeMode", "savepoint");
  }

  @Test
  void invalidPipelineCreatesNothing() {
    assertThatThrownBy(() -> deployer.deploy(new PipelineDefinition("bad", "name: bad\n"), null))
        .isInstanceOf(DeployException.class).hasMessageContaining("nothing deployed");
    assertThat(stored("ingest-bad")).isNull();
  }

  private static void writeStatus(String name, Map<String, Object> status) {
    client.genericKubernetesResources(FlinkResources.DEPLOYMENTS).inNamespace(NS).withName(name).edit(r -> {
      r.setAdditionalProperty("status", status);
      return r;
    });
  }
}
