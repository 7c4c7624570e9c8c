package dev.ingest.sources.spec;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Parses user-supplied YAML (connector and pipeline definitions) into a Jackson tree with limits that make hostile
 * input fail fast with a clear message: at most {@value #MAX_BYTES} bytes, valid UTF-8 only, at most
 * {@value #MAX_ALIASES} aliases (no "billion laughs"), at most {@value #MAX_DEPTH} levels of nesting.
 */
public final class SafeYaml {
  public static final int MAX_BYTES = 2 * 1024 * 1024;
  public static final int MAX_ALIASES = 50;
  public static final int MAX_DEPTH = 64;

  private static final ObjectMapper MAPPER = createMapper();

  private SafeYaml() {}

  private static ObjectMapper createMapper() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowDuplicateKeys(false);
    YAMLFactory factory = YAMLFactory.builder()
        .loaderOptions(options)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
        .build();
    return new ObjectMapper(factory);
  }

  /**
   * Parses {@code bytes} as one YAML document.
   *
   * @param source what is being parsed, for messages (a file name, {@code pipeline demo})
   * @throws SpecException when the input is too large, not UTF-8, not YAML, or empty
   */
  public static JsonNode parse(String source, byte[] bytes) throws SpecException {
    if (bytes.length > MAX_BYTES) {
      throw new SpecException(source, "", "file is " + bytes.length + " bytes; the limit is " + MAX_BYTES);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SpecException(source, "", "not valid UTF-8 text");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (IOException | RuntimeException e) {
      throw new SpecException(source, "", "not valid YAML: " + firstLine(e.getMessage()));
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw new SpecException(source, "", "empty document");
    }
    if (!node.isObject()) {
      throw new SpecException(source, "", "expected a mapping at the top level, got " + node.getNodeType());
    }
    return node;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
