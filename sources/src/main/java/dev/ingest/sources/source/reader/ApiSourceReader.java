package dev.ingest.sources.source.reader;

import dev.ingest.sources.source.enumerator.PartFinishedEvent;
import dev.ingest.sources.source.enumerator.SplitFinishedEvent;
import dev.ingest.sources.source.event.ApiEvent;
import dev.ingest.sources.source.split.ApiSplit;
import dev.ingest.sources.source.split.ApiSplitState;
import dev.ingest.sources.source.split.SplitStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader of {@code ApiSource}: one {@link ApiSplitReader} on one fetcher thread, the {@link ApiRecordEmitter}
 * on the task thread. Pull-based: it asks the enumerator for a split when it starts idle and whenever it becomes
 * idle again, and reports each finished split with a {@link SplitFinishedEvent} (a part of a fanned-out endpoint
 * with a {@link PartFinishedEvent}). Finished splits stay in its
 * checkpoints until confirmed (see {@link CompletedSplits}).
 *
 * <p>With {@code endInputAfterCheckpoint} (bounded mode, checkpointing on), end of input is held back until a completed checkpoint holds every finished split, so every
 * record and run summary this reader emitted has been committed by the sink's checkpoint-driven commits before the
 * downstream operators see {@code endInput}. Without this, Iceberg's {@code FlinkSink} committer can replace data
 * files flushed at end of input with an empty manifest when a checkpoint falls between a writer's and the
 * committer's {@code endInput} (its manifests are keyed by checkpoint id and end of input always uses
 * {@code Long.MAX_VALUE}); a bounded run then loses the last rows of a writer. See docs/architecture.md.
 */
public final class ApiSourceReader
    extends SingleThreadMultiplexSourceReaderBase<ApiItem, ApiEvent, ApiSplit, ApiSplitState> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiSourceReader.class);

  private final CompletedSplits completed = new CompletedSplits();
  private final boolean endInputAfterCheckpoint;
  private CompletableFuture<Void> confirmed;

  public ApiSourceReader(
      Supplier<SplitReader<ApiItem, ApiSplit>> splitReaderSupplier,
      ApiRecordEmitter emitter,
      Configuration config,
      SourceReaderContext context,
      boolean endInputAfterCheckpoint) {
    super(splitReaderSupplier, emitter, config, context);
    this.endInputAfterCheckpoint = endInputAfterCheckpoint;
  }

  @Override
  public void start() {
    if (getNumberOfCurrentlyAssignedSplits() == 0) {
      context.sendSplitRequest();
    }
  }

  @Override
  protected void onSplitFinished(Map<String, ApiSplitState> finishedSplitIds) {
    finishedSplitIds.forEach((splitId, state) -> {
      ApiSplit split = state.toSplit();
      if (!split.isCompleted()) {
        LOG.warn("split {} finished without its endpoint run being emitted; not reporting it", split);
        return;
      }
      completed.add(split);
      context.sendSourceEventToCoordinator(split.role().isPart() ? new PartFinishedEvent(split)
          : new SplitFinishedEvent(splitId, split.status() == SplitStatus.SUCCEEDED, split.progress().rows(),
              split.cursorMax()));
    });
    if (getNumberOfCurrentlyAssignedSplits() == 0) {
      context.sendSplitRequest();
    }
  }

  @Override
  public InputStatus pollNext(ReaderOutput<ApiEvent> output) throws Exception {
    InputStatus status = super.pollNext(output);
    if (!endInputAfterCheckpoint || status != InputStatus.END_OF_INPUT || completed.size() == 0) {
      return status;
    }
    if (confirmed == null) {
      confirmed = new CompletableFuture<>();
      LOG.info("all splits finished; ending input once a checkpoint holds the {} finished split(s)", completed.size());
    }
    return InputStatus.NOTHING_AVAILABLE;
  }

  /** True once every split finished and end of input waits for a confirming checkpoint. */
  boolean isAwaitingConfirmingCheckpoint() {
    CompletableFuture<Void> waiting = confirmed;
    return waiting != null && !waiting.isDone();
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    // once waiting, only the confirming checkpoint makes progress possible (the next poll ends the input)
    CompletableFuture<Void> waiting = confirmed;
    return waiting != null ? waiting : super.isAvailable();
  }

  @Override
  public List<ApiSplit> snapshotState(long checkpointId) {
    List<ApiSplit> splits = super.snapshotState(checkpointId);
    splits.addAll(completed.snapshot(checkpointId));
    return splits;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    completed.checkpointCompleted(checkpointId);
    CompletableFuture<Void> waiting = confirmed;
    if (waiting != null && completed.size() == 0) {
      waiting.complete(null);
    }
  }

  @Override
  protected ApiSplitState initializedState(ApiSplit split) {
    return new ApiSplitState(split);
  }

  @Override
  protected ApiSplit toSplitType(String splitId, ApiSplitState splitState) {
    return splitState.toSplit();
  }
}
