package dev.ingest.sinks.rows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;

/** The JSON object text of {@code _ingest_extra}, written field by field as a record is read. */
final class ExtraFields {

  private final StringWriter text = new StringWriter();
  private final JsonGenerator out;
  private final Set<String> names = new HashSet<>();

  private ExtraFields() throws IOException {
    out = JsonTokens.generator(text);
    out.writeStartObject();
  }

  /** {@code current}, or a new empty object when it is null. */
  static ExtraFields orNew(ExtraFields current) throws IOException {
    return current != null ? current : new ExtraFields();
  }

  /** Adds the field {@code name} with the value at the parser's current token (the parser ends on its last token). */
  void copy(String name, JsonParser value) throws IOException {
    if (!names.add(name)) {
      throw JsonTokens.duplicate(value, name);
    }
    out.writeFieldName(name);
    JsonTokens.copy(value, out);
  }

  /** Adds the field {@code name} with the value {@code json}, one complete JSON value already validated. */
  void copy(String name, String json) throws IOException {
    try (JsonParser value = JsonTokens.parser(json)) {
      value.nextToken();
      copy(name, value);
    }
  }

  /** The object's compact JSON text; call once. */
  String finish() throws IOException {
    out.writeEndObject();
    out.close();
    return text.toString();
  }
}
