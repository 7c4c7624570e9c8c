package dev.ingest.sources.source;

import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.schedule.CronSchedule;
import dev.ingest.sources.source.request.RunRequestSettings;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds an {@link ApiSource}:
 *
 * <pre>{@code
 * ApiSource source = ApiSource.builder()
 *     .pipeline("asana-prod")
 *     .endpoints(List.of("tasks", "projects"))
 *     .fetchers(pageFetcherFactory)
 *     .schedule("*}{@code /15 * * * *")        // or .bounded() for exactly one run
 *     .build();
 * }</pre>
 *
 * <p>Exactly one of {@link #schedule(String)} and {@link #bounded()} must be called. Everything is validated in
 * {@link #build()}, with messages naming the setting.
 */
public final class ApiSourceBuilder {
  /**
   * Scheduled sources: start the first run as soon as the job starts fresh (not restored from a checkpoint or
   * savepoint that already holds a run), instead of at the first cron fire time. Off by default.
   */
  public ApiSourceBuilder runOnStart(boolean runOnStart) {
    this.runOnStart = runOnStart;
    return this;
  }

  /** How often the enumerator evaluates the cron expression unless told otherwise. */
  public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofSeconds(1);

  private String pipeline;
  private List<String> endpoints;
  private PageFetcherFactory fetchers;
  private String cron;
  private ZoneId zone = ZoneOffset.UTC;
  private boolean bounded;
  private Duration tickInterval = DEFAULT_TICK_INTERVAL;
  private boolean runOnStart;
  private boolean endInputAfterCheckpoint;
  private Map<String, String> startCursors = Map.of();
  private RunRequestSettings runRequests;

  ApiSourceBuilder() {}

  /** The pipeline's name (appears in logs, thread names and splits). */
  public ApiSourceBuilder pipeline(String pipeline) {
    this.pipeline = pipeline;
    return this;
  }

  /** The endpoints every run fetches, one split each, by the names the connector defines. */
  public ApiSourceBuilder endpoints(List<String> endpoints) {
    this.endpoints = endpoints == null ? null : List.copyOf(endpoints);
    return this;
  }

  /** Opens the page fetchers on the task managers (serializable; resolves secrets when it opens). */
  public ApiSourceBuilder fetchers(PageFetcherFactory fetchers) {
    this.fetchers = fetchers;
    return this;
  }

  /**
   * Unbounded: a new run on each fire time of {@code cron}, evaluated in UTC. 5-field UNIX cron, or 6 fields with a
   * leading seconds field (see {@link CronSchedule}).
   */
  public ApiSourceBuilder schedule(String cron) {
    return schedule(cron, ZoneOffset.UTC);
  }

  /** Unbounded, with the cron evaluated in {@code zone}. */
  public ApiSourceBuilder schedule(String cron, ZoneId zone) {
    this.cron = cron;
    this.zone = Objects.requireNonNull(zone, "zone");
    return this;
  }

  /** Bounded: exactly one run, then end of input ({@code ./ingest run --once}). */
  public ApiSourceBuilder bounded() {
    this.bounded = true;
    return this;
  }

  /**
   * Bounded mode with checkpointing on: each reader signals end of input only after a completed checkpoint holds
   * all of its finished splits, so a checkpoint-committing sink (Iceberg's FlinkSink) has committed everything
   * before it sees end of input. Requires checkpointing: without it the job would never end. Ingest's pipeline
   * jobs always set it.
   */
  public ApiSourceBuilder endInputAfterCheckpoint() {
    this.endInputAfterCheckpoint = true;
    return this;
  }

  /**
   * Per-endpoint incremental high-water marks of earlier jobs of the pipeline (their runs table): a job that
   * starts fresh seeds its enumerator with them, so a bounded run continues where the last successful one ended.
   * A job restored from a checkpoint or savepoint ignores them and uses its checkpointed marks.
   */
  public ApiSourceBuilder startCursors(Map<String, String> startCursors) {
    this.startCursors = Map.copyOf(startCursors);
    return this;
  }

  /**
   * Scheduled only: the enumerator also polls the control plane for run requests and runs each as an ordinary
   * run of this job, from the same checkpointed state (see {@code RunRequests}).
   */
  public ApiSourceBuilder runRequests(RunRequestSettings runRequests) {
    this.runRequests = runRequests;
    return this;
  }

  /** How often the enumerator evaluates the cron expression (default 1 s); finer than the schedule's resolution. */
  public ApiSourceBuilder tickInterval(Duration tickInterval) {
    this.tickInterval = tickInterval;
    return this;
  }

  /**
   * Validates the settings and builds the source.
   *
   * @throws IllegalArgumentException naming the invalid setting (or the invalid cron expression)
   * @throws IllegalStateException when neither or both of {@code schedule(..)} and {@code bounded()} were called
   */
  public ApiSource build() {
    if (pipeline == null || pipeline.isBlank()) {
      throw new IllegalArgumentException("pipeline: required");
    }
    if (endpoints == null || endpoints.isEmpty()) {
      throw new IllegalArgumentException("endpoints: at least one endpoint is required");
    }
    Set<String> seen = new HashSet<>();
    for (String endpoint : endpoints) {
      if (endpoint == null || endpoint.isBlank()) {
        throw new IllegalArgumentException("endpoints: names must not be blank");
      }
      if (!seen.add(endpoint)) {
        throw new IllegalArgumentException("endpoints: '" + endpoint + "' is listed twice");
      }
    }
    if (fetchers == null) {
      throw new IllegalArgumentException("fetchers: a PageFetcherFactory is required");
    }
    if (bounded == (cron != null)) {
      throw new IllegalStateException(bounded
          ? "schedule: call either schedule(cron) or bounded(), not both"
          : "schedule: call schedule(cron) for a scheduled source or bounded() for one run");
    }
    if (cron != null) {
      CronSchedule.parse(cron, zone);
    }
    for (String endpoint : startCursors.keySet()) {
      if (!seen.contains(endpoint)) {
        throw new IllegalArgumentException("startCursors: '" + endpoint + "' is not one of the endpoints");
      }
    }
    if (tickInterval == null || tickInterval.isNegative() || tickInterval.isZero()) {
      throw new IllegalArgumentException("tickInterval: must be positive, got " + tickInterval);
    }
    if (runOnStart && bounded) {
      throw new IllegalStateException("runOnStart: only applies to scheduled sources (a bounded one runs at start)");
    }
    if (endInputAfterCheckpoint && !bounded) {
      throw new IllegalStateException("endInputAfterCheckpoint: only applies to bounded() sources");
    }
    if (runRequests != null && bounded) {
      throw new IllegalStateException("runRequests: only a scheduled source takes run requests (a bounded one runs "
          + "once)");
    }
    return new ApiSource(pipeline, endpoints, fetchers, cron == null ? null : cron.trim(), zone, tickInterval,
        endInputAfterCheckpoint, startCursors, runOnStart, runRequests);
  }
}
