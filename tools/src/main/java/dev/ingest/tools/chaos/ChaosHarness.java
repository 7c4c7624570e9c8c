package dev.ingest.tools.chaos;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.NetworkSettings;
import dev.ingest.jobs.SecretSettings;
import dev.ingest.tools.chaos.FailOnceCommitCatalogs;
import dev.ingest.tools.chaos.FailOncePageFetchers;
import dev.ingest.tools.chaos.TableAudit;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.jobs.spec.StateBackend;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.spec.ConnectorCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Crash injection for the exactly-once claim. Each trial runs a pipeline against the sandbox API, breaks it at a
 * random point, lets it recover the way a user's would, and audits every table by primary key against what the
 * sandbox served:
 *
 * <ul>
 *   <li>{@code kill}: {@code ./ingest run --once} in a child JVM is killed with SIGKILL after a random delay, then
 *       started again; the second start resumes from the latest retained checkpoint.
 *   <li>{@code task-failure}: a task failure is thrown at a random page of a random endpoint inside the job; Flink
 *       restarts it from its latest checkpoint (or from the start when none completed).
 *   <li>{@code kill-upsert}: as {@code kill}, with every endpoint in upsert mode (one live row per key).
 *   <li>{@code commit-failure} and {@code commit-failure-upsert}: one of the first snapshot commits of a random
 *       endpoint's table fails, either before the catalog wrote anything or after the commit went through but
 *       before the job learned of it ({@link FailOnceCommitCatalogs}); Flink restarts the job from its latest
 *       checkpoint.
 * </ul>
 */
public final class ChaosHarness {
  private static final String TOKEN = "chaos-token";
  private static final String SECRET = "chaos-sandbox";
  private static final List<String> ENDPOINTS = List.of("tickets", "contacts", "issues");
  private static final List<String> KINDS =
      List.of("kill", "task-failure", "kill-upsert", "commit-failure", "commit-failure-upsert");

  /**
   * Trial sizes, the window (after the job started) in which a kill lands, and the sandbox's latency per request,
   * which sets how long a run lasts (20 pages per endpoint at 250 ms is about 5 s per endpoint), and the state
   * backend every trial's home names in its {@code config.yaml} ({@code runtime.state_backend}), which the local
   * runs, in this JVM and in the killed child processes, pick up as the installation's default.
   */
  public record Settings(int trials, long seed, int recordsPerEndpoint, Duration minKill, Duration maxKill,
      Duration latency, StateBackend stateBackend) {
    public Settings {
      Objects.requireNonNull(stateBackend, "stateBackend");
    }

    /** The given sizes with state on the heap. */
    public Settings(int trials, long seed, int recordsPerEndpoint, Duration minKill, Duration maxKill,
        Duration latency) {
      this(trials, seed, recordsPerEndpoint, minKill, maxKill, latency, StateBackend.HASHMAP);
    }

    public static Settings defaults(int trials, long seed) {
      return new Settings(trials, seed, 2_000, Duration.ofMillis(300), Duration.ofMillis(8_000),
          Duration.ofMillis(250));
    }

    /** These settings with the trials' jobs keeping state in {@code backend}. */
    public Settings withStateBackend(StateBackend backend) {
      return new Settings(trials, seed, recordsPerEndpoint, minKill, maxKill, latency, backend);
    }
  }

  /** One trial's outcome. */
  public record Trial(int number, String kind, String detail, boolean disrupted, List<TableAudit> tables) {
    public long duplicates() {
      return tables.stream().mapToLong(TableAudit::duplicates).sum();
    }

    public long missing() {
      return tables.stream().mapToLong(TableAudit::missing).sum();
    }
  }

  private final Path work;
  private final Settings settings;
  private final PrintStream log;
  private final String runOnceMain;

  /**
   * @param runOnceMain the main class the {@code kill} trials start in a child JVM (on this JVM's class path) with
   *     the arguments {@code run --once --home HOME PIPELINE.yaml}: the CLI's {@code IngestCli}, which lives in the
   *     control module downstream of this one
   */
  public ChaosHarness(Path work, Settings settings, PrintStream log, String runOnceMain) {
    this.work = work;
    this.settings = settings;
    this.log = log;
    this.runOnceMain = runOnceMain;
  }

