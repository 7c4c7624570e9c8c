package dev.ingest.control.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.control.api.ApiToken;
import dev.ingest.control.api.ControlApi;
import dev.ingest.control.model.Deployment;
import dev.ingest.control.model.DeploymentStatus.State;
import dev.ingest.control.model.PipelineDefinition;
import dev.ingest.control.deploy.PipelineValidator;
import dev.ingest.control.deploy.local.LocalDeployer;
import dev.ingest.control.deploy.local.LocalFlinkCluster;
import dev.ingest.control.deploy.localrun.LocalRunDeployer;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.SecretSettings;
import dev.ingest.jobs.compile.CompileOptions;
import dev.ingest.jobs.compile.JobConfiguration;
import dev.ingest.jobs.compile.PipelineGraphs;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.catalog.DestinationConfig;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.InstantiationUtil;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary credentials pushed through the secret store, the compiled job graph (stream graph JSON, serialized job
 * graph, Flink configuration), a real run and a failing run on a local Flink cluster (logs at DEBUG, Flink's REST
 * answers about the jobs) and everything the run left on disk (Iceberg metadata and snapshot summaries,
 * checkpoints): zero hits required.
 */
class SecretLeakITCase {
  private static final String CANARY = "CANARY" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
  private static final String API_TOKEN = "leak-test-api-token-7d1e";
  private static final String WRONG = "CANARYWRONG" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));

  @TempDir Path dir;
  private SandboxApi sandbox;
  private IngestHome home;
  private SecretStoreProvider secrets;
  private StringWriter logs;
  private WriterAppender appender;
  private Level rootLevel;
  private Level ingestLevel;

  @BeforeEach
  void setUp() throws Exception {
    home = new IngestHome(dir.resolve("home"));
    secrets = SecretSettings.provider(home, Map.of());
    secrets.open().write("good", Map.of("token", CANARY));
    // the sandbox listens on loopback: allowed explicitly, as an operator would (docs/reliability.md)
    Files.writeString(home.configFile(), "network: {allowed_hosts: [127.0.0.1]}\n");
    secrets.open().write("wrong", Map.of("token", WRONG));
    sandbox = SandboxApi.builder().port(0).requireBearerToken(CANARY)
        .datasetSize(SandboxApi.TICKETS, 30).datasetSize(SandboxApi.CONTACTS, 30).build().start();
    captureLogs();
  }

  @AfterEach
  void tearDown() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().removeAppender(appender.getName());
    context.getConfiguration().getRootLogger().setLevel(rootLevel);
    context.getConfiguration().getLoggerConfig("dev.ingest").setLevel(ingestLevel);
    appender.stop();
    context.updateLoggers();
    sandbox.close();
  }

  @Test
  void noCanaryInStoreGraphsConfigurationLogsRestAnswersOrFiles() throws Exception {
    assertNoCanary("secret store data file", Files.readAllBytes(home.secretsFile()));

    PipelineDefinition good = pipeline("leak_good", "good");
    PipelineSpec spec = new PipelineValidator(home).validate(good);
    Configuration conf = JobConfiguration.forPipeline(spec, home.checkpoints(spec.name()), "hashmap");
    StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
    PipelineGraphs.addTo(env, spec, secrets, CompileOptions.once());
    StreamGraph streamGraph = env.getStreamGraph();
    assertNoCanary("stream graph JSON", streamGraph.getStreamingPlanAsJSON());
    assertNoCanary("environment configuration", env.getConfiguration().toString());
    JobGraph jobGraph = streamGraph.getJobGraph();
    assertNoCanary("job configuration", jobGraph.getJobConfiguration().toString());
    assertNoCanary("serialized job graph", InstantiationUtil.serializeObject(jobGraph));
    jobGraph.getVertices().forEach(v -> assertNoCanary("vertex " + v.getName(), v.getConfiguration().toString()));

    List<String> answers = new ArrayList<>();
    try (LocalFlinkCluster cluster = LocalFlinkCluster.start(0, 4, new Configuration())) {
      LocalDeployer deployer = new LocalDeployer(cluster, home, secrets);
      Deployment ok = deployer.runNow(good);
      assertThat(deployer.awaitTermination(ok).state()).isEqualTo(State.FINISHED);
      Deployment failing = deployer.runNow(pipeline("leak_wrong", "wrong"));
      deployer.awaitTermination(failing);
      URI web = cluster.webUrl();
      for (Deployment d : List.of(ok, failing)) {
        for (String path : List.of("", "/config", "/plan", "/exceptions", "/checkpoints", "/vertices")) {
          answers.add(get(web, "/jobs/" + d.id() + path));
        }
      }
      answers.add(get(web, "/jobmanager/config"));
      answers.add(get(web, "/jobs/overview"));
    }
    assertThat(sandbox.requestCount()).isGreaterThan(0);
    assertThat(answers).hasSizeGreaterThan(10);
    answers.forEach(a -> assertNoCanary("Flink REST answer", a));

    String logText = logs.toString();
    assertThat(logText).contains("leak_good"); // the capture works
    assertThat(logText).contains("leak_wrong");
    assertNoCanary("logs", logText);

    try (Stream<Path> files = Files.walk(home.root())) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        if (!file.equals(home.secretsFile()) && !file.startsWith(home.root().resolve("keys"))) {
          assertNoCanary(file.toString(), Files.readAllBytes(file));
        }
      }
    }
  }

  @Test
  void noCanaryInControlApiAnswersDashboardIcebergSnapshotsOrLogs() throws Exception {
    List<String> answers = new ArrayList<>();
    try (Database database = Database.open(StoreConfig.embedded(dir.resolve("db")));
        LocalRunDeployer deployer = new LocalRunDeployer(home, secrets, Clock.systemUTC());
        ControlApi api = ControlApi.builder().home(home).database(database).deployer(deployer)
            .secrets(secrets.open()).token(ApiToken.of(API_TOKEN)).syncInterval(Duration.ZERO).build()
            .start("127.0.0.1", 0)) {
      ApiCalls calls = new ApiCalls(api.port(), answers);
      calls.send("POST", "/api/pipelines", pipeline("leak_api", "api-token").yaml(), 201);
      calls.send("PUT", "/api/pipelines/leak_api/credentials", "{\"fields\":{\"token\":\"" + CANARY + "\"}}", 200);
      calls.send("PUT", "/api/credentials/other", "{\"connector\":\"sandbox\",\"fields\":{\"token\":\"" + WRONG
          + "\"}}", 200);
      calls.send("PUT", "/api/credentials/other", "{\"fields\":{\"token\":\"" + CANARY + "\"", 400);
      calls.send("PUT", "/api/credentials/other", "{\"fields\":{\"nope\":\"" + CANARY + "\"}, \"connector\":\"sandbox\"}",
          422);
      calls.send("POST", "/api/pipelines", "{\"name\":\"x\",\"credentials\":{\"secret\":\"" + CANARY + " x\"}}", 422);
      calls.send("POST", "/api/pipelines/leak_api/deploy", null, 200);
      calls.send("POST", "/api/pipelines/leak_api/run", null, 202);
      calls.awaitHealth("leak_api", "healthy");
      calls.send("PUT", "/api/pipelines/leak_api/credentials", "{\"fields\":{\"token\":\"" + WRONG + "\"}}", 200);
      calls.send("POST", "/api/pipelines/leak_api/run", null, 202);
      calls.awaitHealth("leak_api", "auth_failed");
      for (String path : List.of("/api/pipelines", "/api/pipelines/leak_api", "/api/pipelines/leak_api/health",
          "/api/pipelines/leak_api/runs", "/api/pipelines/leak_api/endpoints/tickets/runs",
          "/api/pipelines/leak_api/tables", "/api/connectors", "/api/connectors/sandbox", "/api/openapi.yaml",
          "/api/cron/describe?expr=0+0+*+*+*", "/health", "/dashboard/", "/dashboard/dashboard.css")) {
        calls.send("GET", path, null, 200);
      }
      for (String script : List.of("api", "app", "auth-banner", "chart", "credential-form", "dom", "format",
          "overview", "pipeline", "runs", "token", "ui", "wizard")) {
        calls.send("GET", "/dashboard/js/" + script + ".js", null, 200);
      }
    }
    assertThat(String.join("\n", answers)).contains("auth_failed").contains("<html").contains("api-token");
    answers.forEach(a -> assertNoCanary("control API answer", a));

    Catalog catalog = Catalogs.open(DestinationConfig.local(home.warehouse().toString()));
    List<TableIdentifier> tables = catalog instanceof SupportsNamespaces
        ? catalog.listTables(org.apache.iceberg.catalog.Namespace.of("leak_api")) : List.of();
    assertThat(tables).hasSizeGreaterThanOrEqualTo(4);
    int snapshots = 0;
    for (TableIdentifier id : tables) {
      Table table = catalog.loadTable(id);
      assertNoCanary(id + " properties", table.properties().toString());
      for (Snapshot snapshot : table.snapshots()) {
        snapshots++;
        assertNoCanary(id + " snapshot summary", snapshot.summary().toString());
      }
      assertNoCanary(id + " metadata file",
          Files.readAllBytes(Path.of(URI.create(((HasTableOperations) table).operations().current()
              .metadataFileLocation()).getPath())));
      try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
        for (Record row : rows) {
          assertNoCanary(id + " row", row.toString());
        }
      }
    }
    assertThat(snapshots).isGreaterThanOrEqualTo(4);
    assertNoCanary("logs", logs.toString());
  }

  /** Authenticated calls to the control API, each answer (status, headers, body) kept for the scan. */
  private record ApiCalls(int port, List<String> answers) {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpResponse<String> send(String method, String path, String body, int status) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Authorization", "Bearer " + API_TOKEN).timeout(Duration.ofSeconds(30))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        request.header("Content-Type", body.startsWith("{") ? "application/json" : "application/yaml");
      }
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      answers.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
      assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(status);
      return response;
    }

    void awaitHealth(String pipeline, String status) {
      Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertThat(send("GET", "/api/pipelines/" + pipeline + "/health", null, 200).body())
              .contains("\"status\":\"" + status + "\""));
    }
  }

  private PipelineDefinition pipeline(String name, String secret) {
    return new PipelineDefinition(name, """
        name: %s
        connector: sandbox
        config:
          base_url: %s
        credentials:
          secret: %s
        endpoints: [tickets, contacts]
        schedule: "0 0 * * *"
        runtime:
          parallelism: 1
          checkpoint_interval: 1s
        """.formatted(name, sandbox.baseUrl(), secret));
  }

  private static String get(URI web, String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(web.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  private static void assertNoCanary(String where, String text) {
    assertThat(text).as(where).doesNotContain(CANARY).doesNotContain(WRONG);
  }

  private static void assertNoCanary(String where, byte[] bytes) {
    assertNoCanary(where, new String(bytes, StandardCharsets.ISO_8859_1));
  }

  private void captureLogs() {
    logs = new StringWriter();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    org.apache.logging.log4j.core.config.Configuration config = context.getConfiguration();
    appender = WriterAppender.newBuilder().setName("canary-capture").setTarget(logs)
        .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m %ex%n").build()).build();
    appender.start();
    LoggerConfig root = config.getRootLogger();
    rootLevel = root.getLevel();
    ingestLevel = config.getLoggerConfig("dev.ingest").getLevel();
    root.addAppender(appender, Level.DEBUG, null);
    root.setLevel(Level.DEBUG);
    config.getLoggerConfig("dev.ingest").setLevel(Level.DEBUG);
    context.updateLoggers();
  }
}
