package dev.ingest.sources.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sources.records.JsonPath;
import dev.ingest.sources.spec.PagingSpec.Stop;
import dev.ingest.sources.spec.PagingSpec.Type;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads a {@code paging:} block, and merges an endpoint's override over the connector default: an override with
 * no {@code type}, or the default's type, inherits the default's options; an override with another type replaces
 * the default entirely.
 */
final class PagingParser {
  private static final Map<Type, List<String>> OPTIONS = new EnumMap<>(Map.of(
      Type.PAGE_NUMBER, List.of("page_param", "size_param", "page_size", "start_page", "stop", "has_more_path",
          "total_path", "parallel"),
      Type.BODY_CURSOR, List.of("cursor_path", "cursor_record_field", "cursor_param", "cursor_in", "size_param",
          "page_size", "has_more_path", "end_path"),
      Type.LINK_HEADER, List.of("size_param", "page_size"),
      Type.OFFSET, List.of("offset_param", "size_param", "page_size", "stop", "has_more_path", "total_path",
          "parallel"),
      Type.NEXT_URL, List.of("next_url_path", "size_param", "page_size", "has_more_path", "end_path"),
      Type.GRAPHQL, List.of("connection_path", "cursor_param", "size_param", "page_size"),
      Type.NONE, List.of()));
  private static final Set<String> ALL = new LinkedHashSet<>(List.of("type", "max_pages"));

  static {
    OPTIONS.values().forEach(ALL::addAll);
  }

  private PagingParser() {}

  /** The connector-level default at {@code paging}. */
  static PagingSpec parseDefault(JsonNode node, Problems problems) {
    if (node == null) {
      return PagingSpec.NONE;
    }
    return parse(Fields.of(node, "paging", problems), problems);
  }

  /** An endpoint's effective paging: {@code override} (at {@code path}) merged over {@code defaults}. */
  static PagingSpec parseOverride(JsonNode defaults, JsonNode override, String path, Problems problems) {
    if (!override.isObject()) {
      problems.add(path, "must be a mapping");
      return PagingSpec.NONE;
    }
    ObjectNode merged = (ObjectNode) override.deepCopy();
    Set<String> own = new LinkedHashSet<>();
    override.fieldNames().forEachRemaining(own::add);
    if (defaults != null && defaults.isObject()) {
      JsonNode overrideType = override.get("type");
      boolean sameType = overrideType == null || overrideType.equals(defaults.get("type"));
      if (sameType) {
        merged = (ObjectNode) defaults.deepCopy();
        merged.setAll((ObjectNode) override);
      }
    }
    Set<String> inherited = new LinkedHashSet<>();
    merged.fieldNames().forEachRemaining(inherited::add);
    inherited.removeAll(own);
    // errors in inherited options are reported once, at the connector default
    UnaryOperator<String> keyPath = key -> inherited.contains(key)
        ? Problems.join("paging", key) : Problems.join(path, key);
    return parse(Fields.of(merged, path, keyPath, problems), problems);
  }

