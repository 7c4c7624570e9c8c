package dev.ingest.jobs.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How an endpoint's rows are written to its table. Only {@link #APPEND} is implemented today. */
public enum WriteMode {
  /** Every run appends its rows; history is kept. */
  APPEND;

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
