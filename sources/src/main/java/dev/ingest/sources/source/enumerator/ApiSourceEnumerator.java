package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.source.request.RunRequestClient;
import dev.ingest.sources.source.split.ApiSplit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.util.FlinkRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enumerator of {@code ApiSource}, on the job manager's coordinator thread. It composes three small parts:
 * {@link RunScheduler} (is a cron fire time due?), {@link RunTracker} (is a run in progress?) and
 * {@link SplitAssigner} (who gets which split).
 *
 * <ul>
 *   <li>Bounded: one run at start; a reader that asks when nothing is pending gets "no more splits".
 *   <li>Unbounded: a fixed-rate tick ({@code callAsync}) evaluates the cron on the coordinator thread. A due fire
 *       time starts a run, one split per endpoint, unless the previous run is still in progress: then that fire
 *       time is skipped (logged), so runs of a pipeline never overlap. With {@code runOnStart}, a job that starts
 *       fresh starts its first run at once (a deploy's first run), fire time = start time.
 * </ul>
 *
 * <p>Unbounded with a {@link RunRequestClient}: {@link RunRequestPoller} asks the control plane for run requests;
 * {@link RunRequests} accepts each once and starts an ordinary run for it as soon as no run is in progress (requests
 * that arrive during a run share the next one).
 *
 * <p>A run is done when every one of its splits was reported by a {@link SplitFinishedEvent}. Endpoints with a
 * parent are fanned out by {@link FanOuts}: each part reported by a {@link PartFinishedEvent} may add splits to
 * the run (children of a parent page, the next parent page, the endpoint's summary), so a bounded enumerator
 * answers "no more splits" only once the run is done.
 */
public final class ApiSourceEnumerator implements SplitEnumerator<ApiSplit, ApiEnumState> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiSourceEnumerator.class);

  private final SplitEnumeratorContext<ApiSplit> context;
  private final EnumeratorSettings settings;
  private final Clock clock;
  private final RunFactory runs;
  private final RunTracker tracker;
  private final SplitAssigner assigner;
  private final RunScheduler scheduler;
  private final FanOuts fanOuts;
  private final RunRequests requests;
  private final RunRequestPoller poller;
  private Optional<Instant> boundedFireTime;

  public ApiSourceEnumerator(
      SplitEnumeratorContext<ApiSplit> context, EnumeratorSettings settings, ApiEnumState state, Clock clock) {
    this(context, settings, state, clock, null, null);
  }

  /**
   * An enumerator that also takes run requests: an unbounded one polls {@code requestClient} every
   * {@code requestInterval} (a null client: no run requests).
   */
  public ApiSourceEnumerator(SplitEnumeratorContext<ApiSplit> context, EnumeratorSettings settings,
      ApiEnumState state, Clock clock, RunRequestClient requestClient, Duration requestInterval) {
    this.context = Objects.requireNonNull(context, "context");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.fanOuts = new FanOuts(state.fanOuts(), settings.parentPageLimits());
    this.runs = new RunFactory(settings.pipeline(), settings.endpoints(), state.nextRunSequence(),
        new HashMap<>(state.incrementalCursors()), settings.fannedOut(), fanOuts);
    this.tracker = new RunTracker(settings.pipeline(), state.activeRunId(), state.inFlightSplitIds());
    this.assigner = new SplitAssigner(context, state.pendingSplits());
    this.scheduler = settings.schedule()
        .map(s -> new RunScheduler(s, state.lastFireTime().orElseGet(clock::instant)))
        .orElse(null);
    this.boundedFireTime = settings.bounded() ? state.lastFireTime() : Optional.empty();
    this.requests = new RunRequests(settings.pipeline(), state.runRequests());
    this.poller = requestClient == null || settings.bounded() ? null
        : new RunRequestPoller(context, settings.pipeline(), requestClient, requestInterval, requests,
            this::startRequestedRunIfIdle);
  }

  @Override
  public void start() {
    if (settings.bounded()) {
      if (runs.runsCreated() == 0) {
        Instant now = clock.instant();
        boundedFireTime = Optional.of(now);
        startRun(now);
      } else {
        LOG.info("pipeline {}: restored; its one run {} was created before", settings.pipeline(),
            tracker.activeRunId().orElse("(finished)"));
      }
      return;
    }
    LOG.info("pipeline {}: scheduled '{}' ({}); next run at {}", settings.pipeline(),
        scheduler.schedule().expression(), scheduler.schedule().describe(),
        scheduler.upcoming().map(Instant::toString).orElse("never"));
    if (settings.runOnStart() && runs.runsCreated() == 0) {
      LOG.info("pipeline {}: first run on start", settings.pipeline());
      startRun(clock.instant());
    }
    long tickMillis = settings.tickInterval().toMillis();
    context.callAsync(() -> Boolean.TRUE, this::onTick, tickMillis, tickMillis);
    if (poller != null) {
      poller.start();
    }
  }

  private void onTick(Boolean ignored, Throwable error) {
    if (error != null) {
      throw new FlinkRuntimeException("schedule tick of pipeline " + settings.pipeline() + " failed", error);
    }
    Optional<Instant> due = scheduler.takeDue(clock.instant());
    if (due.isPresent() && tracker.isRunInProgress()) {
      LOG.info("pipeline {}: skipping the run due at {}: run {} is still in progress ({} endpoint(s) not finished)",
          settings.pipeline(), due.get(), tracker.activeRunId().orElse("?"), tracker.inFlight().size());
    } else if (due.isPresent()) {
      startRun(due.get());
    }
    startRequestedRunIfIdle();
  }

  /** Starts the run accepted requests wait for, unless a run is in progress (it starts when that one ends). */
  private void startRequestedRunIfIdle() {
    if (requests.waiting() && !settings.bounded() && !tracker.isRunInProgress()) {
      startRun(clock.instant());
    }
  }

  private void startRun(Instant fireTime) {
    RunFactory.Run run = runs.create(fireTime, clock.millis());
    tracker.start(run.runId(), run.splits().stream().map(ApiSplit::splitId).toList());
    LOG.info("pipeline {}: run {} created (fire time {}) with {} endpoint(s): {}", settings.pipeline(), run.runId(),
        fireTime, run.splits().size(), settings.endpoints());
    requests.runStarted(run.runId());
    assigner.addSplits(run.splits());
  }

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    if (!context.registeredReaders().containsKey(subtaskId)) {
      LOG.debug("ignoring a split request of unregistered reader {}", subtaskId);
      return;
    }
    if (assigner.request(subtaskId)) {
      return;
    }
    if (isBoundedInputDone()) {
      context.signalNoMoreSplits(subtaskId);
    } else {
      assigner.waitForSplits(subtaskId);
    }
  }

  /** Bounded: the one run was created and no fan-out of it can add splits any more. */
  private boolean isBoundedInputDone() {
    return settings.bounded() && runs.runsCreated() > 0 && fanOuts.isIdle();
  }

  @Override
  public void addSplitsBack(List<ApiSplit> splits, int subtaskId) {
    LOG.info("pipeline {}: {} split(s) returned by reader {}", settings.pipeline(), splits.size(), subtaskId);
    assigner.addSplitsBack(splits, subtaskId);
  }

  @Override
  public void addReader(int subtaskId) {
    // Readers ask for splits themselves when they start (pull-based assignment).
  }

  @Override
  public void handleSourceEvent(int subtaskId, SourceEvent sourceEvent) {
    if (sourceEvent instanceof SplitFinishedEvent finished) {
      if (finished.succeeded() && finished.cursorMax() != null && tracker.isInFlight(finished.splitId())) {
        runs.advanceCursor(finished.endpoint(), finished.cursorMax());
      }
      tracker.splitFinished(finished);
    } else if (sourceEvent instanceof PartFinishedEvent part) {
      partFinished(part.split());
    } else {
      LOG.warn("pipeline {}: unexpected source event from reader {}: {}", settings.pipeline(), subtaskId,
          sourceEvent);
    }
    startRequestedRunIfIdle();
    if (isBoundedInputDone() && !assigner.hasPending()) {
      assigner.takeWaitingReaders().forEach(context::signalNoMoreSplits);
    }
  }

  /** A part of a fanned-out endpoint finished: its follow-up splits join the run before the part leaves it. */
  private void partFinished(ApiSplit part) {
    if (!tracker.isInFlight(part.splitId())) {
      LOG.debug("pipeline {}: ignoring repeated finish of part {}", settings.pipeline(), part.splitId());
      return;
    }
    List<ApiSplit> next = fanOuts.partFinished(part);
    tracker.add(next.stream().map(ApiSplit::splitId).toList());
    tracker.partFinished(part.splitId());
    assigner.addSplits(next);
  }

  @Override
  public ApiEnumState snapshotState(long checkpointId) {
    Optional<Instant> lastFire = scheduler != null ? Optional.of(scheduler.lastFire()) : boundedFireTime;
    return new ApiEnumState(runs.nextSequence(), lastFire, assigner.pending(), tracker.activeRunId(),
        tracker.inFlight(), runs.cursors(), fanOuts.snapshot(), requests.mark());
  }

  @Override
  public void close() {
    // The context cancels the periodic tick; nothing else is held.
  }
}
