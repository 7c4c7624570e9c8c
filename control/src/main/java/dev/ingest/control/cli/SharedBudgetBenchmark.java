package dev.ingest.control.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.control.api.ApiToken;
import dev.ingest.control.api.ControlApi;
import dev.ingest.control.budget.RateBudgetBook;
import dev.ingest.control.deploy.localrun.LocalRunDeployer;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.jobs.compile.CompileOptions;
import dev.ingest.jobs.compile.JobConfiguration;
import dev.ingest.jobs.compile.PipelineGraphs;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.NetworkSettings;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.ratelimit.RateBudgetSettings;
import dev.ingest.sources.secret.LocalFileSecretStore;
import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Two pipelines on one credential, each its own Flink job on its own MiniCluster (its own FLIP-27 source, parse
 * operator and Iceberg sink), leasing the credential's budget from a real control API, against a sandbox that
 * enforces {@code limit} requests per one-second window for the credential. Each job holds its own lease (a scope
 * of its own, as jobs in separate JVMs would). The connector declares 97 % of the limit with burst 1, as the
 * single-JVM figure does. Two cases: the sandbox advertising {@code X-RateLimit-*}, and sending no rate headers;
 * in the second the control API is then stopped and, once the leases have expired, both jobs run on the fallback
 * share. Requests are counted by the sandbox (admitted and 429), so the figures are what the API saw.
 */
public final class SharedBudgetBenchmark {
  private static final String SECRET = "bench-shared";
  private static final String TOKEN = "bench-shared-token";
  private static final Duration JOB_START_BOUND = Duration.ofMinutes(2);

  /**
   * @param limit requests per second the sandbox enforces per credential
   * @param warmUp how long both jobs run before the measured window (jobs start, leases settle)
   * @param measured the measured window of each case
   * @param fallback the measured window after the control plane stopped and the leases expired
   * @param fallbackShare the share of the declared limit a job without lease uses
   */
  public record Options(int limit, Duration warmUp, Duration measured, Duration fallback, double fallbackShare) {
    public static Options defaults() {
      return new Options(20, Duration.ofSeconds(8), Duration.ofSeconds(20), Duration.ofSeconds(10), 0.25);
    }
  }

  private final Options options;
  private final Path work;

  public SharedBudgetBenchmark(Options options, Path work) {
    this.options = options;
    this.work = work;
  }

  /** Runs both cases; returns the figures. */
  public ObjectNode run() throws Exception {
    ObjectNode report = new ObjectMapper().createObjectNode();
    report.put("limit_per_second", options.limit());
    report.put("declared_per_second", declared());
    report.put("fallback_share", options.fallbackShare());
    report.set("headers", runCase(true, false));
    report.set("no_headers", runCase(false, true));
    return report;
  }

  private double declared() {
    return options.limit() * 0.97;
  }

  private ObjectNode runCase(boolean headers, boolean loseControlPlane) throws Exception {
    Path dir = Files.createDirectories(work.resolve((headers ? "headers-" : "no-headers-") + UUID.randomUUID()));
    IngestHome home = new IngestHome(dir.resolve("home"));
    Files.createDirectories(home.root());
    new LocalFileSecretStore(home.secretsFile()).write(SECRET, Map.of("token", TOKEN));
    SecretStoreProvider secrets = new LocalFileSecretStoreProvider(home.secretsFile().toString());
    ObjectNode out = new ObjectMapper().createObjectNode();
    String token = UUID.randomUUID().toString();
    List<MiniCluster> clusters = new ArrayList<>();
    try (SandboxApi sandbox = SandboxApi.builder().requireBearerToken(TOKEN).maxPageSize(10)
            .rateLimit(options.limit(), Duration.ofSeconds(1)).rateHeaders(headers)
            .datasetSize("tickets", 5_000_000).build().start();
        Database database = Database.open(StoreConfig.embedded(dir.resolve("db")))) {
      ControlApi api = ControlApi.builder().home(home).database(database)
          .deployer(new LocalRunDeployer(home, secrets, Clock.systemUTC()))
          .secrets(new LocalFileSecretStore(home.secretsFile())).token(ApiToken.of(token))
          .syncInterval(Duration.ZERO).build().start("127.0.0.1", 0);
      boolean apiOpen = true;
      try {
        RateBudgetSettings budget = RateBudgetSettings.of(URI.create("http://127.0.0.1:" + api.port()))
            .withFallbackShare(options.fallbackShare()).withLeaseToken(secrets);
        Path connector = dir.resolve("shared-bench.yaml");
        Files.writeString(connector, connectorYaml());
        for (String job : List.of("bench_shared_a", "bench_shared_b")) {
          PipelineSpec spec = pipeline(home, dir, sandbox.baseUrl(), job);
          clusters.add(startJob(spec, dir, secrets, CompileOptions.once().withRateBudget(budget.inScope(job))));
        }
        pause(options.warmUp());
        long[] before = sandbox.rateLimitCounts();
        long from = System.nanoTime();
        pause(options.measured().dividedBy(2));
        JsonNode budgets = budgets(api.port(), token);
        pause(options.measured().minus(options.measured().dividedBy(2)));
        long[] after = sandbox.rateLimitCounts();
        ObjectNode leased = put(out, "leased", before, after, (System.nanoTime() - from) / 1e9);
        leased.set("budgets_mid_window", budgets);
        if (loseControlPlane) {
          api.close();
          apiOpen = false;
          pause(RateBudgetBook.DEFAULT_TTL.plusSeconds(1)); // the leases run out, the jobs fall back
          before = sandbox.rateLimitCounts();
          from = System.nanoTime();
          pause(options.fallback());
          after = sandbox.rateLimitCounts();
          ObjectNode lost = put(out, "control_plane_lost", before, after, (System.nanoTime() - from) / 1e9);
          lost.put("fallback_bound_per_second", 2 * declared() * options.fallbackShare());
        }
        out.put("peak_window_requests", sandbox.rateLimitPeakWindow());
      } finally {
        for (MiniCluster cluster : clusters) {
          cluster.close();
        }
        if (apiOpen) {
          api.close();
        }
      }
    }
    return out;
  }

