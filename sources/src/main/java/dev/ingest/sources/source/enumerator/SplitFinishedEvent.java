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
 * @param cursorMax the highest incremental cursor value the split emitted, or null (not incremental, no value)
 */
public record SplitFinishedEvent(String splitId, boolean succeeded, long rows, String cursorMax)
    implements SourceEvent {
  private static final long serialVersionUID = 2L;

  public SplitFinishedEvent {
    Objects.requireNonNull(splitId, "splitId");
  }

  /** A finished split without an incremental cursor. */
  public SplitFinishedEvent(String splitId, boolean succeeded, long rows) {
    this(splitId, succeeded, rows, null);
  }

  /** The endpoint of the split (split ids are {@code runId/endpoint}, parts {@code runId/endpoint@key}). */
  public String endpoint() {
    String endpointAndKey = splitId.substring(splitId.lastIndexOf('/') + 1);
    int at = endpointAndKey.indexOf('@');
    return at < 0 ? endpointAndKey : endpointAndKey.substring(0, at);
  }
}
