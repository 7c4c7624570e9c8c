package dev.ingest.control.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ingest.control.deploy.DeployException;
import dev.ingest.control.deploy.DeployFixture;
import dev.ingest.control.model.Deployment;
import dev.ingest.control.model.DeploymentStatus.State;
import dev.ingest.control.model.PipelineDefinition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local deployer on an in-process Flink cluster with its web UI: deploy, pause, resume, run now, delete. */
class LocalDeployerITCase {
  @TempDir static Path dir;
  private static DeployFixture fixture;
  private static LocalFlinkCluster cluster;
  private static LocalDeployer deployer;

  @BeforeAll
  static void start() throws Exception {
    fixture = new DeployFixture(dir);
    cluster = LocalFlinkCluster.start(0, 4, new Configuration());
    deployer = new LocalDeployer(cluster, fixture.home(), fixture.secrets());
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
    fixture.close();
  }

  @Test
  void servesTheFlinkWebUiAndRestApi() throws Exception {
    URI web = cluster.webUrl();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> index = http.send(HttpRequest.newBuilder(web.resolve("/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.body()).containsIgnoringCase("<html");
    HttpResponse<String> config = http.send(HttpRequest.newBuilder(web.resolve("/config")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(config.body()).contains("flink-version");
  }

  @Test
  void runNowLandsEveryRecordOnce() throws Exception {
    Deployment run = deployer.runNow(fixture.pipeline("local_once", "0 0 0 1 1 ?"));
    assertThat(deployer.awaitTermination(run).state()).isEqualTo(State.FINISHED);
    assertThat(fixture.rows("local_once", "tickets")).isEqualTo(120);
    assertThat(fixture.rows("local_once", "contacts")).isEqualTo(80);
  }

  @Test
  void pausesWithASavepointAndResumesFromIt() throws Exception {
    PipelineDefinition pipeline = fixture.pipeline("local_sched", "*/2 * * * * ?");
    Deployment deployed = deployer.deploy(pipeline, null);
    awaitState(deployed, State.RUNNING);
    await().atMost(Duration.ofSeconds(60)).until(() -> fixture.rows("local_sched", "tickets") >= 120);

    Deployment paused = deployer.pause(deployed);
    assertThat(paused.savepoint()).isNotNull();
    assertThat(Files.isDirectory(Path.of(URI.create(paused.savepoint())))).isTrue();
    assertThat(deployer.status(paused).state()).isEqualTo(State.PAUSED);

    Deployment resumed = deployer.resume(paused, pipeline);
    assertThat(resumed.id()).isNotEqualTo(deployed.id());
    awaitState(resumed, State.RUNNING);

    deployer.delete(resumed);
    awaitState(resumed, State.CANCELED);
    deployer.delete(resumed); // idempotent
  }

  @Test
  void deployingAChangedPipelineUpgradesFromASavepoint() throws Exception {
    Deployment first = deployer.deploy(fixture.pipeline("local_upgrade", "*/2 * * * * ?"), null);
    awaitState(first, State.RUNNING);
    Deployment second = deployer.deploy(fixture.pipeline("local_upgrade", "*/3 * * * * ?"), first);
    assertThat(deployer.status(first).state()).isIn(State.FINISHED, State.PAUSED);
    awaitState(second, State.RUNNING);
    deployer.delete(second);
  }

  @Test
  void deployingOverAJobThatIsStillStartingWaitsForItInsteadOfRunningTwo() throws Exception {
    Deployment first = deployer.deploy(fixture.pipeline("local_quick", "*/2 * * * * ?"), null);
    Deployment second = deployer.deploy(fixture.pipeline("local_quick", "*/3 * * * * ?"), first);

    assertThat(deployer.status(first).state()).isIn(State.FINISHED, State.PAUSED);
    awaitState(second, State.RUNNING);
    deployer.delete(second);
  }

  @Test
  void aJobItsClusterLostRestartsFromItsLatestRetainedCheckpoint() throws Exception {
    PipelineDefinition pipeline = fixture.pipeline("local_crash", "*/2 * * * * ?");
    Path checkpoints = fixture.home().checkpoints("local_crash");
    Deployment lost;
    try (LocalFlinkCluster dying = LocalFlinkCluster.start(0, 2, new Configuration())) {
      LocalDeployer before = new LocalDeployer(dying, fixture.home(), fixture.secrets());
      lost = before.deploy(pipeline, null);
      await().atMost(Duration.ofSeconds(60))
          .until(() -> RetainedCheckpoints.latest(checkpoints, lost.id()).isPresent());
    } // the process dies: no savepoint, the job vanishes with its cluster

    assertThat(deployer.status(lost).state()).isEqualTo(State.NOT_FOUND);
    Deployment restarted = deployer.deploy(pipeline, lost);
    awaitState(restarted, State.RUNNING);
    HttpClient http = HttpClient.newHttpClient();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      HttpResponse<String> stats = http.send(HttpRequest.newBuilder(
          URI.create(cluster.webUrl() + "/jobs/" + restarted.id() + "/checkpoints")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(stats.body()).contains("\"restored\"").contains(lost.id() + "/chk-");
    });
    deployer.delete(restarted);
  }

  @Test
  void invalidPipelineDeploysNothing() {
    PipelineDefinition bad = new PipelineDefinition("bad", "name: bad\nconnector: sandbox\nendpoints: [nope]\n");
    assertThatThrownBy(() -> deployer.deploy(bad, null))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("nothing deployed")
        .hasMessageContaining("endpoints[0]");
    assertThat(fixture.home().checkpoints("bad")).doesNotExist();
  }

  @Test
  void unknownJobReadsAsNotFound() throws Exception {
    Deployment ghost = new Deployment("ghost", LocalDeployer.TARGET, "00000000000000000000000000000001", null);
    assertThat(deployer.status(ghost).state()).isEqualTo(State.NOT_FOUND);
  }

  private static void awaitState(Deployment deployment, State state) {
    await().atMost(Duration.ofSeconds(60)).until(() -> deployer.status(deployment).state() == state);
  }
}
