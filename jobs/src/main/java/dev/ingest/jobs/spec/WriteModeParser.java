package dev.ingest.jobs.spec;

import dev.ingest.sinks.write.WriteMode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.spec.SpecReader;
import java.util.Optional;

/** Reads a {@code write_mode} field: the pipeline's default at the top level, or one endpoint's own. */
final class WriteModeParser {
  private WriteModeParser() {}

  /** The write mode at {@code path}; null when the field is absent or (with an error recorded) unknown. */
  static WriteMode parse(JsonNode node, SpecReader r, String path) {
    Optional<String> text = r.optionalString(node, path, "write_mode");
    if (text.isEmpty()) {
      return null;
    }
    Optional<WriteMode> mode = WriteMode.parse(text.get());
    if (mode.isEmpty()) {
      r.error(SpecReader.path(path, "write_mode"),
          "unknown write mode '" + text.get() + "' (expected one of " + WriteMode.expected() + ")");
      return null;
    }
    return mode.get();
  }
}
