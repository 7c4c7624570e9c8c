package dev.ingest.sources.incremental;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.records.JsonPath;
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

  @Override
  public String toString() {
    return "HighWaterMark{" + cursorField + "}";
  }
}
