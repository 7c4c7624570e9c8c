package dev.ingest.control.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the fields of a secret for {@code ./ingest secret set}: from a terminal, asking for each value without
 * echo, or from standard input as a JSON object ({@code {"token": "…"}}) or as {@code key=value} lines (blank
 * lines and {@code #} comments skipped). Never from the command line, where values would land in the shell history
 * and the process list. Every error names the cause (the line, the field) and never quotes a value.
 */
final class SecretInput {
  /** The most standard input may hold. */
  static final int MAX_BYTES = 1 << 20;
  /** The longest value, as the control API accepts it. */
  static final int MAX_VALUE = 65_536;
  /** The most fields one secret may have. */
  static final int MAX_FIELDS = 64;
  /** What a field name looks like ({@code token}, {@code client_secret}, {@code access_key_id}). */
  static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Bad input: the message names the cause, never a value. */
  static final class InputException extends Exception {
    InputException(String message) {
      super(message);
    }
  }

  /** A terminal that can ask for a line and for a value without echo ({@link java.io.Console} in production). */
  interface Terminal {
    /** A line typed after {@code prompt}; null at end of input. */
    String readLine(String prompt);

    /** A value typed after {@code prompt} without echo; null at end of input. */
    char[] readPassword(String prompt);
  }

  private SecretInput() {}

  /**
   * The fields on {@code in}: a JSON object, or {@code key=value} lines. When {@code expected} is not empty each of
   * those fields must be there.
   */
  static Map<String, String> read(InputStream in, List<String> expected) throws InputException, IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new InputException("stdin: more than " + MAX_BYTES + " bytes; a secret is a few fields");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InputException("stdin: not UTF-8 text");
    }
    text = text.strip();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1).strip();
    }
    if (text.isEmpty()) {
      throw new InputException("stdin is empty: send the fields as a JSON object {\"token\": \"...\"} or as "
          + "key=value lines, or run in a terminal to be asked for each value");
    }
    Map<String, String> fields = text.startsWith("{") || text.startsWith("[") ? json(text) : lines(text);
    List<String> missing = expected.stream().filter(f -> !fields.containsKey(f)).toList();
    if (!missing.isEmpty()) {
      throw new InputException("stdin: missing field(s) named by --field: " + String.join(", ", missing)
          + " (given: " + String.join(", ", fields.keySet()) + ")");
    }
    return fields;
  }

  /**
   * Asks on {@code terminal} for the value of each of {@code fields}; without fields, asks for field names until
   * an empty one.
   */
  static Map<String, String> prompt(Terminal terminal, List<String> fields) throws InputException {
    Map<String, String> out = new LinkedHashMap<>();
    if (!fields.isEmpty()) {
      for (String field : fields) {
        put(out, field, value(terminal, field), "--field " + field);
      }
      return out;
    }
    for (int i = 0; i <= MAX_FIELDS; i++) {
      String name = terminal.readLine(out.isEmpty() ? "field name (e.g. token): "
          : "next field name (empty to finish): ");
      if (name == null || name.isBlank()) {
        if (out.isEmpty()) {
          throw new InputException("no field entered: a secret needs at least one field");
        }
        return out;
      }
      put(out, name.strip(), value(terminal, name.strip()), "field name " + (i + 1));
    }
    throw new InputException("more than " + MAX_FIELDS + " fields");
  }

  /** Checks a field name given with {@code --field}. */
  static String checkFieldName(String name, String where) throws InputException {
    if (!FIELD.matcher(name).matches()) {
      throw new InputException(where + ": a field name must match " + FIELD.pattern());
    }
    return name;
  }

  private static String value(Terminal terminal, String field) throws InputException {
    char[] typed = terminal.readPassword("value of " + field + " (not shown): ");
    if (typed == null) {
      throw new InputException("input ended before the value of field '" + field + "'");
    }
    String value = new String(typed);
    java.util.Arrays.fill(typed, '\0');
    return value;
  }

  private static Map<String, String> json(String text) throws InputException {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      // never the parser's message: it may quote a value
      JsonLocation at = e.getLocation();
      throw new InputException("stdin: malformed JSON" + (at == null ? "" : " at line " + at.getLineNr()
          + ", column " + at.getColumnNr()) + " (expected one object of field names to string values, "
          + "{\"token\": \"...\"})");
    }
    if (root == null || !root.isObject()) {
      throw new InputException("stdin: expected a JSON object of field names to string values");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = "stdin: field '" + e.getKey() + "'";
      if (!FIELD.matcher(e.getKey()).matches()) {
        throw new InputException("stdin: field " + (fields.size() + 1) + " of the JSON object: a field name must "
            + "match " + FIELD.pattern());
      }
      if (!e.getValue().isTextual()) {
        throw new InputException(where + ": expected a string value, got " + e.getValue().getNodeType()
            .name().toLowerCase(java.util.Locale.ROOT));
      }
      put(fields, e.getKey(), e.getValue().textValue(), where);
    }
    if (fields.isEmpty()) {
      throw new InputException("stdin: the JSON object has no fields");
    }
    return fields;
  }

  private static Map<String, String> lines(String text) throws InputException {
    Map<String, String> fields = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = "stdin line " + (i + 1);
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new InputException(where + ": expected key=value (or a JSON object {\"token\": \"...\"})");
      }
      String key = line.substring(0, eq).strip();
      if (!FIELD.matcher(key).matches()) {
        throw new InputException(where + ": " + (key.isEmpty() ? "no field name before '='"
            : "a field name must match " + FIELD.pattern()));
      }
      put(fields, key, line.substring(eq + 1).strip(), where + ", field '" + key + "'");
    }
    if (fields.isEmpty()) {
      throw new InputException("stdin: no key=value line (only blank lines and comments)");
    }
    return fields;
  }

  private static void put(Map<String, String> fields, String key, String value, String where)
      throws InputException {
    checkFieldName(key, where);
    if (fields.containsKey(key)) {
      throw new InputException(where + ": field '" + key + "' given twice");
    }
    if (value.isEmpty()) {
      throw new InputException(where + ": empty value for field '" + key + "'");
    }
    if (value.length() > MAX_VALUE) {
      throw new InputException(where + ": the value of field '" + key + "' is longer than " + MAX_VALUE
          + " characters");
    }
    if (fields.size() >= MAX_FIELDS) {
      throw new InputException(where + ": more than " + MAX_FIELDS + " fields");
    }
    fields.put(key, value);
  }
}
