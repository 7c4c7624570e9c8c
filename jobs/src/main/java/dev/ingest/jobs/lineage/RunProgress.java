package dev.ingest.jobs.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run as the lineage operator tracks it: when it started, which endpoints ended (the last report of an endpoint
 * wins: a replay after a restore repeats it) and the checkpoint that holds its end.
 */
final class RunProgress {
  final String runId;
  final long runStartedAt;
  private final Map<String, RunSignal> ended = new LinkedHashMap<>();
  private long checkpointId = RunSignal.NOT_ENDED;

  RunProgress(String runId, long runStartedAt) {
    this.runId = runId;
    this.runStartedAt = runStartedAt;
  }

  void ended(RunSignal signal) {
    ended.put(signal.endpoint, signal);
  }

  /** True when every one of {@code endpoints} has ended. */
  boolean isEnded(Set<String> endpoints) {
    return ended.keySet().containsAll(endpoints);
  }

  List<RunSignal> endedSignals() {
    return List.copyOf(ended.values());
  }

  long checkpointId() {
    return checkpointId;
  }

  void heldBy(long checkpointId) {
    this.checkpointId = checkpointId;
  }

  /** The state form: one STARTED signal (carrying the checkpoint id) and the endpoint ends. */
  List<RunSignal> toSignals() {
    List<RunSignal> signals = new ArrayList<>();
    RunSignal start = RunSignal.started(runId, runStartedAt);
    start.checkpointId = checkpointId;
    signals.add(start);
    signals.addAll(ended.values());
    return signals;
  }
}
