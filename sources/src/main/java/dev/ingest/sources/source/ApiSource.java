package dev.ingest.sources.source;

import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.schedule.CronSchedule;
import dev.ingest.sources.source.enumerator.ApiEnumState;
import dev.ingest.sources.source.enumerator.ApiEnumStateSerializer;
import dev.ingest.sources.source.enumerator.ApiSourceEnumerator;
import dev.ingest.sources.source.enumerator.EnumeratorSettings;
import dev.ingest.sources.source.event.ApiEvent;
import dev.ingest.sources.source.event.EndpointRun;
import dev.ingest.sources.source.metrics.ApiSourceMetrics;
import dev.ingest.sources.source.reader.ApiRecordEmitter;
import dev.ingest.sources.source.reader.ApiSourceReader;
import dev.ingest.sources.source.reader.ApiSplitReader;
import dev.ingest.sources.source.request.ControlApiRunRequestClient;
import dev.ingest.sources.source.request.RunRequestSettings;
import dev.ingest.sources.source.split.ApiSplit;
import dev.ingest.sources.source.split.ApiSplitSerializer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The FLIP-27 source of a pipeline: fetches every endpoint of the pipeline once per run, runs on a cron schedule
 * (unbounded) or once (bounded), and emits each record and one {@link EndpointRun} summary per endpoint and run as
 * {@link ApiEvent}s, exactly once under checkpointing.
 *
 * <pre>
 *  job manager (coordinator thread)                 task managers, one reader per parallel subtask
 * ┌───────────────────────────────────────┐        ┌─────────────────────────────────────────────────────────┐
 * │ ApiSourceEnumerator                   │ split  │ ApiSourceReader                                         │
 * │  tick (callAsync, fixed rate)         │───────▶│  fetcher thread: ApiSplitReader                         │
 * │   └▶ RunScheduler: cron fire due?     │        │   page I/O thread: PageFetcher.fetch(cursor)            │
 * │   └▶ RunTracker: previous run done?   │ split  │   └▶ ApiItem: record… record, PageEnd(next) | Failure   │
 * │       yes: new run, one ApiSplit per  │ request│                 │ (queue)                               │
 * │            endpoint                   │◀───────│  task thread:   ▼                                       │
 * │       no:  skip this fire time        │        │   ApiRecordEmitter: emit ApiEvent, advance ApiSplitState │
 * │   └▶ SplitAssigner: one split per     │ split  │     per record (cursor + recordsToSkip = checkpoint)    │
 * │      request, pending queue           │finished│     last page ▶ EndpointRun SUCCEEDED                   │
 * │   └▶ FanOuts: parent page finished ▶  │◀───────│     EndpointException ▶ EndpointRun FAILED              │
 * │      a split per parent record, then  │        │   fan-out parts emit no EndpointRun; their summary      │
 * │      one summary split                │        │     split emits the endpoint's one EndpointRun          │
 * │  state: ApiEnumState                  │        │                                                         │
 * └───────────────────────────────────────┘        └───────────────────────────┬─────────────────────────────┘
 *                                                                              ▼ ApiEvent (record | endpointRun)
 * </pre>
 *
 * <p>Build one with {@link #builder()}. Runs are identified by sortable run ids ({@code 20261124T173000Z-000001}:
 * fire time in UTC, then a per-job sequence number).
 */
