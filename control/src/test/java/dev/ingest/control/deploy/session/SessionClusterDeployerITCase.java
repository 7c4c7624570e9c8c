package dev.ingest.control.deploy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingest.control.api.ApiToken;
import dev.ingest.control.api.ControlApi;
import dev.ingest.control.deploy.DeployException;
import dev.ingest.control.deploy.DeployFixture;
import dev.ingest.control.model.Deployment;
import dev.ingest.control.model.DeploymentStatus.State;
import dev.ingest.control.model.PipelineDefinition;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.jobs.IngestJob;
import dev.ingest.sources.ratelimit.BudgetKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session-cluster deployer against a real Flink REST endpoint: a Flink cluster in its own JVM whose classpath
 * holds only what a Flink distribution provides ({@link FlinkOnlyCluster}). The deployer uploads the real shaded
 * job jar (jobs/target/ingest-jobs-*-job.jar, built by the reactor's package phase before control's tests), so
 * every job here runs from that jar's classes alone.
 */
class SessionClusterDeployerITCase {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  @TempDir static Path dir;
  private static DeployFixture fixture;
  private static FlinkOnlyCluster cluster;
  private static SessionClusterDeployer deployer;
  private static Path jobJar;

  @BeforeAll
  static void start() throws Exception {
    jobJar = Path.of(System.getProperty(SessionClusterDeployer.JOB_JAR_PROPERTY, "jobs/target/missing-job.jar"));
    assertThat(jobJar).as("the shaded job jar; build it first: mvn -pl control -am verify (or package)")
        .isRegularFile();
    fixture = new DeployFixture(dir.resolve("home"));
    cluster = FlinkOnlyCluster.start(Path.of(System.getProperty("ingest.jobs.pom")), 4, "256m");
    deployer = new SessionClusterDeployer(new SessionClusterDeployer.Settings(cluster.restUrl(), jobJar,
        dir.resolve("savepoints").toUri().toString(), fixture.home().root().toString(), Duration.ofSeconds(60)),
        fixture.home());
  }

  @Test
  void theJobJarCarriesIngestAndItsDependenciesButNotFlink() throws Exception {
    try (JarFile jar = new JarFile(jobJar.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS))
          .isEqualTo(IngestJob.class.getName());
      assertThat(jar.getEntry("dev/ingest/jobs/IngestJob.class")).isNotNull();
      assertThat(jar.getEntry("dev/ingest/sources/source/ApiSource.class")).isNotNull();
      assertThat(jar.getEntry("org/apache/iceberg/flink/sink/FlinkSink.class")).isNotNull();
      assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/services/org.apache.hadoop.fs.FileSystem"))
          .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .as("service files are merged, not overwritten").contains("org.apache.hadoop.fs.LocalFileSystem");
      // Flink and what its distribution ships stay out; the one class in a Flink package is iceberg-flink's own
      // FlinkScalaKryoInstantiator shim, which Flink 2 looks up by name and no longer ships
      assertThat(jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class"))
          .filter(n -> n.startsWith("org/apache/flink/") || n.startsWith("org/rocksdb/")
              || n.startsWith("com/esotericsoftware/kryo/") || n.startsWith("org/slf4j/")))
          .containsExactly("org/apache/flink/table/api/runtime/types/FlinkScalaKryoInstantiator.class");
    }
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

  /**
   * The whole lease chain on a real cluster: a control API (embedded store) writes the lease token to the secret
   * store it shares with the cluster; the deployer passes {@code deployer.control_url} as {@code --control-url}; the
   * job, in the cluster's own JVM, reads the token from its secret store and leases its credential's budget.
   */
  @Test
  void aSessionJobLeasesItsCredentialsRateBudgetFromALiveControlApi() throws Exception {
    Path connector = dir.resolve("leased_sandbox.yaml");
    Files.writeString(connector, """
        name: leased_sandbox
        base_url: "{{ config.base_url }}"
        config: { base_url: { required: true } }
        credentials: { token: { secret: true, required: true } }
        auth: { type: bearer, token: "{{ credentials.token }}" }
        rate_limit: { requests_per_second: 4, burst: 1 }
        endpoints:
          tickets:
            path: /api/v2/tickets
            records: tickets
            primary_key: [id]
            paging: { type: page_number, page_param: page, size_param: per_page, page_size: 5, start_page: 1 }
            schema: { type: object, properties: { id: { type: integer }, subject: { type: string } } }
        """);
    PipelineDefinition pipeline = new PipelineDefinition("rest_leased", """
        name: rest_leased
        connector_file: %s
        config: {base_url: "%s"}
        credentials: {secret: %s}
        endpoints: [tickets]
        schedule: "0 0 0 1 1 ?"
        runtime: {parallelism: 1, checkpoint_interval: 1s}
        """.formatted(connector.toAbsolutePath(), fixture.sandbox().baseUrl(), DeployFixture.SECRET));
    String apiToken = "session-lease-api-token";
    try (Database database = Database.open(StoreConfig.embedded(dir.resolve("lease-db")));
        ControlApi api = ControlApi.builder().home(fixture.home()).database(database).deployer(deployer)
            .secrets(fixture.secrets().open()).token(ApiToken.of(apiToken)).syncInterval(Duration.ZERO)
            .build().start("127.0.0.1", 0)) {
      URI controlUrl = URI.create("http://127.0.0.1:" + api.port());
      SessionClusterDeployer leasing = new SessionClusterDeployer(new SessionClusterDeployer.Settings(
          cluster.restUrl(), jobJar, dir.resolve("savepoints").toUri().toString(), fixture.home().root().toString(),
          Duration.ofSeconds(60), controlUrl), fixture.home());
      Deployment run = leasing.runNow(pipeline);
      // 120 tickets at 5 a page: 25 requests at 4/s, so the lease is held for about 6 s
      AtomicReference<JsonNode> seen = new AtomicReference<>();
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
        JsonNode budgets = rateBudgets(api.port(), apiToken);
        if (budgets.size() > 0 && budgets.get(0).path("holders").size() > 0) {
          seen.set(budgets);
          return true;
        }
        return deployer.status(run).state() == State.FINISHED;
      });
      assertThat(seen.get()).as("a holder in GET /api/rate-budgets while the session job ran").isNotNull();
      JsonNode budget = seen.get().get(0);
      assertThat(seen.get()).hasSize(1);
      assertThat(budget.get("key").asText()).isEqualTo(BudgetKey.of("leased_sandbox", DeployFixture.SECRET));
      assertThat(budget.get("limit_per_second").asDouble()).isEqualTo(4.0);
      assertThat(budget.get("holders")).hasSize(1);
      await().atMost(Duration.ofSeconds(90)).until(() -> deployer.status(run).state() == State.FINISHED);
      assertThat(fixture.rows("rest_leased", "tickets")).isEqualTo(120);
    }
  }

  private static JsonNode rateBudgets(int port, String token) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/rate-budgets")).timeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
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
}
