package dev.ingest.sources.source.reader;

import dev.ingest.sources.source.event.ApiEvent;
import dev.ingest.sources.source.event.EndpointRun;
import dev.ingest.sources.source.metrics.ApiSourceMetrics;
import dev.ingest.sources.source.metrics.EndpointMetrics;
import dev.ingest.sources.source.split.ApiSplit;
import dev.ingest.sources.source.split.ApiSplitState;
import dev.ingest.sources.source.split.SplitRole;
import dev.ingest.sources.source.split.SplitStatus;
import java.time.Clock;
import java.util.Objects;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@link ApiItem}s into {@link ApiEvent}s and advances the split state <em>with every item</em>, on the task
 * thread, so a checkpoint (which can fall between any two records) stores exactly what was emitted:
 *
 * <ul>
 *   <li>fetched (before a page's records): add what fetching the page cost, so a checkpoint inside the page counts
 *       its requests and a restore that fetches the page again adds the new ones;
 *   <li>record: emit it, {@code recordsToSkip + 1};
 *   <li>page end: move to the next page's cursor with {@code recordsToSkip = 0}, count the page; after the
 *       last page, emit a SUCCEEDED {@link EndpointRun} and mark the split completed (one step: a checkpoint sees
 *       both or neither);
 *   <li>failure: add the failed fetch's attempts, emit a FAILED {@link EndpointRun} with the error class and the
 *       redacted message, mark completed.
 * </ul>
 *
 * <p>Parts of a fanned-out endpoint ({@code PARENTS}, {@code CHILD}) end the same way but emit no run summary: their
 * outcome stays in the split for its finish report, and the endpoint's {@code SUMMARY} split emits the one
 * {@link EndpointRun} (see {@code SplitRole}).
 */
public final class ApiRecordEmitter implements RecordEmitter<ApiItem, ApiEvent, ApiSplitState> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRecordEmitter.class);

  private final ApiSourceMetrics metrics;
  private final Clock clock;

  public ApiRecordEmitter(ApiSourceMetrics metrics, Clock clock) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void emitRecord(ApiItem item, SourceOutput<ApiEvent> output, ApiSplitState state) {
    ApiSplit split = state.split();
    EndpointMetrics endpointMetrics = metrics.endpoint(split.endpoint());
    if (item instanceof ApiItem.Fetched fetched) {
      state.requestsSent(fetched.stats(), fetched.fetchStartedAt());
      fetched.apiTotal().ifPresent(state::totalStated);
      endpointMetrics.requestsSent(fetched.stats());
    } else if (item instanceof ApiItem.Record record) {
      output.collect(ApiEvent.record(split.endpoint(), split.runId(), split.runStartedAt(), record.json()));
      state.recordEmitted();
      endpointMetrics.recordEmitted();
    } else if (item instanceof ApiItem.PageEnd end) {
      state.pageEnded(end.next().orElse(null), end.stats(), end.fetchStartedAt(), end.cursorMax().orElse(null));
      endpointMetrics.pageCompleted(end.stats());
      if (end.isLast()) {
        finish(state, SplitStatus.SUCCEEDED, null, null, output, endpointMetrics);
      }
    } else if (item instanceof ApiItem.Failure failure) {
      state.requestsSent(failure.stats(), failure.at());
      endpointMetrics.requestsSent(failure.stats());
      finish(state, SplitStatus.FAILED, failure.errorClass().name(), failure.message(), output, endpointMetrics);
    } else if (item instanceof ApiItem.Parents parents) {
      state.parentsFound(parents.parents(), parents.next());
      state.pageEnded(null, parents.stats(), parents.fetchStartedAt());
      endpointMetrics.pageCompleted(parents.stats());
      state.finishPart(SplitStatus.SUCCEEDED, null, null);
    } else if (item instanceof ApiItem.Summary) {
      SplitRole role = split.role();
      SplitStatus status = role.errorClass() == null ? SplitStatus.SUCCEEDED : SplitStatus.FAILED;
      finish(state, status, role.errorClass(), role.errorMessage(), output, endpointMetrics);
    } else {
      throw new IllegalArgumentException("unknown item " + item);
    }
  }

  private void finish(ApiSplitState state, SplitStatus status, String errorClass, String message,
      SourceOutput<ApiEvent> output, EndpointMetrics endpointMetrics) {
    if (state.split().role().isPart()) {
      // a part of a fanned-out endpoint: its SUMMARY split emits the endpoint's one run summary
      state.finishPart(status, errorClass, message);
      return;
    }
    EndpointRun run = state.complete(status, errorClass, message, clock.millis());
    output.collect(ApiEvent.endpointRun(run));
    endpointMetrics.runFinished(run);
    if (status == SplitStatus.SUCCEEDED) {
      LOG.info("pipeline {}: endpoint {} of run {} SUCCEEDED: rows={} pages={} requests={} bytes={} retries={} "
              + "throttled={} durationMs={}", state.split().pipeline(), run.endpoint, run.runId, run.rows, run.pages,
          run.requests, run.bytes, run.retries, run.throttled, run.durationMillis());
    } else {
      LOG.warn("pipeline {}: endpoint {} of run {} FAILED ({}): {}; rows={} pages={} emitted before the failure",
          state.split().pipeline(), run.endpoint, run.runId, errorClass, message, run.rows, run.pages);
    }
  }
}
