package dev.ingest.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.spec.SafeYaml;
import dev.ingest.sources.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Reads one section of the Ingest home's {@code config.yaml}, as a mapping or as text settings (a list value is
 * read as its items joined with commas). Bad files fail naming the file and the key.
 */
public final class HomeConfig {
  private HomeConfig() {}

  /** The settings of section {@code name}; empty when the file or the section is absent. */
  static Map<String, String> section(Path file, String name) {
    Map<String, String> settings = new LinkedHashMap<>();
    JsonNode section = sectionNode(file, name);
    if (section == null) {
      return settings;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      settings.put(field.getKey(), text(file, name + "." + field.getKey(), field.getValue()));
    }
    return settings;
  }

  /** Section {@code name} as a mapping; null when the file or the section is absent. */
  public static JsonNode sectionNode(Path file, String name) {
    if (!Files.exists(file)) {
      return null;
    }
    JsonNode root;
    try {
      root = SafeYaml.parse(file.toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (SpecException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    JsonNode section = root == null ? null : root.get(name);
    if (section == null || section.isNull()) {
      return null;
    }
    if (!section.isObject()) {
      throw new IllegalArgumentException(file + ": " + name + ": expected a mapping of settings");
    }
    return section;
  }

  private static String text(Path file, String key, JsonNode value) {
    if (value.isArray() && StreamSupport.stream(value.spliterator(), false).allMatch(JsonNode::isValueNode)) {
      return StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(","));
    }
    if (!value.isValueNode() || value.isNull()) {
      throw new IllegalArgumentException(file + ": " + key + ": expected a text value");
    }
    return value.asText();
  }
}
