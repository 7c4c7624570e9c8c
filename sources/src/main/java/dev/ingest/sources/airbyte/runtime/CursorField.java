package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.airbyte.interpolation.DatetimeFormats;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code DatetimeBasedCursor}'s record field and how its values are read: {@code cursor_field}, parsed with each
 * of {@code cursor_datetime_formats} in order, then {@code datetime_format} (Airbyte's {@code parse_date}).
 */
final class CursorField {
  private final String name;
  private final String datetimeFormat;
  private final List<String> formats;

  private CursorField(String name, String datetimeFormat, List<String> formats) {
    this.name = name;
    this.datetimeFormat = datetimeFormat;
    this.formats = List.copyOf(formats);
  }

  /** The field of the {@code DatetimeBasedCursor} {@code cursor}; refused when a required option is missing. */
  static CursorField of(Component cursor, Templates templates, EvalContext context) {
    String name = templates.text(cursor, "cursor_field", context, "");
    if (name.isEmpty()) {
      throw cursor.refuse("cursor_field is required");
    }
    String datetimeFormat = templates.text(cursor, "datetime_format", context, "");
    if (datetimeFormat.isEmpty()) {
      throw cursor.refuse("datetime_format is required");
    }
    List<String> formats = new ArrayList<>();
    cursor.field("cursor_datetime_formats").forEach(f -> formats.add(f.asText()));
    formats.add(datetimeFormat);
    return new CursorField(name, datetimeFormat, formats);
  }

  String name() {
    return name;
  }

  /** {@code datetime_format}: how window boundaries are written. */
  String datetimeFormat() {
    return datetimeFormat;
  }

  /** A record's cursor value; empty when it has none or it matches none of the formats. */
  Optional<OffsetDateTime> value(JsonNode record) {
    JsonNode value = record.get(name);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return Optional.empty();
    }
    return parse(value.asText());
  }

  /** {@code text} parsed with the first format that reads it; empty when none does (or it is null). */
  Optional<OffsetDateTime> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (String format : formats) {
      try {
        return Optional.of(DatetimeFormats.parse(text, format));
      } catch (IllegalArgumentException e) {
        // try the next format, as Airbyte's parser does
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return name;
  }
}
