package dev.ingest.sources.incremental;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.records.JsonPath;
import dev.ingest.sources.records.RecordSlices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/** The highest incremental cursor value among records, read at the endpoint's {@code cursor_field}. */
public final class HighWaterMark {
  private final JsonPath cursorField;

  public HighWaterMark(String cursorField) {
    this.cursorField = JsonPath.parse(Objects.requireNonNull(cursorField, "cursorField"));
  }

  /** The highest cursor value of {@code records} (parsed records), or empty when none has one. */
  public Optional<String> of(Iterable<JsonNode> records) {
    String max = null;
    for (JsonNode record : records) {
      Optional<String> value = cursorField.findText(record);
      if (value.isPresent()) {
        max = CursorValues.max(max, value.get());
      }
    }
    return Optional.ofNullable(max);
  }

  /**
   * The highest cursor value of {@code records} (records as JSON text), read with a streaming parser that skips
   * everything but the path to the cursor field: the same value as {@link #of(Iterable)} over their trees.
   */
  public Optional<String> of(RecordSlices records) {
    String max = null;
    for (int i = 0; i < records.size(); i++) {
      Optional<String> value;
      try (JsonParser parser = records.parser(i)) {
        value = cursorField.findText(parser);
      } catch (IOException e) {
        throw new UncheckedIOException("a record slice of a parsed body does not parse", e);
      }
      if (value.isPresent()) {
        max = CursorValues.max(max, value.get());
      }
    }
    return Optional.ofNullable(max);
  }

  @Override
  public String toString() {
    return "HighWaterMark{" + cursorField + "}";
  }
}
