package dev.ingest.jobs.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a pipeline's job keeps its keyed state between checkpoints: on the JVM heap ({@code hashmap}) or in
 * RocksDB on local disk with incremental checkpoints ({@code rocksdb}). Named by the values of Flink's
 * {@code state.backend.type}.
 */
public enum StateBackend {
  HASHMAP("hashmap"),
  ROCKSDB("rocksdb");

  private final String flinkName;

  StateBackend(String flinkName) {
    this.flinkName = flinkName;
  }

  /** The value of Flink's {@code state.backend.type}. */
  public String flinkName() {
    return flinkName;
  }

  /** The backend named {@code text} ({@code hashmap} or {@code rocksdb}, any case), if it is one. */
  public static Optional<StateBackend> named(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(b -> b.flinkName.equals(wanted)).findFirst();
  }

  /** The accepted names, for error messages. */
  public static String names() {
    return "hashmap, rocksdb";
  }
}
