package dev.ingest.sources.records;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sources.records.RecordSelector.Kind;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * One streaming pass of {@link RecordSelector#split} over one body: follows the records path through the
 * objects on the way, cuts each element of the records array out of the body by the parser's byte offsets
 * (skipping over it token by token, so it is checked as JSON but never built into a tree), and builds a tree of
 * everything else (the envelope: cursors, totals, flags). Duplicate keys, trailing content and bodies cut short
 * fail as in {@link JsonBodies#parse}, since the same parser configuration reads every token of the body. (The
 * feature is not switched off for the records: Jackson recycles parsing contexts per depth with their duplicate
 * detectors, so switching it back on for the envelope after the records would not reach nested objects.) Used
 * once.
 */
final class RecordSplitter {
  private static final ObjectMapper MAPPER = JsonBodies.mapper();
  private static final int MAX_STRING_LENGTH = MAPPER.getFactory().streamReadConstraints().getMaxStringLength();

  private final RecordSelector selector;
  private final List<String> segments;
  private byte[] body;
  private JsonParser parser;
  private Kind found = Kind.MISSING;
  private int[] bounds = new int[0];
  private int size;

  RecordSplitter(RecordSelector selector) {
    this.selector = selector;
    this.segments = selector.path().segments();
  }

  RecordSelector.Split split(byte[] body) throws IOException {
    if (body.length == 0) {
      throw new JsonBodies.EmptyBodyException();
    }
    this.body = body;
    JsonNode envelope;
    try (JsonParser p = MAPPER.createParser(body)) {
      parser = p;
      if (p.nextToken() == null) {
        throw new JsonBodies.EmptyBodyException();
      }
      envelope = value(0);
      if (p.nextToken() != null) {
        throw new IOException("trailing content after the JSON document");
      }
    }
    String problem = selector.problem(found);
    RecordSlices records = problem == null ? new RecordSlices(body, bounds, size) : RecordSlices.none();
    return new RecordSelector.Split(envelope, records, problem);
  }

  /** The value at the parser's current token, which sits at the first {@code depth} segments of the path. */
  private JsonNode value(int depth) throws IOException {
    if (depth == segments.size()) {
      return target();
    }
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      return tree(); // the path cannot go on: not found
    }
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    String segment = segments.get(depth);
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      parser.nextToken();
      object.set(name, name.equals(segment) ? value(depth + 1) : tree());
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw new IOException("unexpected token " + parser.currentToken() + " in an object");
    }
    return object;
  }

  /** The value at the records path: records are cut out, the rest kept for the envelope. */
  private JsonNode target() throws IOException {
    JsonToken token = parser.currentToken();
    found = kind(token);
    if (found == Kind.ARRAY && !selector.single()) {
      for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
        if (element == null) {
          throw new IOException("end of input within the records array");
        }
        slice(element);
      }
      return JsonNodeFactory.instance.arrayNode();
    }
    if (found == Kind.OBJECT && selector.single()) {
      int start = (int) parser.currentTokenLocation().getByteOffset();
      JsonNode record = tree();
      add(start, (int) parser.currentLocation().getByteOffset());
      return record;
    }
    return tree();
  }

  /**
   * Cuts out the element at the current token, skipping over its tokens. Skipping checks the JSON, nesting depth,
   * number and key lengths and duplicate keys as the tree parse does, but does not read string values: a record
   * longer than the longest string the parser accepts is therefore read once as a tree, so that a string over the
   * limit fails the body as it would have (StreamConstraintsException, MalformedRecordsITCase).
   */
  private void slice(JsonToken element) throws IOException {
    int start = (int) parser.currentTokenLocation().getByteOffset();
    if (element.isStructStart()) {
      parser.skipChildren();
    } else {
      parser.finishToken(); // a string is read lazily: read it to its closing quote
    }
    int end = (int) parser.currentLocation().getByteOffset();
    if (end - start > MAX_STRING_LENGTH) {
      try (JsonParser record = MAPPER.createParser(body, start, end - start)) {
        MAPPER.readTree(record);
      }
    }
    add(start, end);
  }

  private void add(int start, int end) {
    if (start < 0 || end > body.length || end <= start) {
      throw new IllegalStateException("the JSON parser reported no byte offsets for a record");
    }
    if (2 * size + 2 > bounds.length) {
      bounds = Arrays.copyOf(bounds, Math.max(16, bounds.length * 2));
    }
    bounds[2 * size] = start;
    bounds[2 * size + 1] = end;
    size++;
  }

  /** The value at the current token as a tree (a JSON null as {@link NullNode}). */
  private JsonNode tree() throws IOException {
    JsonNode node = MAPPER.readTree(parser);
    return node == null ? NullNode.getInstance() : node;
  }

  private static Kind kind(JsonToken token) {
    return switch (token) {
      case VALUE_NULL -> Kind.NULL;
      case START_OBJECT -> Kind.OBJECT;
      case START_ARRAY -> Kind.ARRAY;
      case VALUE_STRING -> Kind.STRING;
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Kind.NUMBER;
      case VALUE_TRUE, VALUE_FALSE -> Kind.BOOLEAN;
      default -> Kind.OTHER;
    };
  }
}
