package dev.ingest.sources.source.enumerator;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Sent by a reader to the enumerator when a split is finished (its {@code EndpointRun} emitted), so the enumerator
 * knows when a run is done. May arrive more than once for one split (after a restore): the enumerator ignores
 * repeats.
 *
 * @param splitId the finished split
 * @param succeeded whether the endpoint's run succeeded
 * @param rows rows the split emitted in total
 */
public record SplitFinishedEvent(String splitId, boolean succeeded, long rows) implements SourceEvent {
  private static final long serialVersionUID = 1L;

  public SplitFinishedEvent {
    Objects.requireNonNull(splitId, "splitId");
  }
}
