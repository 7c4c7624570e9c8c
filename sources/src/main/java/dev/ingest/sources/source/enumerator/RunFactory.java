package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.incremental.CursorState;
import dev.ingest.sources.incremental.IncrementalStart;
import dev.ingest.sources.source.split.ApiSplit;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates runs: a run id and one split per endpoint (the first parent page of a fanned-out one). Run ids sort by time: the fire time in UTC, seconds precision,
 * then a sequence number unique within the pipeline's job, e.g. {@code 20261124T173000Z-000001}.
 */
final class RunFactory {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String pipeline;
  private final List<String> endpoints;
  private final Map<String, String> cursors;
  private final Set<String> fannedOut;
  private final FanOuts fanOuts;
  private long nextSequence;

  /**
   * @param nextSequence the sequence number of the next run (1 for a fresh job)
   * @param cursors per-endpoint incremental high-water marks of the last successful runs (mutable; advanced by
   *     {@link #advanceCursor})
   * @param fannedOut endpoints with a parent, whose first split {@code fanOuts} creates
   */
  RunFactory(String pipeline, List<String> endpoints, long nextSequence, Map<String, String> cursors,
      Set<String> fannedOut, FanOuts fanOuts) {
    this.fannedOut = Set.copyOf(fannedOut);
    this.fanOuts = fanOuts;
    if (nextSequence < 1) {
      throw new IllegalArgumentException("nextSequence must be >= 1, got " + nextSequence);
    }
    this.pipeline = pipeline;
    this.endpoints = List.copyOf(endpoints);
    this.nextSequence = nextSequence;
    this.cursors = cursors;
  }

  /** A new run for {@code fireTime}, created at {@code createdAtMillis}. */
  Run create(Instant fireTime, long createdAtMillis) {
    String runId = runId(fireTime, nextSequence++);
    List<ApiSplit> splits = endpoints.stream()
        .map(endpoint -> fannedOut.contains(endpoint)
            ? fanOuts.start(pipeline, endpoint, runId, createdAtMillis, vars(endpoint))
            : ApiSplit.start(pipeline, endpoint, runId, createdAtMillis, vars(endpoint)))
        .toList();
    return new Run(runId, fireTime, splits);
  }

  /** The fetch vars of a new split: the endpoint's kept high-water mark, if any. */
  private Map<String, String> vars(String endpoint) {
    String cursor = cursors.get(endpoint);
    return cursor == null ? Map.of() : Map.of(IncrementalStart.CURSOR, cursor);
  }

  /**
   * Moves {@code endpoint}'s high-water mark to {@code value} if that is higher (a per-partition state: partition
   * by partition, {@link CursorState#merge}): called when a split of the endpoint succeeded, so a failed run never
   * advances it.
   */
  void advanceCursor(String endpoint, String value) {
    cursors.merge(endpoint, value, CursorState::merge);
  }

  static String runId(Instant fireTime, long sequence) {
    return RUN_TIME.format(fireTime.truncatedTo(ChronoUnit.SECONDS)) + "-" + String.format("%06d", sequence);
  }

  /** Runs created so far by this job (including before restores). */
  long runsCreated() {
    return nextSequence - 1;
  }

  long nextSequence() {
    return nextSequence;
  }

  Map<String, String> cursors() {
    return cursors;
  }

  /** A created run: its id, the fire time it is for, and its splits. */
  record Run(String runId, Instant fireTime, List<ApiSplit> splits) {}
}
