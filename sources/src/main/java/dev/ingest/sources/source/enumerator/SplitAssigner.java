package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.source.split.ApiSplit;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pull-based split assignment: a reader asks for one split when it is idle and gets the oldest pending one; a
 * reader that asks while nothing is pending waits until the next run. One split per request spreads a run's
 * endpoints over the parallel readers. Splits given back by failed readers go to the front of the queue.
 */
final class SplitAssigner {
  private static final Logger LOG = LoggerFactory.getLogger(SplitAssigner.class);

  private final SplitEnumeratorContext<ApiSplit> context;
  private final Deque<ApiSplit> pending = new ArrayDeque<>();
  private final Set<Integer> waitingReaders = new LinkedHashSet<>();

  SplitAssigner(SplitEnumeratorContext<ApiSplit> context, Collection<ApiSplit> restoredPending) {
    this.context = context;
    this.pending.addAll(restoredPending);
  }

  /** Adds a new run's splits and serves the readers waiting for work. */
  void addSplits(Collection<ApiSplit> splits) {
    pending.addAll(splits);
    serveWaitingReaders();
  }

  /** Returns splits of a failed reader to the front of the queue; the reader will ask again when restarted. */
  void addSplitsBack(List<ApiSplit> splits, int subtaskId) {
    waitingReaders.remove(subtaskId);
    for (int i = splits.size() - 1; i >= 0; i--) {
      pending.addFirst(splits.get(i));
    }
    serveWaitingReaders();
  }

  /**
   * A reader asks for a split.
   *
   * @return true if the reader got one; false if nothing is pending (the caller decides: wait or end of input)
   */
  boolean request(int subtaskId) {
    if (pending.isEmpty() || !context.registeredReaders().containsKey(subtaskId)) {
      return false;
    }
    assign(pending.poll(), subtaskId);
    return true;
  }

  /** Remembers a reader that asked while nothing was pending. */
  void waitForSplits(int subtaskId) {
    waitingReaders.add(subtaskId);
  }

  /** The readers waiting for splits, forgotten here (the caller ends their input). */
  List<Integer> takeWaitingReaders() {
    List<Integer> readers = List.copyOf(waitingReaders);
    waitingReaders.clear();
    return readers;
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  List<ApiSplit> pending() {
    return List.copyOf(pending);
  }

  private void serveWaitingReaders() {
    Iterator<Integer> readers = waitingReaders.iterator();
    while (readers.hasNext() && !pending.isEmpty()) {
      int subtaskId = readers.next();
      readers.remove();
      if (context.registeredReaders().containsKey(subtaskId)) {
        assign(pending.poll(), subtaskId);
      }
    }
  }

  private void assign(ApiSplit split, int subtaskId) {
    LOG.debug("assigning {} to reader {}", split.splitId(), subtaskId);
    context.assignSplit(split, subtaskId);
  }
}
