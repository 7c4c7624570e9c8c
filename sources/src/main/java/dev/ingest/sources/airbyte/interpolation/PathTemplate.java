package dev.ingest.sources.airbyte.interpolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fast path for the templates most manifests are made of: literal text around {@code {{ name.key['key'][0] }}}
 * lookups ({@code {{ config['api_key'] }}}, {@code /products/{{ stream_slice.productId }}/tags}). They are rendered
 * here with Jinja2's lookup rules, without Jinjava, whose every render builds a fresh context of all its filters,
 * functions and tags (about half a millisecond). Anything this class is not sure about (a dict method name after a
 * dot, a lookup on a string or number, a name the context lacks, Jinja's literals) is left to Jinjava:
 * {@link #render} returns empty.
 */
final class PathTemplate {

  private static final Pattern EXPRESSION = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final Pattern PATH = Pattern.compile(
      "\\s*([A-Za-z_][A-Za-z0-9_]*)((?:\\s*(?:\\.[A-Za-z_][A-Za-z0-9_]*|\\[\\s*(?:'[^'\\\\]*'|\"[^\"\\\\]*\"|-?\\d+)\\s*]))*)\\s*");
  private static final Pattern SEGMENT = Pattern.compile(
      "\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*(?:'([^'\\\\]*)'|\"([^\"\\\\]*)\"|(-?\\d+))\\s*]");
  /** Python dict attributes: Jinja2 resolves {@code d.items} to the method, not the key. */
  private static final Set<String> DICT_ATTRIBUTES = Set.of("clear", "copy", "fromkeys", "get", "items", "keys",
      "pop", "popitem", "setdefault", "update", "values");
  private static final Set<String> LITERALS = Set.of("true", "false", "none", "True", "False", "None", "null");

  /** A literal part (text) or a lookup (root and segments). */
  private record Part(String text, String root, List<Object> segments) { }

  private final List<Part> parts;

  private PathTemplate(List<Part> parts) {
    this.parts = parts;
  }

  /** The fast form of a template, or empty when it uses anything but lookups. */
  static Optional<PathTemplate> parse(String template) {
    if (template.contains("{%") || template.contains("{#")) {
      return Optional.empty();
    }
    List<Part> parts = new ArrayList<>();
    Matcher m = EXPRESSION.matcher(template);
    int at = 0;
    while (m.find()) {
      Matcher path = PATH.matcher(m.group(1));
      if (!path.matches() || LITERALS.contains(path.group(1))) {
        return Optional.empty();
      }
      if (m.start() > at) {
        parts.add(new Part(template.substring(at, m.start()), null, null));
      }
      List<Object> segments = new ArrayList<>();
      Matcher seg = SEGMENT.matcher(path.group(2));
      while (seg.find()) {
        if (seg.group(1) != null) {
          segments.add(new Attribute(seg.group(1)));
        } else if (seg.group(4) != null) {
          segments.add(Long.parseLong(seg.group(4)));
        } else {
          segments.add(seg.group(2) != null ? seg.group(2) : seg.group(3));
        }
      }
      parts.add(new Part(null, path.group(1), segments));
      at = m.end();
    }
    String rest = template.substring(at);
    if (rest.contains("{{") || rest.contains("}}")) {
      return Optional.empty();
    }
    if (!rest.isEmpty()) {
      parts.add(new Part(rest, null, null));
    }
    return Optional.of(new PathTemplate(parts));
  }

  /** A {@code .name} segment (as opposed to {@code ['name']}). */
  private record Attribute(String name) { }

  /** The rendering, or empty when Jinjava must render this template with these values. */
  Optional<String> render(Map<String, Object> variables) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      if (part.text() != null) {
        out.append(part.text());
        continue;
      }
      if (!variables.containsKey(part.root())) {
        return Optional.empty();
      }
      Object value = variables.get(part.root());
      for (Object segment : part.segments()) {
        if (value == null) {
          break;
        }
        Optional<Object> next = step(value, segment);
        if (next == null) {
          return Optional.empty();
        }
        value = next.orElse(null);
      }
      if (value != null) {
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean
            || value instanceof Map || value instanceof List)) {
          return Optional.empty();
        }
        out.append(PythonValues.str(value));
      }
    }
    return Optional.of(out.toString());
  }

  /** One lookup: the value (empty for Jinja2's Undefined), or null when Jinjava must decide. */
  private static Optional<Object> step(Object value, Object segment) {
    if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      String key;
      if (segment instanceof Attribute) {
        key = ((Attribute) segment).name();
        if (DICT_ATTRIBUTES.contains(key)) {
          return null;
        }
      } else if (segment instanceof String) {
        key = (String) segment;
      } else {
        return null;
      }
      return Optional.ofNullable(map.get(key));
    }
    if (value instanceof List && segment instanceof Long) {
      List<?> list = (List<?>) value;
      long i = (Long) segment < 0 ? list.size() + (Long) segment : (Long) segment;
      return i < 0 || i >= list.size() ? Optional.empty() : Optional.ofNullable(list.get((int) i));
    }
    return null;
  }
}
