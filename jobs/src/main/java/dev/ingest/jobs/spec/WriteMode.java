package dev.ingest.jobs.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How an endpoint's rows are written to its table (see docs/tables.md). */
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

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<WriteMode> parse(String text) {
    return Arrays.stream(values()).filter(m -> m.yamlName().equals(text)).findFirst();
  }

  public static String expected() {
    return Arrays.stream(values()).map(WriteMode::yamlName).collect(Collectors.joining(", "));
  }
}
