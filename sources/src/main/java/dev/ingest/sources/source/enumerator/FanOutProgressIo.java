package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.source.split.DataIo;
import dev.ingest.sources.source.split.SplitProgress;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The binary form of the fan-outs inside {@link ApiEnumStateSerializer} version 2 and later. */
final class FanOutProgressIo {
  private FanOutProgressIo() {}

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
    }
  }

  static Map<String, FanOutProgress> read(DataInput in) throws IOException {
    int count = DataIo.readCount(in);
    Map<String, FanOutProgress> fanOuts = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String endpoint = DataIo.readString(in);
      Map<String, String> vars = DataIo.readStringMap(in);
      SplitProgress total = new SplitProgress(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
          in.readLong(), in.readLong(), in.readLong(), in.readLong());
      try {
        fanOuts.put(endpoint, new FanOutProgress(vars, total, DataIo.readNullableString(in),
            DataIo.readNullableString(in), DataIo.readNullableString(in), in.readLong()));
      } catch (IllegalArgumentException e) {
        throw new IOException("corrupt fan-out of endpoint " + endpoint + ": " + e.getMessage(), e);
      }
    }
    return fanOuts;
  }
}
