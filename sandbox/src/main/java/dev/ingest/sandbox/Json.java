package dev.ingest.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The sandbox's one shared Jackson mapper and a helper to stream a JSON document into bytes. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  /** Writes one JSON document with a streaming generator. */
  interface Writer {
    void write(JsonGenerator json) throws IOException;
  }

  private Json() {}

  /** The UTF-8 bytes of the document {@code writer} produces. */
  static byte[] bytes(Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      writer.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write sandbox JSON", e);
    }
    return out.toByteArray();
  }
}
