package dev.ingest.sources.records;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The records of one page as byte ranges of one buffer: each record is the JSON text of one element exactly as
 * the API sent it (whitespace, escapes and number spellings included), cut out of the response body by
 * {@link RecordSelector#split} without building a tree. Reading a record means parsing its slice.
 *
 * <p>Immutable; the buffer is never copied nor changed.
 */
public final class RecordSlices {
  private static final RecordSlices NONE = new RecordSlices(new byte[0], new int[0], 0);

  private final byte[] buffer;
  /** start and end (exclusive) of record i at 2i and 2i + 1. */
  private final int[] bounds;
  private final int size;

  RecordSlices(byte[] buffer, int[] bounds, int size) {
    this.buffer = buffer;
    this.bounds = bounds;
    this.size = size;
  }

  /** No records. */
  public static RecordSlices none() {
    return NONE;
  }

  /**
   * The records of {@code nodes} (a tree selection), each written as compact JSON straight into one UTF-8 buffer
   * by one generator (no text per record).
   */
  public static RecordSlices of(List<JsonNode> nodes) {
    Objects.requireNonNull(nodes, "nodes");
    if (nodes.isEmpty()) {
      return NONE;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(nodes.size() * 256);
    int[] bounds = new int[nodes.size() * 2];
    try (com.fasterxml.jackson.core.JsonGenerator generator = JsonBodies.mapper().getFactory().createGenerator(out)) {
      generator.setRootValueSeparator(null); // records side by side, nothing between them
      for (int i = 0; i < nodes.size(); i++) {
        generator.flush();
        bounds[2 * i] = out.size();
        JsonBodies.mapper().writeTree(generator, Objects.requireNonNull(nodes.get(i), "record"));
        generator.flush();
        bounds[2 * i + 1] = out.size();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write records as JSON", e);
    }
    return new RecordSlices(out.toByteArray(), bounds, nodes.size());
  }

  /** The records given as JSON text, encoded as UTF-8. */
  public static RecordSlices ofTexts(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    ByteArrayOutputStream out = new ByteArrayOutputStream(texts.size() * 64);
    int[] bounds = new int[texts.size() * 2];
    for (int i = 0; i < texts.size(); i++) {
      bounds[2 * i] = out.size();
      out.writeBytes(Objects.requireNonNull(texts.get(i), "record").getBytes(StandardCharsets.UTF_8));
      bounds[2 * i + 1] = out.size();
    }
    return new RecordSlices(out.toByteArray(), bounds, texts.size());
  }

  /** How many records. */
  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Record {@code i} as JSON text. */
  public String text(int i) {
    return new String(buffer, start(i), length(i), StandardCharsets.UTF_8);
  }

  /** Every record as JSON text, in order. */
  public List<String> texts() {
    List<String> texts = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      texts.add(text(i));
    }
    return texts;
  }

  /** True when every record is a JSON object (its slice starts with a brace: slices begin at the value's token). */
  public boolean allObjects() {
    for (int i = 0; i < size; i++) {
      if (length(i) == 0 || buffer[start(i)] != '{') {
        return false;
      }
    }
    return true;
  }

  /** Record {@code i} as UTF-8 bytes (a copy). */
  public byte[] bytes(int i) {
    return Arrays.copyOfRange(buffer, start(i), start(i) + length(i));
  }

  /** A parser over record {@code i} (positioned before its first token), configured as {@link JsonBodies}'. */
  public JsonParser parser(int i) throws IOException {
    return JsonBodies.mapper().createParser(buffer, start(i), length(i));
  }

  /** Record {@code i} parsed into a tree (for the few consumers that need one, such as a page's last record). */
  public JsonNode node(int i) {
    try (JsonParser parser = parser(i)) {
      return JsonBodies.mapper().readTree(parser);
    } catch (IOException e) {
      throw new UncheckedIOException("a record slice of a parsed body does not parse", e);
    }
  }

  private int start(int i) {
    Objects.checkIndex(i, size);
    return bounds[2 * i];
  }

  private int length(int i) {
    return bounds[2 * i + 1] - bounds[2 * i];
  }

  @Override
  public String toString() {
    return "RecordSlices{" + size + " records}";
  }
}
