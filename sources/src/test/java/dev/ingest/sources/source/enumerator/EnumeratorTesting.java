package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.source.split.ApiSplit;
import java.util.List;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;

/** Shared helpers of the enumerator tests: a two-reader context and what it was assigned. */
final class EnumeratorTesting {
  private EnumeratorTesting() {}

  /** A context with readers 0 and 1 registered. */
  static MockSplitEnumeratorContext<ApiSplit> twoReaders() {
    MockSplitEnumeratorContext<ApiSplit> ctx = new MockSplitEnumeratorContext<>(2);
    ctx.registerReader(new ReaderInfo(0, "host"));
    ctx.registerReader(new ReaderInfo(1, "host"));
    return ctx;
  }

  /** Every split assigned so far, in assignment order. */
  static List<ApiSplit> assignedSplits(MockSplitEnumeratorContext<ApiSplit> context) {
    return context.getSplitsAssignmentSequence().stream()
        .map(SplitsAssignment::assignment)
        .flatMap(m -> m.values().stream())
        .flatMap(List::stream)
        .toList();
  }

  /** The ids of the splits assigned to {@code subtask}, in assignment order. */
  static List<String> assignedTo(MockSplitEnumeratorContext<ApiSplit> context, int subtask) {
    return context.getSplitsAssignmentSequence().stream()
        .map(SplitsAssignment::assignment)
        .flatMap(m -> m.getOrDefault(subtask, List.of()).stream())
        .map(ApiSplit::splitId)
        .toList();
  }

  /** The state after a serializer round trip, as a restore sees it. */
  static ApiEnumState roundTrip(ApiEnumState state) throws Exception {
    ApiEnumStateSerializer serializer = new ApiEnumStateSerializer();
    return serializer.deserialize(serializer.getVersion(), serializer.serialize(state));
  }
}
