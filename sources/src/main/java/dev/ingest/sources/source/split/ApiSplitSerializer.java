package dev.ingest.sources.source.split;

import dev.ingest.sources.fetch.PageCursor;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Versioned binary form of {@link ApiSplit} for checkpoints and split assignment. Version 2 appends the incremental
 * high-water mark (byte 0: none; 1: then the string) to the version 1 layout; version 3 then appends the
 * {@link SplitRole} (kind byte 0 WHOLE, 1 PARENTS, 2 CHILD, 3 SUMMARY; nullable key; parents as int count of string
 * maps; nullable next parent cursor; nullable error class and message); version 4 then appends the progress's
 * decoded bytes (long; older versions read as equal to the wire bytes); version 5 then appends the total the API
 * stated (long, -1 for none; older versions read as none). Version 1 layout:
 *
 * <pre>
 * pipeline, endpoint, runId (string)  runStartedAt (long)  cursor (string, PageCursor.encode())
 * recordsToSkip (long)  startedAt, pages, requests, rows, bytes, retries, throttled, waitedMillis (long x8)
 * status (byte: 0 ACTIVE, 1 SUCCEEDED, 2 FAILED)  vars (int count, then key/value strings)
 * </pre>
 *
 * <p>A new layout gets a new version number; the reader for every older version stays here. Unknown versions
 * are rejected with a message naming the version.
 */
public final class ApiSplitSerializer implements SimpleVersionedSerializer<ApiSplit> {
  /** The version {@link #serialize} writes. */
  public static final int CURRENT_VERSION = 5;

  public static final ApiSplitSerializer INSTANCE = new ApiSplitSerializer();

  @Override
  public int getVersion() {
    return CURRENT_VERSION;
  }

  @Override
  public byte[] serialize(ApiSplit split) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    DataIo.writeString(out, split.pipeline());
    DataIo.writeString(out, split.endpoint());
    DataIo.writeString(out, split.runId());
    out.writeLong(split.runStartedAt());
    DataIo.writeString(out, split.cursor().encode());
    out.writeLong(split.recordsToSkip());
    SplitProgress p = split.progress();
    out.writeLong(p.startedAt());
    out.writeLong(p.pages());
    out.writeLong(p.requests());
    out.writeLong(p.rows());
    out.writeLong(p.bytes());
    out.writeLong(p.retries());
    out.writeLong(p.throttled());
    out.writeLong(p.waitedMillis());
    out.writeByte(statusCode(split.status()));
    DataIo.writeStringMap(out, split.vars());
    out.writeByte(split.cursorMax() == null ? 0 : 1);
    if (split.cursorMax() != null) {
      DataIo.writeString(out, split.cursorMax());
    }
    SplitRoleIo.write(out, split.role());
    out.writeLong(p.decodedBytes());
    out.writeLong(p.apiTotal());
    return out.getCopyOfBuffer();
  }

  @Override
  public ApiSplit deserialize(int version, byte[] serialized) throws IOException {
    if (version < 1 || version > CURRENT_VERSION) {
      throw new IOException("cannot read ApiSplit serialized with version " + version
          + ": this build reads versions [1, 2, 3, 4, 5] (written by a newer Ingest?)");
    }
    DataInputDeserializer in = new DataInputDeserializer(serialized);
    ApiSplit v1 = readV1(in);
    if (version == 1) {
      return v1;
    }
    String cursorMax = switch (in.readByte()) {
      case 0 -> null;
      case 1 -> DataIo.readString(in);
      default -> throw new IOException("corrupt ApiSplit: bad cursorMax marker");
    };
    SplitRole role = version >= 3 ? SplitRoleIo.read(in) : SplitRole.WHOLE;
    SplitProgress p = v1.progress();
    SplitProgress progress = version >= 4 ? new SplitProgress(p.startedAt(), p.pages(), p.requests(), p.rows(),
        p.bytes(), p.retries(), p.throttled(), p.waitedMillis(), in.readLong()) : p;
    if (version >= 5) {
      long total = in.readLong();
      progress = progress.withApiTotal(total < 0 ? SplitProgress.NO_TOTAL : total);
    }
    return new ApiSplit(v1.pipeline(), v1.endpoint(), v1.runId(), v1.runStartedAt(), v1.cursor(),
        v1.recordsToSkip(), progress, v1.status(), v1.vars(), cursorMax, role);
  }

  private static ApiSplit readV1(DataInputDeserializer in) throws IOException {
    String pipeline = DataIo.readString(in);
    String endpoint = DataIo.readString(in);
    String runId = DataIo.readString(in);
    long runStartedAt = in.readLong();
    PageCursor cursor = PageCursor.decode(DataIo.readString(in));
    long recordsToSkip = in.readLong();
    SplitProgress progress = new SplitProgress(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
        in.readLong(), in.readLong(), in.readLong(), in.readLong());
    SplitStatus status = status(in.readByte());
    return new ApiSplit(pipeline, endpoint, runId, runStartedAt, cursor, recordsToSkip, progress, status,
        DataIo.readStringMap(in));
  }

  // Explicit codes, not ordinals: reordering the enum must not change what old checkpoints mean.
  private static int statusCode(SplitStatus status) {
    return switch (status) {
      case ACTIVE -> 0;
      case SUCCEEDED -> 1;
      case FAILED -> 2;
    };
  }

  private static SplitStatus status(int code) throws IOException {
    return switch (code) {
      case 0 -> SplitStatus.ACTIVE;
      case 1 -> SplitStatus.SUCCEEDED;
      case 2 -> SplitStatus.FAILED;
      default -> throw new IOException("corrupt ApiSplit: unknown status code " + code);
    };
  }
}
