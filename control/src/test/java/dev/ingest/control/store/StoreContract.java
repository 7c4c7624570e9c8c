package dev.ingest.control.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.control.model.Deployment;
import dev.ingest.sinks.runs.RunRow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every store backend must have; {@link H2StoreTest} and {@link PostgresStoreITCase} run it against
 * the embedded H2 file and a real PostgreSQL server.
 */
abstract class StoreContract {
  private Database database;
  private PipelineStore pipelines;
  private RunStore runs;

  private StoreConfig config;

  void open(StoreConfig config) {
    this.config = config;
    database = Database.open(config);
    pipelines = new PipelineStore(database.dataSource(), Clock.systemUTC());
    runs = new RunStore(database.dataSource());
  }

  @AfterEach
  void closeDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void runRequestsOutliveAReopenAndKeepTheirRunsAsPolled() {
    java.time.Instant now = java.time.Instant.parse("2026-12-07T12:00:00Z");
    long first = new RunRequestStore(database.dataSource()).add("crm", 0, now).id();
    database.close();
    database = Database.open(config); // the control plane restarted
    RunRequestStore requests = new RunRequestStore(database.dataSource());

    long second = requests.add("crm", 0, now).id();
    long other = requests.add("other", 0, now).id();
    assertThat(List.of(first, second, other)).containsExactly(1L, 2L, 3L);
    assertThat(requests.list("crm")).extracting(RunRequestStore.Row::id).containsExactly(first, second);
    assertThat(requests.list("crm").get(0).requestedAt()).isEqualTo(now);
    assertThat(requests.add("crm", 1_000, now).id()).as("at least the clock's millis").isEqualTo(1_000);

    requests.applyPoll("crm", first, Optional.of("run-1"), 100);
    assertThat(requests.list("crm")).extracting(r -> r.runId().orElse("-")).containsExactly("run-1", "-", "-");
    requests.applyPoll("crm", 0, Optional.empty(), 100); // the job restored from before run-1 started
    assertThat(requests.list("crm")).extracting(r -> r.runId().orElse("-")).containsExactly("-", "-", "-");
    requests.applyPoll("crm", 1_000, Optional.of("run-2"), 2);
    assertThat(requests.list("crm")).as("only the newest 2 started ones are kept")
        .extracting(RunRequestStore.Row::id).containsExactly(second, 1_000L);
    assertThat(requests.list("other")).extracting(RunRequestStore.Row::id).containsExactly(other);
    requests.forget("crm");
    assertThat(requests.list("crm")).isEmpty();
  }

  @Test
  void createsAtVersionOneAndRejectsADuplicateName() {
    StoredPipeline created = pipelines.create("crm", "{\"name\":\"crm\"}");

    assertThat(created.version()).isEqualTo(1);
    assertThat(created.state()).isEqualTo(PipelineState.UNDEPLOYED);
    assertThat(pipelines.get("crm").definition()).isEqualTo("{\"name\":\"crm\"}");
    assertThatThrownBy(() -> pipelines.create("crm", "{}"))
        .isInstanceOf(PipelineExistsException.class).hasMessageContaining("'crm' already exists");
  }

