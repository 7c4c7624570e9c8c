package dev.ingest.sources.source.split;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small helpers shared by the checkpoint serializers. Strings are written as length-prefixed UTF-8 (no 64 KiB
 * limit as with {@code writeUTF}: next-page URLs and tokens can be long).
 */
public final class DataIo {
  private DataIo() {}

  public static void writeString(DataOutput out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  public static String readString(DataInput in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("corrupt string length " + length);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public static void writeNullableString(DataOutput out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      writeString(out, value);
    }
  }

  public static String readNullableString(DataInput in) throws IOException {
    return in.readBoolean() ? readString(in) : null;
  }

  public static void writeStringMap(DataOutput out, Map<String, String> map) throws IOException {
    out.writeInt(map.size());
    for (Map.Entry<String, String> e : map.entrySet()) {
      writeString(out, e.getKey());
      writeString(out, e.getValue());
    }
  }

  public static Map<String, String> readStringMap(DataInput in) throws IOException {
    int size = readCount(in);
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      map.put(readString(in), readString(in));
    }
    return map;
  }

  /** Reads a collection size written with {@code writeInt}, rejecting negative values. */
  public static int readCount(DataInput in) throws IOException {
    int count = in.readInt();
    if (count < 0) {
      throw new IOException("corrupt element count " + count);
    }
    return count;
  }
}
