package dev.ingest.control.cli;

import java.util.LinkedHashSet;
import java.util.Set;

/** Turns a failed job's exception chain into one readable line: the root cause, without Flink's wrappers. */
final class Failures {
  private Failures() {}

  static String describe(Throwable t) {
    Set<Throwable> seen = new LinkedHashSet<>();
    Throwable root = t;
    while (root.getCause() != null && seen.add(root)) {
      root = root.getCause();
    }
    String message = root.getMessage();
    String type = root.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }
}
