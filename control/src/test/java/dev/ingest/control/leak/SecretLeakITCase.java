package dev.ingest.control.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.control.deploy.Deployment;
import dev.ingest.control.deploy.DeploymentStatus.State;
import dev.ingest.control.deploy.PipelineDefinition;
import dev.ingest.control.deploy.PipelineValidator;
import dev.ingest.control.deploy.local.LocalDeployer;
import dev.ingest.control.deploy.local.LocalFlinkCluster;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.SecretSettings;
import dev.ingest.jobs.compile.JobConfiguration;
import dev.ingest.jobs.compile.PipelineCompiler;
import dev.ingest.jobs.compile.PipelineGraphs;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.sandbox.SandboxApi;
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
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
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
    PipelineGraphs.addTo(env, spec, secrets, PipelineCompiler.Mode.ONCE);
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
