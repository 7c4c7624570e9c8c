package dev.ingest.sources.spec;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Turns the bytes of a connector file into a JSON tree, defensively: strict UTF-8, a size cap, SnakeYAML
 * {@link LoaderOptions} limits (aliases, nesting, code points), one document, no aliases.
 *
 * <p>Aliases are rejected outright: Jackson's YAML parser does not expand them (it reads {@code *x} as the string
 * {@code "x"}), so accepting them would silently change a definition; rejecting them also defuses alias bombs.
 */
public final class SafeYaml {
  static final int MAX_BYTES = 2 * 1024 * 1024;
  static final int MAX_ALIASES = 50;
  static final int MAX_DEPTH = 40;

  private static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
      .loaderOptions(loaderOptions())
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 2).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build());

  private SafeYaml() {}

  static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    return options;
  }

  /** Parses {@code bytes} (a pipeline or connector file named {@code source} in errors) as one YAML document. */
  public static JsonNode parse(String source, byte[] bytes) throws SpecException {
    return read(bytes, source);
  }

  /** Parses {@code bytes} as one YAML document. */
  static JsonNode read(byte[] bytes, String source) throws SpecException {
    if (bytes.length > MAX_BYTES) {
      throw new SpecException(source, "", "file is larger than " + MAX_BYTES + " bytes");
    }
    String text = decodeUtf8(bytes, source);
    scan(text, source);
    try {
      JsonNode root = MAPPER.readTree(text);
      if (root == null || root.isMissingNode() || root.isNull()) {
        throw new SpecException(source, "", "the file is empty");
      }
      return root;
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new SpecException(source, "", "YAML syntax error" + where + ": " + e.getOriginalMessage());
    }
  }

  static String decodeUtf8(byte[] bytes, String source) throws SpecException {
    int start = 0;
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      start = 3;
    } else if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
        || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
      throw new SpecException(source, "", "not UTF-8: the file is UTF-16 encoded; save it as UTF-8");
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    try {
      return decoder.decode(in).toString();
    } catch (CharacterCodingException e) {
      int offset = firstInvalidOffset(bytes, start);
      throw new SpecException(source, "", "not valid UTF-8: invalid byte 0x"
          + String.format("%02X", bytes[offset] & 0xFF) + " at offset " + offset + "; save the file as UTF-8");
    }
  }

  private static int firstInvalidOffset(byte[] bytes, int start) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
    decoder.decode(in, out, true);
    return Math.min(in.position(), bytes.length - 1);
  }

  /** Walks the YAML events: enforces the loader limits, one document, no aliases. */
  private static void scan(String text, String source) throws SpecException {
    try {
      Parser parser = new ParserImpl(new StreamReader(text), loaderOptions());
      int documents = 0;
      int depth = 0;
      while (parser.peekEvent() != null) {
        Event event = parser.getEvent();
        switch (event.getEventId()) {
          case DocumentStart -> {
            if (++documents > 1) {
              throw error(source, event.getStartMark(), "expected one YAML document, found another");
            }
          }
          case MappingStart, SequenceStart -> {
            if (++depth > MAX_DEPTH) {
              throw error(source, event.getStartMark(), "nesting deeper than " + MAX_DEPTH + " levels");
            }
          }
          case MappingEnd, SequenceEnd -> depth--;
          case Alias -> throw error(source, event.getStartMark(),
              "YAML aliases (*name) are not supported in Ingest definitions; write the value out");
          case StreamEnd -> {
            return;
          }
          default -> { }
        }
      }
    } catch (MarkedYAMLException e) {
      throw error(source, e.getProblemMark(), "YAML syntax error: " + e.getProblem());
    } catch (YAMLException e) {
      throw new SpecException(source, "", "YAML error: " + e.getMessage());
    }
  }

  private static SpecException error(String source, Mark mark, String message) {
    String where = mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
    return new SpecException(source, "", where + message);
  }
}
