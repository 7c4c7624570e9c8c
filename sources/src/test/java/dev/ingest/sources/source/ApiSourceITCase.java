package dev.ingest.sources.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.source.event.ApiEvent;
import dev.ingest.sources.source.event.EndpointRun;
import dev.ingest.sources.testing.ScriptedEndpoint;
import dev.ingest.sources.testing.ScriptedPageFetcherFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ApiSource} on a MiniCluster (parallelism 2) with scripted endpoints. */
@Timeout(120)
class ApiSourceITCase {

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(2)
          .build());

  /** Highest checkpoint id completed so far, as seen by {@link CheckpointWatcher}. */
  static final AtomicLong COMPLETED_CHECKPOINT = new AtomicLong();

  private final ScriptedPageFetcherFactory api = ScriptedPageFetcherFactory.create();

  @AfterEach
  void tearDown() {
    api.discard();
  }

  @Test
  void boundedRunEmitsEveryRecordOnceAndOneSucceededRunPerEndpoint() throws Exception {
    List<ScriptedEndpoint> endpoints = List.of(
        api.endpoint("tasks").pages(4).recordsPerPage(5),
        api.endpoint("users").pages(3).recordsPerPage(3).cursorStyle(ScriptedEndpoint.CursorStyle.TOKEN),
        api.endpoint("projects").pages(2).recordsPerPage(7).cursorStyle(ScriptedEndpoint.CursorStyle.OFFSET));

    List<ApiEvent> events = collect(env(), bounded("tasks", "users", "projects"));

    assertExactRun(events, endpoints);
    assertThat(runIds(events)).singleElement().asString().matches("\\d{8}T\\d{6}Z-000001");
  }

  @Test
  void failingEndpointEndsWithAFailedRunAndTheJobSucceeds() throws Exception {
    ScriptedEndpoint tasks = api.endpoint("tasks").pages(2).recordsPerPage(3);
    api.endpoint("users").pages(3).recordsPerPage(2).failAt(2, ErrorClass.AUTH_FAILED, "401 Unauthorized");

    List<ApiEvent> events = collect(env(), bounded("tasks", "users"));

    Map<String, EndpointRun> runs = endpointRuns(events);
    assertThat(runs.get("tasks").status).isEqualTo(EndpointRun.SUCCEEDED);
    assertThat(runs.get("tasks").rows).isEqualTo(tasks.totalRecords());
    EndpointRun users = runs.get("users");
    assertThat(users.status).isEqualTo(EndpointRun.FAILED);
    assertThat(users.errorClass).isEqualTo("AUTH_FAILED");
    assertThat(users.errorMessage).isEqualTo("401 Unauthorized");
    assertThat(users.rows).isEqualTo(2);
    assertThat(records(events, "users")).containsExactly(
        ScriptedEndpoint.recordJson("users", 1, 0), ScriptedEndpoint.recordJson("users", 1, 1));
  }

  @Test
  void resumesFromTheCheckpointedCursorAfterATaskFailure() throws Exception {
    COMPLETED_CHECKPOINT.set(0);
    ScriptedEndpoint tasks = api.endpoint("tasks").pages(12).recordsPerPage(5).pageDelay(Duration.ofMillis(10))
        .crashOnceAt(6, ApiSourceITCase::awaitTwoMoreCheckpoints);
    List<ScriptedEndpoint> endpoints = List.of(tasks,
        api.endpoint("users").pages(5).recordsPerPage(4).pageDelay(Duration.ofMillis(10)),
        api.endpoint("projects").pages(3).recordsPerPage(2));
    StreamExecutionEnvironment env = env(restartOnFailure());
    env.enableCheckpointing(100);

    List<ApiEvent> events = collect(env, bounded("tasks", "users", "projects"));

    assertThat(tasks.crashed()).isTrue();
    assertThat(tasks.fetchCountOfPage(1)).as("not restarted from the first page").isEqualTo(1);
    assertThat(tasks.fetchCountOfPage(6)).as("refetched from the checkpointed cursor").isEqualTo(2);
    assertExactRun(events, endpoints);
  }

  @Test
  void scheduledSourceStartsARunOnEachFireTime() throws Exception {
    api.endpoint("tasks").pages(2).recordsPerPage(2);
    api.endpoint("users").pages(1).recordsPerPage(3);
    ApiSource source = ApiSource.builder().pipeline("it").endpoints(List.of("tasks", "users")).fetchers(api)
        .schedule("*/2 * * * * *").tickInterval(Duration.ofMillis(200)).build();
    DataStream<ApiEvent> stream = env().fromSource(source, WatermarkStrategy.noWatermarks(), "api");
    List<ApiEvent> events = new CopyOnWriteArrayList<>();

    try (CloseableIterator<ApiEvent> results = stream.executeAndCollect("scheduled")) {
      Thread drain = new Thread(() -> results.forEachRemaining(events::add), "drain");
      drain.setDaemon(true);
      drain.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> completedRuns(events).size() >= 2);
    }

    List<String> runs = completedRuns(events);
    assertThat(runs).doesNotHaveDuplicates().isSorted();
    for (String runId : runs.subList(0, 2)) {
      List<ApiEvent> ofRun = events.stream().filter(e -> e.runId.equals(runId)).toList();
      assertThat(ofRun.stream().filter(ApiEvent::isRecord)).hasSize(7);
      assertThat(ofRun.stream().filter(e -> !e.isRecord()).map(e -> e.run.status))
          .containsExactly(EndpointRun.SUCCEEDED, EndpointRun.SUCCEEDED);
      assertThat(runId).matches("\\d{8}T\\d{5}[02468]Z-\\d{6}");
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  private ApiSource bounded(String... endpoints) {
    return ApiSource.builder().pipeline("it").endpoints(List.of(endpoints)).fetchers(api).bounded().build();
  }

  private static StreamExecutionEnvironment env() {
    return env(new Configuration());
  }

  private static StreamExecutionEnvironment env(Configuration conf) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    return env;
  }

  private static Configuration restartOnFailure() {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    return conf;
  }

  private static List<ApiEvent> collect(StreamExecutionEnvironment env, ApiSource source) throws Exception {
    DataStream<ApiEvent> stream = env.fromSource(source, WatermarkStrategy.noWatermarks(), "api")
        .map(new CheckpointWatcher());
    List<ApiEvent> events = new ArrayList<>();
    try (CloseableIterator<ApiEvent> results = stream.executeAndCollect("bounded")) {
      results.forEachRemaining(events::add);
    }
    return events;
  }

  /** Every scripted record exactly once, and one SUCCEEDED run per endpoint with exact totals. */
  private static void assertExactRun(List<ApiEvent> events, List<ScriptedEndpoint> endpoints) {
    Map<String, EndpointRun> runs = endpointRuns(events);
    assertThat(runs).hasSize(endpoints.size());
    for (ScriptedEndpoint endpoint : endpoints) {
      assertThat(records(events, endpoint.name())).as(endpoint.name())
          .containsExactlyInAnyOrderElementsOf(endpoint.expectedRecords());
      EndpointRun run = runs.get(endpoint.name());
      assertThat(run.status).isEqualTo(EndpointRun.SUCCEEDED);
      assertThat(run.rows).isEqualTo(endpoint.totalRecords());
      assertThat(run.pages).isEqualTo(endpoint.pageCount());
      assertThat(run.requests).as("one request per emitted page").isEqualTo(endpoint.pageCount());
      assertThat(run.errors).isZero();
    }
    assertThat(runIds(events)).hasSize(1);
  }

  private static List<String> records(List<ApiEvent> events, String endpoint) {
    return events.stream().filter(e -> e.isRecord() && e.endpoint.equals(endpoint)).map(ApiEvent::text).toList();
  }

  /** The endpoint runs by endpoint; fails on a duplicate. */
  private static Map<String, EndpointRun> endpointRuns(List<ApiEvent> events) {
    return events.stream().filter(e -> !e.isRecord())
        .collect(Collectors.toMap(e -> e.endpoint, e -> e.run, (a, b) -> {
          throw new AssertionError("two endpoint runs for " + a.endpoint + ": " + a + ", " + b);
        }, TreeMap::new));
  }

  private static List<String> runIds(List<ApiEvent> events) {
    return events.stream().map(e -> e.runId).distinct().toList();
  }

  /** Run ids whose two endpoint runs were both emitted, in order. */
  private static List<String> completedRuns(List<ApiEvent> events) {
    return events.stream().filter(e -> !e.isRecord())
        .collect(Collectors.groupingBy(e -> e.runId, TreeMap::new, Collectors.counting()))
        .entrySet().stream().filter(e -> e.getValue() == 2).map(Map.Entry::getKey).toList();
  }

  /** Holds the scripted crash until two more checkpoints completed, so one covers the emitted pages. */
  private static void awaitTwoMoreCheckpoints() {
    long seen = COMPLETED_CHECKPOINT.get();
    await().atMost(Duration.ofSeconds(30)).until(() -> COMPLETED_CHECKPOINT.get() >= seen + 2);
  }

  /** A pass-through map that records completed checkpoints. */
  static final class CheckpointWatcher implements MapFunction<ApiEvent, ApiEvent>, CheckpointListener {
    @Override
    public ApiEvent map(ApiEvent event) {
      return event;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      COMPLETED_CHECKPOINT.accumulateAndGet(checkpointId, Math::max);
    }
  }
}