  /** Runs the trials; the summary has {@code trials}, {@code duplicates}, {@code missing} and every trial. */
  public Map<String, Object> run() throws Exception {
    Random random = new Random(settings.seed());
    List<Trial> trials = new ArrayList<>();
    for (int i = 1; i <= settings.trials(); i++) {
      String kind = KINDS.get((i - 1) % KINDS.size());
      Trial trial = trial(i, kind, random);
      log.printf("trial %d %-12s %-40s duplicates=%d missing=%d%n", i, kind, trial.detail(), trial.duplicates(),
          trial.missing());
      trials.add(trial);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("trials", trials.size());
    summary.put("disrupted", trials.stream().filter(Trial::disrupted).count());
    summary.put("duplicates", trials.stream().mapToLong(Trial::duplicates).sum());
    summary.put("missing", trials.stream().mapToLong(Trial::missing).sum());
    summary.put("unexpected", trials.stream().flatMap(t -> t.tables().stream()).mapToLong(TableAudit::unexpected)
        .sum());
    summary.put("seed", settings.seed());
    summary.put("state_backend", settings.stateBackend().flinkName());
    summary.put("records_per_endpoint", settings.recordsPerEndpoint());
    summary.put("results", trials);
    return summary;
  }

  private Trial trial(int number, String kind, Random random) throws Exception {
    IngestHome home = new IngestHome(work.resolve("trial-" + number));
    SecretSettings.provider(home).open().write(SECRET, Map.of("token", TOKEN));
    SandboxApi.Builder builder = SandboxApi.builder().port(0).requireBearerToken(TOKEN).latency(settings.latency());
    for (String endpoint : ENDPOINTS) {
      builder.datasetSize(endpoint, settings.recordsPerEndpoint());
    }
    try (SandboxApi sandbox = builder.build().start()) {
      String name = "chaos_" + number;
      Path file = home.root().resolve(name + ".yaml");
      Files.createDirectories(home.root());
      // the child `ingest run` processes read the home's network policy: allow exactly this sandbox
      Files.writeString(home.configFile(), "network: {allowed_hosts: [\""
          + URI.create(sandbox.baseUrl()).getAuthority() + "\"]}\n"
          + "runtime: {state_backend: " + settings.stateBackend().flinkName() + "}\n");
      Files.writeString(file, yaml(name, sandbox.baseUrl(), kind.endsWith("upsert") ? "upsert" : "append"));
      PipelineSpec pipeline = new PipelineLoader(home.specDefaults(
          NetworkSettings.policy(home).allowingBaseUrl(sandbox.baseUrl()))).load(file);
      String detail;
      boolean disrupted;
      if (kind.startsWith("kill")) {
        long delay = settings.minKill().toMillis()
            + (long) (random.nextDouble() * (settings.maxKill().toMillis() - settings.minKill().toMillis()));
        disrupted = killThenResume(home, pipeline.name(), file, delay);
        detail = (disrupted ? "SIGKILL " : "finished before the kill at ") + delay + " ms into the job";
      } else if (kind.startsWith("task-failure")) {
        String endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
        int page = 1 + random.nextInt(Math.max(1, settings.recordsPerEndpoint() / 100));
        Path marker = home.root().resolve("chaos-fired");
        new LocalPipelineRunner(home, SecretSettings.provider(home)).progress(false)
            .decorateFetchers(f -> new FailOncePageFetchers(f, endpoint, page, marker)).runOnce(pipeline);
        disrupted = FailOncePageFetchers.fired(marker);
        detail = "task failure in " + endpoint + " at page " + page;
      } else {
        String endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
        int commit = 1 + random.nextInt(3);
        // the phase alternates with the trial number, so both commit kinds of a round break a commit differently
        FailOnceCommitCatalogs.Phase phase = FailOnceCommitCatalogs.Phase.values()[number % 2];
        Path marker = home.root().resolve("chaos-fired");
        new LocalPipelineRunner(home, SecretSettings.provider(home)).progress(false)
            .decorateCatalog(c -> new FailOnceCommitCatalogs(c, endpoint, commit, phase, marker)).runOnce(pipeline);
        disrupted = FailOnceCommitCatalogs.fired(marker);
        detail = "commit " + commit + " of " + endpoint + " fails " + phase.label() + " the catalog commit";
      }
      Catalog catalog = Catalogs.open(pipeline.destination());
      List<TableAudit> audits = new ArrayList<>();
      for (String endpoint : ENDPOINTS) {
        List<String> served = sandbox.records(endpoint).stream().map(n -> n.get("id").asText()).toList();
        audits.add(TableAudit.of(catalog.loadTable(TableIdentifier.of(name, endpoint)), "id", served));
      }
      return new Trial(number, kind, detail, disrupted, audits);
    }
  }

  /**
   * Starts the run in a child JVM, SIGKILLs it {@code delayMs} after its Flink job started (its checkpoint folder
   * appeared) unless it ended, then runs it again to the end.
   */
  private boolean killThenResume(IngestHome home, String pipeline, Path file, long delayMs) throws Exception {
    Process first = child(runOnceMain, home, file, "first");
    Path jobs = home.checkpoints(pipeline);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!jobStarted(jobs) && first.isAlive() && System.nanoTime() < deadline) {
      first.waitFor(50, TimeUnit.MILLISECONDS);
    }
    boolean endedOnItsOwn = first.waitFor(delayMs, TimeUnit.MILLISECONDS);
    if (!endedOnItsOwn) {
      first.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no final commit
      first.waitFor();
    } else if (first.exitValue() != 0) {
      throw new IllegalStateException("the first run failed on its own (exit " + first.exitValue() + "): "
          + tail(home.root().resolve("first.log")));
    }
    Process second = child(runOnceMain, home, file, "second");
    if (!second.waitFor(10, TimeUnit.MINUTES) || second.exitValue() != 0) {
      second.destroyForcibly();
      throw new IllegalStateException("the resumed run did not finish cleanly: "
          + tail(home.root().resolve("second.log")));
    }
    return !endedOnItsOwn;
  }

  /** The last lines of a child's log, for the failure message (the trial's folder may be gone when it is read). */
  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static boolean jobStarted(Path checkpoints) throws IOException {
    if (!Files.isDirectory(checkpoints)) {
      return false;
    }
    try (Stream<Path> jobs = Files.list(checkpoints)) {
      return jobs.anyMatch(Files::isDirectory);
    }
  }

  private static Process child(String main, IngestHome home, Path file, String label) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports")).toList());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main);
    Stream.of("run", "--once", "--home", home.root().toString(), file.toString()).forEach(command::add);
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(home.root().resolve(label + ".log").toFile()).start();
  }

  private static String yaml(String name, String baseUrl, String writeMode) {
    return """
        name: %s
        connector: sandbox
        config: {base_url: "%s"}
        credentials: {secret: %s}
        endpoints: [%s]
        schedule: "0 * * * *"
        write_mode: %s
        runtime: {parallelism: 2, checkpoint_interval: 500ms}
        """.formatted(name, baseUrl, SECRET, String.join(", ", ENDPOINTS), writeMode);
  }
}
