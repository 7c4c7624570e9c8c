package dev.ingest.sources.source.reader;

import dev.ingest.sources.source.split.ApiSplit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finished splits a reader keeps in its checkpoints until a checkpoint holding them completes.
 *
 * <p>Why: the enumerator snapshots its state before the readers do. A split that finishes between the two is
 * "in flight" in the enumerator's snapshot but absent from the reader's, and its {@code SplitFinishedEvent} is lost
 * on restore: the run would never end. Keeping the completed split in the reader's snapshot means a restore hands it
 * back to a reader, which finishes it at once (emitting nothing) and reports it again.
 *
 * <p>Bounded in size, in case checkpointing is disabled (then nothing ever confirms them).
 */
final class CompletedSplits {
  static final int MAX_KEPT = 1_000;

  /** split id → (completed split, checkpoint id of the first snapshot holding it, or -1). */
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  private record Entry(ApiSplit split, long firstCheckpoint) {}

  void add(ApiSplit completed) {
    entries.put(completed.splitId(), new Entry(completed, -1));
    if (entries.size() > MAX_KEPT) {
      Iterator<String> oldest = entries.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** The splits to add to the snapshot of {@code checkpointId}. */
  List<ApiSplit> snapshot(long checkpointId) {
    List<ApiSplit> splits = new ArrayList<>(entries.size());
    entries.replaceAll((id, e) -> e.firstCheckpoint < 0 ? new Entry(e.split, checkpointId) : e);
    entries.values().forEach(e -> splits.add(e.split));
    return splits;
  }

  /** Forgets the splits held by {@code checkpointId} or an earlier checkpoint. */
  void checkpointCompleted(long checkpointId) {
    entries.values().removeIf(e -> e.firstCheckpoint >= 0 && e.firstCheckpoint <= checkpointId);
  }

  int size() {
    return entries.size();
  }
}
