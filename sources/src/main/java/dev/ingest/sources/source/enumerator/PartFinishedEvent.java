package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.source.split.ApiSplit;
import dev.ingest.sources.source.split.ApiSplitSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Sent by a reader when a part of a fanned-out endpoint ({@code PARENTS} or {@code CHILD} split) finished. It
 * carries the whole completed split in its checkpoint form: its progress, outcome and, for a parent page, the
 * parent records found and the next parent page. Like {@link SplitFinishedEvent} it may arrive more than once for
 * one split (re-reported after a restore); the enumerator acts on the first only.
 */
public final class PartFinishedEvent implements SourceEvent {
  private static final long serialVersionUID = 1L;

  private final int version;
  private final byte[] split;

  public PartFinishedEvent(ApiSplit completed) {
    if (!completed.isCompleted() || !completed.role().isPart()) {
      throw new IllegalArgumentException("not a completed part: " + completed);
    }
    this.version = ApiSplitSerializer.CURRENT_VERSION;
    try {
      this.split = ApiSplitSerializer.INSTANCE.serialize(completed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The completed part. */
  public ApiSplit split() {
    try {
      return ApiSplitSerializer.INSTANCE.deserialize(version, split);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a reported split", e);
    }
  }

  @Override
  public String toString() {
    return "PartFinishedEvent{" + split().splitId() + "}";
  }
}
