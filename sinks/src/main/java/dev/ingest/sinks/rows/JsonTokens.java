package dev.ingest.sinks.rows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.table.data.StringData;

/**
 * Token-stream helpers shared by the converters: the one parser configuration, copying a value out as compact
 * JSON text, skipping and naming values.
 *
 * <p>Parsing is strict where leniency would lose data silently: a duplicate key in any object is an error (as
 * with {@code JsonRecords}). The converters check it themselves, where it is cheap: struct and record fields
 * against their column positions, map keys and copied values with hash sets; every value a converter skips is
 * copied afterwards (to {@code _ingest_extra}), so skipped objects are checked too. (Jackson's own check,
 * {@code STRICT_DUPLICATE_DETECTION}, allocates a hash set for every object of more than two fields and cost a
 * sixth of the conversion.) Jackson's stream limits apply (nesting depth 1000, strings up to 20 MB). Copied
 * values are written exactly as a Jackson tree of the same text would be (integers as parsed, floating-point
 * numbers as {@code double}), so {@code _ingest_extra} and JSON text in string columns are the same as when
 * records were parsed into trees.
 */
final class JsonTokens {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonTokens() {}

  /** A parser over one record's text. */
  static JsonParser parser(String json) throws IOException {
    return FACTORY.createParser(json);
  }

  /** A parser over one record's UTF-8 bytes. */
  static JsonParser parser(byte[] json) throws IOException {
    return FACTORY.createParser(json);
  }

  /** A generator writing compact JSON into {@code out}. */
  static JsonGenerator generator(Writer out) throws IOException {
    return FACTORY.createGenerator(out);
  }

  /** The compact JSON text of the value at the parser's current token; the parser ends on its last token. */
  static String text(JsonParser parser) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = generator(out)) {
      copy(parser, g);
    }
    return out.toString();
  }

  /**
   * Writes the value at the parser's current token (with its children) to {@code out}, iteratively, so deeply
   * nested values do not grow the stack. The parser ends on the value's last token.
   */
  static void copy(JsonParser parser, JsonGenerator out) throws IOException {
    int depth = 0;
    Deque<Set<String>> names = null;
    while (true) {
      JsonToken t = parser.currentToken();
      switch (t) {
        case START_OBJECT -> {
          out.writeStartObject();
          depth++;
          names = names == null ? new ArrayDeque<>() : names;
          names.push(new HashSet<>());
        }
        case START_ARRAY -> {
          out.writeStartArray();
          depth++;
        }
        case END_OBJECT -> {
          out.writeEndObject();
          depth--;
          names.pop();
        }
        case END_ARRAY -> {
          out.writeEndArray();
          depth--;
        }
        case FIELD_NAME -> {
          String name = parser.currentName();
          if (!names.peek().add(name)) {
            throw duplicate(parser, name);
          }
          out.writeFieldName(name);
        }
        case VALUE_STRING ->
            out.writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        case VALUE_NUMBER_INT -> {
          switch (parser.getNumberType()) {
            case INT -> out.writeNumber(parser.getIntValue());
            case LONG -> out.writeNumber(parser.getLongValue());
            default -> out.writeNumber(parser.getBigIntegerValue());
          }
        }
        case VALUE_NUMBER_FLOAT -> out.writeNumber(parser.getDoubleValue());
        case VALUE_TRUE -> out.writeBoolean(true);
        case VALUE_FALSE -> out.writeBoolean(false);
        case VALUE_NULL -> out.writeNull();
        default -> throw new IllegalStateException("unexpected JSON token " + t);
      }
      if (depth == 0) {
        return;
      }
      parser.nextToken();
    }
  }

  /** The error for a key that occurs twice in one object (Jackson's wording). */
  static JsonParseException duplicate(JsonParser parser, String name) {
    return new JsonParseException(parser, "Duplicate field '" + name + "'");
  }

  /**
   * Skips the rest of the object or array the parser is in, whose current element (if any) has been read
   * completely; the parser ends on the container's end token.
   */
  static void skipRest(JsonParser parser) throws IOException {
    int depth = 1;
    while (depth > 0) {
      JsonToken t = parser.nextToken();
      if (t == null) {
        return;
      }
      if (t.isStructStart()) {
        depth++;
      } else if (t.isStructEnd()) {
        depth--;
      }
    }
  }

  /** What a JSON value starting with {@code t} is, as Jackson's node types name it ({@code array}, {@code number}). */
  static String kind(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "array";
      case START_OBJECT -> "object";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> t.name().toLowerCase();
    };
  }

  /**
   * Flink string data holding the UTF-8 bytes of {@code s}, encoded once here by the JDK (the Parquet writer takes
   * these bytes as they are; a {@code String}-backed value would be encoded later, slower, by Flink).
   */
  static StringData string(String s) {
    return StringData.fromBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The current string token as Flink string data, encoded to UTF-8 straight from the parser's character buffer:
   * no {@code String} is made (it would be one more copy of every value, and the largest allocation per record).
   * The bytes are exactly those of {@code getText().getBytes(UTF_8)}: a lone surrogate becomes {@code '?'} as the
   * JDK's encoder replaces it.
   */
  static StringData stringToken(JsonParser p) throws IOException {
    return StringData.fromBytes(utf8(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
  }

  /** UTF-8 of {@code chars[offset, offset + length)}, as {@code new String(..).getBytes(UTF_8)} gives it. */
  static byte[] utf8(char[] chars, int offset, int length) {
    int end = offset + length;
    int size = 0;
    boolean ascii = true;
    for (int i = offset; i < end; i++) {
      char c = chars[i];
      if (c < 0x80) {
        size++;
        continue;
      }
      ascii = false;
      if (c < 0x800) {
        size += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
        size += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        size++; // '?'
      } else {
        size += 3;
      }
    }
    byte[] out = new byte[size];
    if (ascii) {
      for (int i = 0; i < length; i++) {
        out[i] = (byte) chars[offset + i];
      }
      return out;
    }
    int o = 0;
    for (int i = offset; i < end; i++) {
      char c = chars[i];
      if (c < 0x80) {
        out[o++] = (byte) c;
      } else if (c < 0x800) {
        out[o++] = (byte) (0xC0 | (c >> 6));
        out[o++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
        int cp = Character.toCodePoint(c, chars[++i]);
        out[o++] = (byte) (0xF0 | (cp >> 18));
        out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[o++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        out[o++] = '?';
      } else {
        out[o++] = (byte) (0xE0 | (c >> 12));
        out[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[o++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return out;
  }
}
