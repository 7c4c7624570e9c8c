package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.source.request.RunRequestMark;
import dev.ingest.sources.source.split.ApiSplit;
import dev.ingest.sources.source.split.ApiSplitSerializer;
import dev.ingest.sources.source.split.DataIo;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Versioned binary form of {@link ApiEnumState}. Version 1 layout:
 *
 * <pre>
 * nextRunSequence (long)
 * lastFireTime (boolean present, then epoch seconds long + nanos int)
 * pendingSplits (int count, then per split: split serializer version int, length int, bytes)
 * activeRunId (nullable string)  inFlightSplitIds (int count, strings)  incrementalCursors (int count, k/v strings)
 * </pre>
 *
 * <p>Version 2 appends the fan-outs: int count, then per endpoint its name, vars (string map), the summed
 * progress (8 longs as in the split layout), nullable cursorMax, errorClass, errorMessage, and the open count.
 *
 * <p>Version 3 appends to each fan-out its walk over the parent's pages ({@link ParentWalk}: the fingerprints of
 * the parent pages requested and the empty-page repeats), so the loop guard and page cap hold across a failover.
 * A version 2 state reads with an empty walk: its guard starts from the next parent page.
 *
 * <p>Version 4 appends the run-request mark ({@link RunRequestMark}): acceptedThrough (long), startedThrough
 * (long), startedRun (nullable string). A version 1 to 3 state reads with {@link RunRequestMark#NONE}: the job had
 * accepted no request, and the control plane's requests all count as new.
 *
 * <p>Splits carry their own serializer version, so the split layout can evolve without a new state version.
 */
public final class ApiEnumStateSerializer implements SimpleVersionedSerializer<ApiEnumState> {
  /** The version {@link #serialize} writes. */
  public static final int CURRENT_VERSION = 4;

  private final ApiSplitSerializer splitSerializer = ApiSplitSerializer.INSTANCE;

  @Override
  public int getVersion() {
    return CURRENT_VERSION;
  }

  @Override
  public byte[] serialize(ApiEnumState state) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(512);
    out.writeLong(state.nextRunSequence());
    out.writeBoolean(state.lastFireTime().isPresent());
    if (state.lastFireTime().isPresent()) {
      out.writeLong(state.lastFireTime().get().getEpochSecond());
      out.writeInt(state.lastFireTime().get().getNano());
    }
    out.writeInt(state.pendingSplits().size());
    for (ApiSplit split : state.pendingSplits()) {
      byte[] bytes = splitSerializer.serialize(split);
      out.writeInt(splitSerializer.getVersion());
      out.writeInt(bytes.length);
      out.write(bytes);
    }
    DataIo.writeNullableString(out, state.activeRunId().orElse(null));
    out.writeInt(state.inFlightSplitIds().size());
    for (String id : state.inFlightSplitIds()) {
      DataIo.writeString(out, id);
    }
    DataIo.writeStringMap(out, state.incrementalCursors());
    FanOutProgressIo.write(out, state.fanOuts());
    out.writeLong(state.runRequests().acceptedThrough());
    out.writeLong(state.runRequests().startedThrough());
    DataIo.writeNullableString(out, state.runRequests().startedRun().orElse(null));
    return out.getCopyOfBuffer();
  }

  @Override
  public ApiEnumState deserialize(int version, byte[] serialized) throws IOException {
    if (version < 1 || version > CURRENT_VERSION) {
      throw new IOException("cannot read ApiSource enumerator state serialized with version " + version
          + ": this build reads versions [1, 2, 3, 4] (written by a newer Ingest?)");
    }
    DataInputDeserializer in = new DataInputDeserializer(serialized);
    long nextRunSequence = in.readLong();
    Optional<Instant> lastFire = in.readBoolean()
        ? Optional.of(Instant.ofEpochSecond(in.readLong(), in.readInt()))
        : Optional.empty();
    int pendingCount = DataIo.readCount(in);
    List<ApiSplit> pending = new ArrayList<>(pendingCount);
    for (int i = 0; i < pendingCount; i++) {
      int splitVersion = in.readInt();
      byte[] bytes = new byte[DataIo.readCount(in)];
      in.readFully(bytes);
      pending.add(splitSerializer.deserialize(splitVersion, bytes));
    }
    Optional<String> activeRunId = Optional.ofNullable(DataIo.readNullableString(in));
    int inFlightCount = DataIo.readCount(in);
    Set<String> inFlight = new LinkedHashSet<>();
    for (int i = 0; i < inFlightCount; i++) {
      inFlight.add(DataIo.readString(in));
    }
    Map<String, String> cursors = DataIo.readStringMap(in);
    Map<String, FanOutProgress> fanOuts = version >= 2 ? FanOutProgressIo.read(in, version) : Map.of();
    RunRequestMark runRequests = version >= 4
        ? new RunRequestMark(in.readLong(), in.readLong(), Optional.ofNullable(DataIo.readNullableString(in)))
        : RunRequestMark.NONE;
    return new ApiEnumState(nextRunSequence, lastFire, pending, activeRunId, inFlight, cursors, fanOuts,
        runRequests);
  }
}