  /** {@code GET /api/rate-budgets}: who holds which share (the leases themselves, not a client's view). */
  private static JsonNode budgets(int port, String token) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/rate-budgets")).timeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /api/rate-budgets answered " + response.statusCode());
    }
    return new ObjectMapper().readTree(response.body());
  }

  private ObjectNode put(ObjectNode out, String name, long[] before, long[] after, double seconds) {
    long admitted = after[0] - before[0];
    long refused = after[1] - before[1];
    long requests = admitted + refused;
    ObjectNode node = out.putObject(name);
    node.put("seconds", round(seconds));
    node.put("requests", requests);
    node.put("throttled", refused);
    node.put("combined_per_second", round(requests / seconds));
    node.put("utilisation", round(admitted / seconds / options.limit()));
    node.put("throttled_ratio", round(requests == 0 ? 0 : (double) refused / requests));
    return node;
  }

  private String connectorYaml() {
    return """
        name: shared_bench
        base_url: "{{ config.base_url }}"
        config: { base_url: { required: true } }
        credentials: { token: { secret: true, required: true } }
        auth: { type: bearer, token: "{{ credentials.token }}" }
        rate_limit: { requests_per_second: %s, burst: 1 }
        endpoints:
          tickets:
            path: /api/v2/tickets
            records: tickets
            primary_key: [id]
            paging: { type: page_number, page_param: page, size_param: per_page, page_size: 10, start_page: 1 }
            schema:
              type: object
              properties:
                id: { type: integer }
                subject: { type: string }
        """.formatted(declared());
  }

  private PipelineSpec pipeline(IngestHome home, Path dir, String baseUrl, String name) throws Exception {
    String yaml = """
        name: %s
        connector_file: shared-bench.yaml
        config: {base_url: "%s"}
        credentials: {secret: %s}
        endpoints: [tickets]
        write_mode: append
        schedule: "0 0 1 1 *"
        runtime: {parallelism: 1, checkpoint_interval: 2000ms}
        """.formatted(name, baseUrl, SECRET);
    PipelineLoader loader = new PipelineLoader(home.specDefaults(
        NetworkSettings.policy(home).allowingBaseUrl(baseUrl)));
    return loader.parse(name + ".yaml", yaml.getBytes(StandardCharsets.UTF_8), dir);
  }

  /** Starts {@code spec}'s job on a MiniCluster of its own and waits until it runs. */
  private static MiniCluster startJob(PipelineSpec spec, Path dir, SecretStoreProvider secrets,
      CompileOptions options) throws Exception {
    Path checkpoints = Files.createDirectories(dir.resolve("checkpoints-" + spec.name()));
    Configuration conf = JobConfiguration.forPipeline(spec, checkpoints, "hashmap");
    conf.set(RestOptions.BIND_PORT, "0"); // two clusters side by side, beside whatever else runs
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
        .setNumTaskManagers(1).setNumSlotsPerTaskManager(1).build());
    cluster.start();
    try {
      StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
      env.setParallelism(1);
      PipelineGraphs.addTo(env, spec, secrets, options);
      JobID id = cluster.submitJob(env.getStreamGraph().getJobGraph())
          .get(JOB_START_BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).getJobID();
      long deadline = System.nanoTime() + JOB_START_BOUND.toNanos();
      JobStatus status;
      while ((status = cluster.getJobStatus(id)
          .get(JOB_START_BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) != JobStatus.RUNNING) {
        if (status.isTerminalState() || System.nanoTime() > deadline) {
          throw new IllegalStateException("job " + spec.name() + " did not start: " + status);
        }
        pause(Duration.ofMillis(100));
      }
      return cluster;
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
  }

  private static void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
