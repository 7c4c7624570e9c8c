package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.source.split.DataIo;
import dev.ingest.sources.source.split.SplitProgress;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The binary form of the fan-outs inside {@link ApiEnumStateSerializer} version 2 and later; version 3 appends to
 * each fan-out its {@link ParentWalk}: int count of requested-page fingerprints (longs), then the empty-page
 * repeats (int), then the summed decoded bytes (long; version 2 states read them as the wire bytes).
 */
final class FanOutProgressIo {
  private FanOutProgressIo() {}

  /** Writes the current (version 3) form. */
  static void write(DataOutput out, Map<String, FanOutProgress> fanOuts) throws IOException {
    out.writeInt(fanOuts.size());
    for (Map.Entry<String, FanOutProgress> e : fanOuts.entrySet()) {
      FanOutProgress f = e.getValue();
      DataIo.writeString(out, e.getKey());
      DataIo.writeStringMap(out, f.vars());
      SplitProgress p = f.total();
      for (long value : new long[] {p.startedAt(), p.pages(), p.requests(), p.rows(), p.bytes(), p.retries(),
          p.throttled(), p.waitedMillis()}) {
        out.writeLong(value);
      }
      DataIo.writeNullableString(out, f.cursorMax());
      DataIo.writeNullableString(out, f.errorClass());
      DataIo.writeNullableString(out, f.errorMessage());
      out.writeLong(f.open());
      out.writeInt(f.walk().requested().size());
      for (long fingerprint : f.walk().requested()) {
        out.writeLong(fingerprint);
      }
      out.writeInt(f.walk().emptyRepeats());
      out.writeLong(p.decodedBytes());
    }
  }

  /** Reads the form written by state version {@code version} (2 or later). */
  static Map<String, FanOutProgress> read(DataInput in, int version) throws IOException {
    int count = DataIo.readCount(in);
    Map<String, FanOutProgress> fanOuts = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String endpoint = DataIo.readString(in);
      Map<String, String> vars = DataIo.readStringMap(in);
      SplitProgress total = new SplitProgress(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
          in.readLong(), in.readLong(), in.readLong(), in.readLong());
      String cursorMax = DataIo.readNullableString(in);
      String errorClass = DataIo.readNullableString(in);
      String errorMessage = DataIo.readNullableString(in);
      long open = in.readLong();
      try {
        FanOutProgress progress = new FanOutProgress(vars, total, cursorMax, errorClass, errorMessage, open);
        fanOuts.put(endpoint, version >= 3 ? withDecodedBytes(progress.withWalk(readWalk(in)), in.readLong()) : progress);
      } catch (IllegalArgumentException e) {
        throw new IOException("corrupt fan-out of endpoint " + endpoint + ": " + e.getMessage(), e);
      }
    }
    return fanOuts;
  }

  private static FanOutProgress withDecodedBytes(FanOutProgress f, long decodedBytes) {
    SplitProgress p = f.total();
    return f.withTotal(new SplitProgress(p.startedAt(), p.pages(), p.requests(), p.rows(), p.bytes(), p.retries(),
        p.throttled(), p.waitedMillis(), decodedBytes));
  }

  private static ParentWalk readWalk(DataInput in) throws IOException {
    int count = DataIo.readCount(in);
    Set<Long> requested = new HashSet<>();
    for (int i = 0; i < count; i++) {
      requested.add(in.readLong());
    }
    return new ParentWalk(requested, in.readInt());
  }
}