public final class ApiSource
    implements Source<ApiEvent, ApiSplit, ApiEnumState>, ResultTypeQueryable<ApiEvent> {
  private static final long serialVersionUID = 1L;

  private final String pipeline;
  private final ArrayList<String> endpoints;
  private final PageFetcherFactory fetchers;
  private final String cron;
  private final ZoneId zone;
  private final Duration tickInterval;
  private final boolean endInputAfterCheckpoint;
  /** High-water marks of earlier jobs (runs table), per endpoint: where a fresh (not restored) job starts. */
  private final HashMap<String, String> startCursors;
  /** Scheduled: the first run starts when the job starts fresh (see {@link ApiSourceBuilder#runOnStart}). */
  private final boolean runOnStart;
  /** Where a scheduled job asks for run requests; null: it takes none. */
  private final RunRequestSettings runRequests;

  ApiSource(String pipeline, List<String> endpoints, PageFetcherFactory fetchers, String cron, ZoneId zone,
      Duration tickInterval, boolean endInputAfterCheckpoint, Map<String, String> startCursors,
      boolean runOnStart, RunRequestSettings runRequests) {
    this.runOnStart = runOnStart;
    this.runRequests = runRequests;
    this.startCursors = new HashMap<>(startCursors);
    this.pipeline = pipeline;
    this.endpoints = new ArrayList<>(endpoints);
    this.fetchers = fetchers;
    this.cron = cron;
    this.zone = zone;
    this.tickInterval = tickInterval;
    this.endInputAfterCheckpoint = endInputAfterCheckpoint;
  }

  /** Starts building a source. */
  public static ApiSourceBuilder builder() {
    return new ApiSourceBuilder();
  }

  @Override
  public Boundedness getBoundedness() {
    return cron == null ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<ApiSplit, ApiEnumState> createEnumerator(SplitEnumeratorContext<ApiSplit> context) {
    return restoreEnumerator(context, ApiEnumState.initial(startCursors));
  }

  @Override
  public SplitEnumerator<ApiSplit, ApiEnumState> restoreEnumerator(
      SplitEnumeratorContext<ApiSplit> context, ApiEnumState state) {
    if (runRequests == null) {
      return new ApiSourceEnumerator(context, settings(), state, Clock.systemUTC());
    }
    return new ApiSourceEnumerator(context, settings(), state, Clock.systemUTC(),
        new ControlApiRunRequestClient(pipeline, runRequests), runRequests.pollInterval());
  }

  @Override
  public SourceReader<ApiEvent, ApiSplit> createReader(SourceReaderContext context) {
    Clock clock = Clock.systemUTC();
    String ioThread = "ingest-page-io-" + pipeline + "-" + context.getIndexOfSubtask();
    ApiRecordEmitter emitter = new ApiRecordEmitter(new ApiSourceMetrics(context.metricGroup()), clock);
    return new ApiSourceReader(() -> new ApiSplitReader(fetchers, clock, ioThread), emitter,
        context.getConfiguration(), context, endInputAfterCheckpoint);
  }

  @Override
  public SimpleVersionedSerializer<ApiSplit> getSplitSerializer() {
    return ApiSplitSerializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<ApiEnumState> getEnumeratorCheckpointSerializer() {
    return new ApiEnumStateSerializer();
  }

  /** {@link ApiEvent} as a Flink POJO type (never Kryo). */
  @Override
  public TypeInformation<ApiEvent> getProducedType() {
    return TypeInformation.of(ApiEvent.class);
  }

  /** The settings the enumerator runs with (the cron is parsed here, on the job manager). */
  public EnumeratorSettings settings() {
    Optional<CronSchedule> schedule = Optional.ofNullable(cron).map(c -> CronSchedule.parse(c, zone));
    Set<String> fannedOut = endpoints.stream().filter(fetchers::hasParent).collect(Collectors.toSet());
    Map<String, Integer> parentPageLimits = new HashMap<>();
    for (String endpoint : fannedOut) {
      fetchers.parentPageLimit(endpoint).ifPresent(limit -> parentPageLimits.put(endpoint, limit));
    }
    return new EnumeratorSettings(pipeline, endpoints, schedule, tickInterval, fannedOut, parentPageLimits)
        .withRunOnStart(runOnStart);
  }

  public String pipeline() {
    return pipeline;
  }

  public List<String> endpoints() {
    return List.copyOf(endpoints);
  }

  /** The per-endpoint high-water marks a fresh job starts from (a restored job uses its checkpointed ones). */
  public Map<String, String> startCursors() {
    return Map.copyOf(startCursors);
  }

  /** Where the job asks for run requests, if it takes them. */
  public Optional<RunRequestSettings> runRequests() {
    return Optional.ofNullable(runRequests);
  }

  @Override
  public String toString() {
    return "ApiSource{pipeline=" + pipeline + " endpoints=" + endpoints + " "
        + (cron == null ? "bounded" : "schedule='" + cron + "' " + zone.getId()) + "}";
  }
}
