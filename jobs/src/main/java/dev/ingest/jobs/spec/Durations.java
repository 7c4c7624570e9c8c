package dev.ingest.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.spec.SpecReader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Durations as pipelines write them: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 7d} or ISO-8601. */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

  private Durations() {}

  /** Parses {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} or an ISO-8601 duration. */
  public static Optional<Duration> parse(String text) {
    var m = SHORT.matcher(text.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return Optional.of(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
    }
    try {
      return Optional.of(Duration.parse(text.trim()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * An optional duration field between {@code min} and {@code max} (both inclusive, written like the values);
   * empty, with an error recorded, when it is malformed or out of range.
   */
  static Optional<Duration> field(JsonNode node, SpecReader r, String path, String field, String min, String max) {
    Optional<String> text = r.optionalString(node, path, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> parsed = parse(text.get());
    if (parsed.isEmpty() || parsed.get().compareTo(parse(min).orElseThrow()) < 0
        || parsed.get().compareTo(parse(max).orElseThrow()) > 0) {
      r.error(SpecReader.path(path, field), "expected a duration between " + min + " and " + max
          + " such as 500ms, 10s, 5m; got '" + text.get() + "'");
      return Optional.empty();
    }
    return parsed;
  }
}
