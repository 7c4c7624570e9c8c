package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.ProjectTasksApi;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child endpoint fanned out through the whole pipeline with parallelism 2: one split per parent record, spread
 * over both readers (the page I/O thread that opened each child split names its subtask), every child record lands
 * exactly once in Iceberg, also across a task failure mid fan-out, and {@code _ingest_runs} holds one row for the
 * endpoint with the summed stats.
 */
class ParentChildRunsITCase {
  private static final int PROJECTS = 24;
  private static final int TASKS_PER_PROJECT = 7;
  private static final int PAGE_SIZE = 5;

  /** Where each child split was opened: "{parent id} {thread name}" (the job runs in this JVM). */
  static final Queue<String> CHILD_OPENS = new ConcurrentLinkedQueue<>();

  @TempDir Path dir;
  private ProjectTasksApi api;
  private PipelineFixture fixture;

  @BeforeEach
  void start() throws Exception {
    CHILD_OPENS.clear();
    api = new ProjectTasksApi(PROJECTS, TASKS_PER_PROJECT, PAGE_SIZE);
    fixture = new PipelineFixture(dir, null);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void childrenOfEveryParentLandExactlyOnceSpreadOverBothReaders() throws Exception {
    PipelineSpec pipeline = run("fanout");

    List<String> taskIds = fixture.rows(pipeline, "tasks").stream().map(r -> (String) r.getField("id")).toList();
    assertThat(taskIds).hasSize(PROJECTS * TASKS_PER_PROJECT).containsExactlyInAnyOrderElementsOf(api.taskIds());
    assertThat(fixture.rows(pipeline, "projects")).hasSize(PROJECTS);

    Record run = runRow(pipeline, "tasks");
    assertThat(run.getField("status")).isEqualTo("SUCCEEDED");
    assertThat(run.getField("rows")).isEqualTo((long) PROJECTS * TASKS_PER_PROJECT);
    long parentPages = PROJECTS / PAGE_SIZE + 2; // 4 full, 1 short, 1 empty
    long childPages = PROJECTS * (TASKS_PER_PROJECT / PAGE_SIZE + 2L);
    // plus the schema discovery at job start (the new table's first page: parent page 1, then the first child page)
    long discovery = 2;
    assertThat(run.getField("requests")).as("every parent and child page, once, and the discovery")
        .isEqualTo(discovery + parentPages + childPages);

    assertThat(CHILD_OPENS).as("one child split per parent").hasSize(PROJECTS);
    assertThat(CHILD_OPENS.stream().map(open -> open.substring(0, open.indexOf(' '))).distinct()).hasSize(PROJECTS);
    assertThat(CHILD_OPENS.stream().map(open -> open.substring(open.lastIndexOf('-') + 1)).distinct())
        .as("children spread over both readers' I/O threads").containsExactlyInAnyOrder("0", "1");
  }

  @Test
  void aFailingChildFailsTheEndpointWithItsClassWhileOtherParentsLand() throws Exception {
    api.missingProject("p7");

    PipelineSpec pipeline = run("fanout_404");

    List<String> taskIds = fixture.rows(pipeline, "tasks").stream().map(r -> (String) r.getField("id")).toList();
    assertThat(taskIds).containsExactlyInAnyOrderElementsOf(api.taskIds());
    Record run = runRow(pipeline, "tasks");
    assertThat(run.getField("status")).isEqualTo("FAILED");
    assertThat(run.getField("error_class")).isEqualTo("NOT_FOUND");
    assertThat(run.getField("rows")).isEqualTo((long) (PROJECTS - 1) * TASKS_PER_PROJECT);
  }

  @Test
  void aTaskFailureMidFanOutRestoresWithoutLosingOrRepeatingAChild() throws Exception {
    api.latency(20);
    PipelineSpec pipeline = fixture.load(yaml("fanout_failover"));
    Path checkpoints = fixture.home().checkpoints(pipeline.name());
    Files.createDirectories(checkpoints);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2,
        JobConfiguration.forPipeline(pipeline, checkpoints, "hashmap"));
    FailOnceAfterCheckpoint failing = new FailOnceAfterCheckpoint(
        FetcherFactories.forPipeline(pipeline, fixture.secrets()), checkpoints, "tasks", 20);

    new PipelineCompiler(Catalogs.loader(pipeline.destination()), failing)
        .compile(env, pipeline, CompileOptions.once());
    env.execute("fanout failover");

    assertThat(failing.fired()).as("the injected failure happened").isTrue();
    Map<String, Long> counts = fixture.rows(pipeline, "tasks").stream()
        .collect(Collectors.groupingBy(r -> (String) r.getField("id"), Collectors.counting()));
    assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(api.taskIds());
    assertThat(counts.values()).as("no child landed twice").allMatch(c -> c == 1L);
    Record run = runRow(pipeline, "tasks");
    assertThat(run.getField("status")).isEqualTo("SUCCEEDED");
    assertThat(run.getField("rows")).isEqualTo((long) PROJECTS * TASKS_PER_PROJECT);
  }

  private String yaml(String name) throws Exception {
    return """
        name: %s
        connector_file: %s
        config:
          base_url: %s
        endpoints: [projects, tasks]
        write_mode: append
        schedule: "0 * * * *"
        runtime: {parallelism: 2, checkpoint_interval: 300ms}
        """.formatted(name, api.connectorFile(dir), api.baseUrl());
  }

  private PipelineSpec run(String name) throws Exception {
    PipelineSpec pipeline = fixture.load(yaml(name));
    new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false)
        .decorateFetchers(RecordingFetchers::new).runOnce(pipeline);
    return pipeline;
  }

  private Record runRow(PipelineSpec pipeline, String endpoint) throws Exception {
    List<Record> rows = fixture.rows(pipeline, "_ingest_runs").stream()
        .filter(r -> endpoint.equals(r.getField("endpoint"))).toList();
    assertThat(rows).as("one run row for %s", endpoint).hasSize(1);
    return rows.get(0);
  }

  /** Notes which thread opens each child split, then delegates. */
  static final class RecordingFetchers implements PageFetcherFactory {
    private static final long serialVersionUID = 1L;
    private final PageFetcherFactory delegate;

    RecordingFetchers(PageFetcherFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public PageFetcher open(FetchTarget target) throws EndpointException {
      if (target.scope() == FetchTarget.Scope.ONE_PARENT) {
        CHILD_OPENS.add(target.vars().get("parent.id") + " " + Thread.currentThread().getName());
      }
      return delegate.open(target);
    }

    @Override
    public boolean hasParent(String endpoint) {
      return delegate.hasParent(endpoint);
    }

    @Override
    public java.util.OptionalInt parentPageLimit(String endpoint) {
      return delegate.parentPageLimit(endpoint);
    }
  }
}