  @Test
  void updateFromTheCurrentVersionIncrementsItAndAStaleVersionIsRejected() {
    pipelines.create("crm", "v1");

    StoredPipeline updated = pipelines.update("crm", 1, "v2");

    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.definition()).isEqualTo("v2");
    assertThatThrownBy(() -> pipelines.update("crm", 1, "lost"))
        .isInstanceOfSatisfying(StaleVersionException.class, e -> assertThat(e.current()).isEqualTo(2))
        .hasMessageContaining("version 2, not 1");
    assertThat(pipelines.get("crm").definition()).isEqualTo("v2");
  }

  @Test
  void concurrentUpdatesFromOneVersionLetExactlyOneWin() throws Exception {
    pipelines.create("crm", "v1");
    int writers = 6;
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      String definition = "writer-" + i;
      tasks.add(() -> {
        start.await();
        try {
          pipelines.update("crm", 1, definition);
          return true;
        } catch (StaleVersionException e) {
          return false;
        }
      });
    }
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      tasks.forEach(t -> results.add(pool.submit(t)));
      start.countDown();
      int won = 0;
      for (Future<Boolean> f : results) {
        won += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
      assertThat(pipelines.get("crm").version()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void writersThatRetryOnConflictNeverLoseAnUpdate() throws Exception {
    pipelines.create("counter", "0");
    int writers = 4;
    int incrementsEach = 5;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < incrementsEach; i++) {
            while (true) {
              StoredPipeline current = pipelines.get("counter");
              int value = Integer.parseInt(current.definition());
              try {
                pipelines.update("counter", current.version(), Integer.toString(value + 1));
                break;
              } catch (StaleVersionException e) {
                // someone else wrote first: read again and reapply
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    StoredPipeline end = pipelines.get("counter");
    assertThat(end.definition()).isEqualTo(Integer.toString(writers * incrementsEach));
    assertThat(end.version()).isEqualTo(1 + writers * incrementsEach);
  }

  @Test
  void transitionsRecordStateAndDeploymentAndBumpTheVersion() {
    pipelines.create("crm", "v1");

    Deployment job = new Deployment("crm", "session", "job-7", null);
    String savepoint = "s3://bucket/ingest/savepoints/crm/savepoint-4c1d2e-0123456789ab" + "/x".repeat(200);
    StoredPipeline deployed = pipelines.transition("crm", OptionalLong.of(1), PipelineState.DEPLOYED, Optional.of(job));
    StoredPipeline paused = pipelines.transition("crm", OptionalLong.empty(), PipelineState.PAUSED,
        Optional.of(job.withSavepoint(savepoint)));

    assertThat(deployed.version()).isEqualTo(2);
    assertThat(deployed.deployment()).contains(job);
    assertThat(paused.state()).isEqualTo(PipelineState.PAUSED);
    assertThat(pipelines.get("crm").deployment()).contains(new Deployment("crm", "session", "job-7", savepoint));
    assertThat(paused.version()).isEqualTo(3);
    assertThat(pipelines.transition("crm", OptionalLong.empty(), PipelineState.UNDEPLOYED, Optional.empty())
        .deployment()).isEmpty();
    assertThatThrownBy(() -> pipelines.transition("crm", OptionalLong.of(2), PipelineState.DEPLOYED, Optional.empty()))
        .isInstanceOf(StaleVersionException.class);
  }

  @Test
  void deleteRemovesThePipelineAndItsRuns() {
    pipelines.create("crm", "v1");
    runs.record("crm", List.of(run("r1", "contacts", 1_000, "SUCCEEDED", null)));

    assertThatThrownBy(() -> pipelines.delete("crm", OptionalLong.of(9))).isInstanceOf(StaleVersionException.class);
    pipelines.delete("crm", OptionalLong.of(1));

    assertThat(pipelines.find("crm")).isEmpty();
    assertThat(runs.list("crm", Optional.empty(), 10)).isEmpty();
    assertThatThrownBy(() -> pipelines.delete("crm", OptionalLong.empty()))
        .isInstanceOf(PipelineNotFoundException.class).hasMessageContaining("no pipeline named 'crm'");
  }

  @Test
  void runsAreRecordedOnceAndListedNewestFirst() {
    List<RunRow> first = List.of(run("r1", "contacts", 1_000, "SUCCEEDED", null),
        run("r1", "tickets", 1_000, "SUCCEEDED", null));
    List<RunRow> second = List.of(run("r2", "contacts", 2_000, "FAILED", "AUTH_FAILED"),
        run("r2", "tickets", 2_000, "SUCCEEDED", null));

    assertThat(runs.record("crm", first)).isEqualTo(2);
    assertThat(runs.record("crm", first)).isZero();
    assertThat(runs.record("crm", second)).isEqualTo(2);

    assertThat(runs.list("crm", Optional.empty(), 10)).extracting(r -> r.runId() + "/" + r.endpoint())
        .containsExactly("r2/contacts", "r2/tickets", "r1/contacts", "r1/tickets");
    assertThat(runs.list("crm", Optional.of("tickets"), 1)).extracting(RunRow::runId).containsExactly("r2");
    List<RunRow> latest = runs.latestRun("crm");
    assertThat(latest).extracting(RunRow::endpoint).containsExactly("contacts", "tickets");
    assertThat(latest.get(0).errorClass()).isEqualTo("AUTH_FAILED");
    assertThat(latest.get(0).rows()).isEqualTo(42);
    assertThat(latest.get(0).runStartedAt()).isEqualTo(2_000);
    assertThat(runs.latestRun("other")).isEmpty();
  }

  @Test
  void wireAndDecodedBytesAreKeptApartAndAnUnknownDecodedFigureStaysUnknown() {
    RunRow gzipped = new RunRow("r1", "contacts", 1_000, 1_000, 1_500, 500, 3, 4, 42, 4096, 1, 0, 0, 0,
        "SUCCEEDED", null, null, null, null, 30_000L);
    runs.record("crm", List.of(gzipped, run("r1", "tickets", 1_000, "SUCCEEDED", null)));

    List<RunRow> latest = runs.latestRun("crm");
    assertThat(latest.get(0).bytes()).isEqualTo(4096);
    assertThat(latest.get(0).decodedBytes()).isEqualTo(30_000L);
    assertThat(latest.get(1).decodedBytes()).isNull();
  }

  @Test
  void theApiTotalIsKeptBesideTheRowsAndNoneStaysNone() {
    RunRow stated = new RunRow("r1", "contacts", 1_000, 1_000, 1_500, 500, 3, 4, 42, 4096, 1, 0, 0, 0,
        "SUCCEEDED", null, null, null, null, 4096L, 45L);
    runs.record("crm", List.of(stated, run("r1", "tickets", 1_000, "SUCCEEDED", null)));

    List<RunRow> latest = runs.latestRun("crm");
    assertThat(latest.get(0).apiTotal()).isEqualTo(45L);
    assertThat(latest.get(0).isIncomplete()).isTrue();
    assertThat(latest.get(1).apiTotal()).isNull();
    assertThat(latest.get(1).isIncomplete()).isFalse();
  }

  static RunRow run(String runId, String endpoint, long startedAt, String status, String errorClass) {
    return new RunRow(runId, endpoint, startedAt, startedAt, startedAt + 500, 500, 3, 4, 42, 4096, 1, 0, 0,
        errorClass == null ? 0 : 1, status, errorClass, errorClass == null ? null : "401 from GET /contacts", null);
  }
}
