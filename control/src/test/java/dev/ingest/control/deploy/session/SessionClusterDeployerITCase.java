package dev.ingest.control.deploy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ingest.control.deploy.DeployException;
import dev.ingest.control.deploy.DeployFixture;
import dev.ingest.control.deploy.Deployment;
import dev.ingest.control.deploy.DeploymentStatus.State;
import dev.ingest.control.deploy.PipelineDefinition;
import dev.ingest.control.deploy.local.LocalFlinkCluster;
import dev.ingest.jobs.IngestJob;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session-cluster deployer against a real Flink REST endpoint: a Flink cluster started by the test with its
 * REST API on loopback. The uploaded jar holds the jobs module's classes (IngestJob); the rest of Ingest is on the
 * cluster's classpath here, where production uploads the shaded job jar.
 */
class SessionClusterDeployerITCase {
  @TempDir static Path dir;
  private static DeployFixture fixture;
  private static LocalFlinkCluster cluster;
  private static SessionClusterDeployer deployer;

  @BeforeAll
  static void start() throws Exception {
    fixture = new DeployFixture(dir.resolve("home"));
    Configuration conf = new Configuration();
    conf.setString("classloader.resolve-order", "parent-first");
    cluster = LocalFlinkCluster.start(0, 4, conf);
    Path jar = jobJar(dir.resolve("ingest-job.jar"));
    deployer = new SessionClusterDeployer(new SessionClusterDeployer.Settings(cluster.webUrl(), jar,
        dir.resolve("savepoints").toUri().toString(), fixture.home().root().toString(), Duration.ofSeconds(60)),
        fixture.home());
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
    fixture.close();
  }

  @Test
  void runNowThroughTheRestApiLandsEveryRecord() throws Exception {
    Deployment run = deployer.runNow(fixture.pipeline("rest_once", "0 0 0 1 1 ?"));
    assertThat(run.target()).isEqualTo("session");
    await().atMost(Duration.ofSeconds(90)).until(() -> deployer.status(run).state() == State.FINISHED);
    assertThat(fixture.rows("rest_once", "tickets")).isEqualTo(120);
    assertThat(fixture.rows("rest_once", "contacts")).isEqualTo(80);
  }

  @Test
  void deploysReadsMetricsPausesWithSavepointResumesAndDeletes() throws Exception {
    PipelineDefinition pipeline = fixture.pipeline("rest_sched", "*/2 * * * * ?");
    Deployment deployed = deployer.deploy(pipeline, null);
    awaitState(deployed, State.RUNNING);

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      Map<String, String> metrics = deployer.metrics(deployed, "endpoint.tickets.rows");
      assertThat(metrics).isNotEmpty();
      assertThat(metrics.values()).anySatisfy(v -> assertThat(Long.parseLong(v)).isGreaterThanOrEqualTo(120));
    });

    Deployment paused = deployer.pause(deployed);
    assertThat(paused.savepoint()).startsWith("file:");
    assertThat(Files.isDirectory(Path.of(URI.create(paused.savepoint())))).isTrue();
    assertThat(deployer.status(paused).state()).isEqualTo(State.PAUSED);

    Deployment resumed = deployer.resume(paused, pipeline);
    awaitState(resumed, State.RUNNING);
    deployer.delete(resumed);
    awaitState(resumed, State.CANCELED);
  }

  @Test
  void invalidPipelineIsRejectedBeforeAnythingIsUploaded() {
    PipelineDefinition bad = new PipelineDefinition("bad", "name: bad\nconnector: sandbox\nschedule: nope\n");
    assertThatThrownBy(() -> deployer.deploy(bad, null)).isInstanceOf(DeployException.class)
        .hasMessageContaining("nothing deployed").hasMessageContaining("schedule");
  }

  @Test
  void unknownJobReadsAsNotFound() throws Exception {
    Deployment ghost = new Deployment("ghost", "session", "00000000000000000000000000000002", null);
    assertThat(deployer.status(ghost).state()).isEqualTo(State.NOT_FOUND);
  }

  private static void awaitState(Deployment deployment, State state) {
    await().atMost(Duration.ofSeconds(60)).until(() -> deployer.status(deployment).state() == state);
  }

  /** A jar of the folder or jar that holds {@link IngestJob}, with IngestJob as its main class. */
  private static Path jobJar(Path target) throws Exception {
    Path source = Path.of(IngestJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isRegularFile(source)) {
      return source;
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, IngestJob.class.getName());
    try (OutputStream out = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(out, manifest);
        Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        jar.putNextEntry(new JarEntry(source.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, jar);
        jar.closeEntry();
      }
    }
    return target;
  }
}
