package dev.ingest.sources.spec;

import dev.ingest.sources.records.JsonPath;
import dev.ingest.sources.template.Namespace;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads an endpoint's {@code incremental:} block. */
final class IncrementalParser {
  private static final List<String> KNOWN = List.of("cursor_field", "param", "start", "lookback");

  private IncrementalParser() {}

  /** The block of endpoint fields {@code f}, or null when absent. */
  static IncrementalSpec parse(Fields endpoint, Problems problems) {
    if (!endpoint.has("incremental")) {
      endpoint.get("incremental");
      return null;
    }
    Fields f = Fields.of(endpoint.get("incremental"), endpoint.path("incremental"), problems);
    String cursorField = f.requiredString("cursor_field");
    if (cursorField != null) {
      try {
        if (JsonPath.parse(cursorField).isRoot()) {
          problems.add(f.path("cursor_field"), "must name a field of the record, not the root '$'");
        }
      } catch (IllegalArgumentException e) {
        problems.add(f.path("cursor_field"), e.getMessage());
      }
    }
    String param = f.string("param");
    if (param != null && param.isBlank()) {
      problems.add(f.path("param"), "must not be empty");
    }
    String start = f.scalar("start");
    problems.template(f.path("start"), start, Namespace.CONFIG);
    Duration lookback = Duration.ZERO;
    String lookbackText = f.string("lookback");
    if (lookbackText != null) {
      try {
        lookback = Duration.parse(lookbackText);
        if (lookback.isNegative()) {
          problems.add(f.path("lookback"), "must not be negative");
          lookback = Duration.ZERO;
        }
      } catch (DateTimeParseException e) {
        problems.add(f.path("lookback"), "must be an ISO-8601 duration such as PT1H, got '" + lookbackText + "'");
      }
    }
    f.rejectUnknown(KNOWN);
    return cursorField == null ? null : new IncrementalSpec(cursorField, param, start, lookback);
  }
}
