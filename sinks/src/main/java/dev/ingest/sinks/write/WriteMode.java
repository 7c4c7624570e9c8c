package dev.ingest.sinks.write;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How an endpoint's rows are written to its table (see docs/tables.md). This package alone turns a mode into
 * Iceberg writes ({@link IcebergSinks}, {@link WriteOptions#forMode}) and into the table layout it needs
 * ({@link TableLayout#forMode}).
 */
public enum WriteMode {
  /** Every run appends its rows; history is kept. */
  APPEND,
  /**
   * Rows are upserted by the endpoint's primary key (Iceberg v2 equality deletes): one live row per key holding
   * the latest values, also when one page repeats a key.
   */
  UPSERT,
  /**
   * Each successful run replaces the table's contents in one commit; readers never see a partial run. Rows are
   * staged on a branch while the run is written.
   */
  FULL_REFRESH;

  /** The mode's name in pipeline YAML and snapshot summaries, e.g. {@code full_refresh}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode whose {@link #yamlName} is {@code text}, if any. */
  public static Optional<WriteMode> parse(String text) {
    return Arrays.stream(values()).filter(m -> m.yamlName().equals(text)).findFirst();
  }

  /** The YAML names of all modes, for error messages. */
  public static String expected() {
    return Arrays.stream(values()).map(WriteMode::yamlName).collect(Collectors.joining(", "));
  }
}
