package dev.ingest.sources.airbyte.interpolation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ingest.testkit.Requirement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The Airbyte manifest corpus ({@code ../shared/fixtures/airbyte}, found from the working directory upwards or
 * through {@code -Dingest.airbyte.corpus}) and the interpolated strings in it: every string scalar (key or value)
 * that contains {@code {{} or {@code {%}, as Jackson's YAML parser reads it.
 */
final class AirbyteCorpus {

  private AirbyteCorpus() {}

  static Path directory() {
    String configured = System.getProperty("ingest.airbyte.corpus");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/fixtures/airbyte");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    Requirement.require(false, "the Airbyte manifest corpus (shared/fixtures/airbyte)",
        "run from the workspace that holds shared/fixtures/airbyte, or pass -Dingest.airbyte.corpus=DIR");
    throw new IllegalStateException("unreachable");
  }

  /** Each interpolated string of the corpus manifests, with the manifests it occurs in. */
  static Map<String, Set<String>> templates() {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Map<String, Set<String>> found = new TreeMap<>();
    try (Stream<Path> files = Files.list(directory())) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".yaml") || name.equals("declarative_component_schema.yaml")) {
          continue;
        }
        walk(yaml.readTree(file.toFile()), name, found, 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static void walk(JsonNode node, String file, Map<String, Set<String>> found, int depth) {
    if (depth > 200) {
      throw new IllegalStateException(file + " nests deeper than 200 levels");
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        add(e.getKey(), file, found);
        walk(e.getValue(), file, found, depth + 1);
      }
    } else if (node.isArray()) {
      node.forEach(item -> walk(item, file, found, depth + 1));
    } else if (node.isTextual()) {
      add(node.asText(), file, found);
    }
  }

  private static void add(String text, String file, Map<String, Set<String>> found) {
    if (text.contains("{{") || text.contains("{%")) {
      found.computeIfAbsent(text, k -> new TreeSet<>()).add(file);
    }
  }
}