  private static PagingSpec parse(Fields f, Problems problems) {
    String typeName = f.requiredString("type");
    Type type = typeName == null ? null : Type.of(typeName).orElse(null);
    if (typeName != null && type == null) {
      problems.add(f.path("type"), "unknown paging type '" + typeName + "' (expected one of " + Type.names() + ")");
    }
    if (type == null) {
      ALL.forEach(f::get);
      f.rejectUnknown(ALL);
      return PagingSpec.NONE;
    }
    Set<String> notUsed = new LinkedHashSet<>(ALL);
    notUsed.removeAll(OPTIONS.get(type));
    notUsed.removeAll(List.of("type", "max_pages"));
    f.rejectPresent(notUsed, "not used by paging type '" + type.yamlName() + "'");

    String pageParam = param(f, "page_param", type == Type.PAGE_NUMBER ? "page" : null, problems);
    String sizeParam = param(f, "size_param", type == Type.OFFSET ? "limit" : type == Type.GRAPHQL ? "first" : null,
        problems);
    int pageSize = (int) f.integer("page_size", PagingSpec.DEFAULT_PAGE_SIZE, 1, 100_000);
    long startPage = f.integer("start_page", 1, 0, Integer.MAX_VALUE);
    Stop stop = stop(f, type, problems);
    boolean fromRecord = type == Type.BODY_CURSOR && f.has("cursor_record_field");
    String cursorRecordField = path(f, "cursor_record_field", fromRecord, problems);
    if (fromRecord && f.has("cursor_path")) {
      problems.add(f.path("cursor_record_field"), "use either cursor_path or cursor_record_field, not both");
    }
    String cursorPath = path(f, "cursor_path", type == Type.BODY_CURSOR && !fromRecord, problems);
    String cursorParam = type == Type.BODY_CURSOR ? f.requiredString("cursor_param")
        : type == Type.GRAPHQL ? param(f, "cursor_param", "after", problems) : null;
    PagingSpec.ParamIn cursorIn = cursorIn(f, problems);
    String hasMorePath = path(f, "has_more_path", f.has("has_more_path"), problems);
    String totalPath = path(f, "total_path", f.has("total_path"), problems);
    String endPath = path(f, "end_path", f.has("end_path"), problems);
    String connectionPath = path(f, "connection_path", type == Type.GRAPHQL, problems);
    String offsetParam = param(f, "offset_param", type == Type.OFFSET ? "offset" : null, problems);
    String nextUrlPath = path(f, "next_url_path", type == Type.NEXT_URL, problems);
    int maxPages = (int) f.integer("max_pages", PagingSpec.DEFAULT_MAX_PAGES, 1, Integer.MAX_VALUE);
    int parallel = (int) f.integer("parallel", 1, 1, 64);
    if (parallel > 1 && totalPath == null) {
      problems.add(f.path("parallel"), "needs total_path: pages are requested ahead only when the response "
          + "declares how many records there are");
    }
    f.rejectUnknown(ALL);
    if (type == Type.NONE) {
      return PagingSpec.NONE;
    }
    return new PagingSpec(type, pageParam, sizeParam, pageSize, startPage, stop, cursorPath, cursorParam,
        offsetParam, nextUrlPath, maxPages, type == Type.GRAPHQL ? PagingSpec.ParamIn.BODY : cursorIn, hasMorePath,
        totalPath, connectionPath, parallel, cursorRecordField, endPath);
  }

  private static PagingSpec.ParamIn cursorIn(Fields f, Problems problems) {
    String name = f.string("cursor_in");
    if (name == null || name.equals("query")) {
      return PagingSpec.ParamIn.QUERY;
    }
    if (name.equals("body")) {
      return PagingSpec.ParamIn.BODY;
    }
    problems.add(f.path("cursor_in"), "must be query or body, got '" + name + "'");
    return PagingSpec.ParamIn.QUERY;
  }

  private static String param(Fields f, String key, String defaultValue, Problems problems) {
    String value = f.string(key);
    if (value != null && value.isBlank()) {
      problems.add(f.path(key), "must not be empty");
      return defaultValue;
    }
    return value == null ? defaultValue : value;
  }

  private static Stop stop(Fields f, Type type, Problems problems) {
    if (type != Type.PAGE_NUMBER && type != Type.OFFSET) {
      return null;
    }
    String name = f.string("stop");
    if (name == null) {
      return Stop.EMPTY_PAGE;
    }
    return Stop.of(name).orElseGet(() -> {
      problems.add(f.path("stop"), "unknown stop rule '" + name + "' (expected one of empty_page, short_page)");
      return Stop.EMPTY_PAGE;
    });
  }

  private static String path(Fields f, String key, boolean required, Problems problems) {
    if (!required) {
      return null;
    }
    String value = f.requiredString(key);
    if (value != null) {
      try {
        if (JsonPath.parse(value).isRoot()) {
          problems.add(f.path(key), "must name a field, not the root '$'");
        }
      } catch (IllegalArgumentException e) {
        problems.add(f.path(key), e.getMessage());
      }
    }
    return value;
  }
}
