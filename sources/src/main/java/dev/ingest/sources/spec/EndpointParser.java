package dev.ingest.sources.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.records.JsonPath;
import dev.ingest.sources.template.Namespace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one {@code endpoints.<name>} block. */
final class EndpointParser {
  private static final List<String> KNOWN =
      List.of("description", "path", "method", "params", "headers", "body", "records", "primary_key", "schema",
          "paging", "incremental", "parent", "total", "deletes");

  private EndpointParser() {}

  static EndpointSpec parse(
      String name, JsonNode node, JsonNode defaultPagingNode, PagingSpec defaultPaging, Problems problems) {
    String at = "endpoints." + name;
    if (!HeaderNames.isName(name)) {
      problems.add(at, "invalid endpoint name (expected [a-z][a-z0-9_]*)");
    }
    Fields f = Fields.of(node, at, problems);
    String description = f.string("description");
    String path = f.requiredString("path");
    if (path != null && !path.startsWith("/")) {
      problems.add(f.path("path"), "must start with '/'");
    }
    problems.template(f.path("path"), path, Namespace.CONFIG, Namespace.VARS, Namespace.PARENT);
    String method = f.string("method");
    if (method != null && !method.equals("GET") && !method.equals("POST")) {
      problems.add(f.path("method"), "must be GET or POST, got '" + method + "'");
      method = null;
    }
    JsonNode body = f.get("body");
    if (body != null) {
      if (!body.isObject()) {
        problems.add(f.path("body"), "must be a mapping (the JSON request body)");
        body = null;
      } else {
        bodyTemplates(body, f.path("body"), problems);
        if (method == null || method.equals("GET")) {
          problems.add(f.path("body"), "needs method: POST");
        }
      }
    }
    IncrementalSpec incremental = IncrementalParser.parse(f, problems);
    String parent = f.string("parent");
    Map<String, String> params = scalarMap(f, "params", false, problems);
    Map<String, String> headers = scalarMap(f, "headers", true, problems);
    JsonNode recordsNode = f.get("records");
    boolean single = false;
    String records;
    if (recordsNode != null && recordsNode.isObject()) {
      Fields r = Fields.of(recordsNode, f.path("records"), problems);
      records = r.requiredString("path");
      single = r.bool("single", false);
      r.rejectUnknown(List.of("path", "single"));
    } else if (recordsNode != null && !recordsNode.isTextual()) {
      problems.add(f.path("records"), "must be a JSON path or a mapping {path: <JSON path>, single: true|false}");
      records = null;
    } else {
      records = f.requiredString("records");
    }
    if (records != null) {
      try {
        JsonPath.parse(records);
      } catch (IllegalArgumentException e) {
        problems.add(f.path("records"), e.getMessage());
      }
    }
    List<String> primaryKey = primaryKey(f, problems);
    JsonNode schema = schema(f, primaryKey, problems);
    JsonNode override = f.get("paging");
    PagingSpec paging = override == null ? defaultPaging
        : PagingParser.parseOverride(defaultPagingNode, override, f.path("paging"), problems);
    if (body == null && (paging.cursorIn() == PagingSpec.ParamIn.BODY || paging.type() == PagingSpec.Type.GRAPHQL)) {
      problems.add(f.path("body"), "required by paging that sends its cursor in the request body");
    }
    TotalSpec total = total(f, problems);
    DeletesSpec deletes = deletes(f, problems);
    f.rejectUnknown(KNOWN);
    return new EndpointSpec(name, description, path == null ? "/" : path, params, headers,
        records == null ? "$" : records, primaryKey, schema, paging, method, body, incremental, parent, single,
        total, deletes);
  }

  /**
   * {@code deletes: {endpoint: NAME, key: [JSON_PATH, …]}}; the key is left empty here when absent (the target's
   * key names, filled in by {@code ConnectorParser} once every endpoint is read); null when absent or invalid.
   */
  private static DeletesSpec deletes(Fields f, Problems problems) {
    JsonNode node = f.get("deletes");
    if (node == null) {
      return null;
    }
    if (!node.isObject()) {
      problems.add(f.path("deletes"), "must be a mapping {endpoint: <name>, key: [<JSON path>, ...]}");
      return null;
    }
    Fields d = Fields.of(node, f.path("deletes"), problems);
    String endpoint = d.requiredString("endpoint");
    JsonNode keyNode = d.get("key");
    d.rejectUnknown(List.of("endpoint", "key"));
    List<String> key = new ArrayList<>();
    if (keyNode != null) {
      if (!keyNode.isArray() || keyNode.isEmpty()) {
        problems.add(d.path("key"), "must be a non-empty list of JSON paths into this endpoint's record");
        return null;
      }
      for (int i = 0; i < keyNode.size(); i++) {
        JsonNode p = keyNode.get(i);
        if (!p.isTextual()) {
          problems.add(d.path("key") + "[" + i + "]", "must be a JSON path, got " + SpecReader.describe(p));
          return null;
        }
        try {
          JsonPath.parse(p.textValue());
        } catch (IllegalArgumentException e) {
          problems.add(d.path("key") + "[" + i + "]", e.getMessage());
          return null;
        }
        key.add(p.textValue());
      }
    }
    return endpoint == null ? null : new DeletesSpec(endpoint, key);
  }

  /** {@code total: {header: NAME}} or {@code total: {path: JSON_PATH}}; null when absent or invalid. */
  private static TotalSpec total(Fields f, Problems problems) {
    JsonNode node = f.get("total");
    if (node == null) {
      return null;
    }
    if (!node.isObject()) {
      problems.add(f.path("total"), "must be a mapping {header: <name>} or {path: <JSON path>}");
      return null;
    }
    Fields t = Fields.of(node, f.path("total"), problems);
    String header = t.string("header");
    String path = t.string("path");
    t.rejectUnknown(List.of("header", "path"));
    if ((header == null) == (path == null)) {
      problems.add(f.path("total"), "needs exactly one of header and path");
      return null;
    }
    if (path != null) {
      try {
        JsonPath.parse(path);
      } catch (IllegalArgumentException e) {
        problems.add(t.path("path"), e.getMessage());
        return null;
      }
      return TotalSpec.path(path);
    }
    return TotalSpec.header(header);
  }

  /** Registers every string leaf of a body template. */
  private static void bodyTemplates(JsonNode node, String path, Problems problems) {
    if (node.isTextual()) {
      problems.template(path, node.textValue(), Namespace.CONFIG, Namespace.VARS, Namespace.PARENT,
          Namespace.INCREMENTAL);
    } else if (node.isObject()) {
      node.fields().forEachRemaining(e -> bodyTemplates(e.getValue(), path + "." + e.getKey(), problems));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        bodyTemplates(node.get(i), path + "[" + i + "]", problems);
      }
    }
  }

  /** A mapping of names to scalar templates ({@code params}, {@code headers}); registers the templates. */
  static Map<String, String> scalarMap(Fields parent, String key, boolean headerNames, Problems problems) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode node = parent.get(key);
    if (node == null) {
      return out;
    }
    Fields f = Fields.of(node, parent.path(key), problems);
    boolean endpointLevel = parent.path().startsWith("endpoints.");
    for (String name : f.keys()) {
      if (headerNames && !HeaderNames.isToken(name)) {
        problems.add(f.path(name), "not a valid header name");
      }
      String value = f.scalar(name);
      if (value != null) {
        out.put(name, value);
        if (endpointLevel) {
          problems.template(f.path(name), value, Namespace.CONFIG, Namespace.VARS, Namespace.PARENT,
              Namespace.INCREMENTAL);
        } else {
          problems.template(f.path(name), value, Namespace.CONFIG);
        }
      }
    }
    return out;
  }

  private static List<String> primaryKey(Fields f, Problems problems) {
    JsonNode node = f.get("primary_key");
    List<String> keys = new ArrayList<>();
    if (node == null) {
      return keys;
    }
    if (node.isTextual()) {
      keys.add(node.asText());
    } else if (node.isArray()) {
      node.forEach(n -> keys.add(n.isTextual() ? n.asText() : null));
    } else {
      problems.add(f.path("primary_key"), "must be a field name or a list of field names");
      return List.of();
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      if (key == null || key.isBlank()) {
        problems.add(f.path("primary_key") + "[" + i + "]", "must be a non-empty field name");
      } else if (!seen.add(key)) {
        problems.add(f.path("primary_key"), "field '" + key + "' listed twice");
      }
    }
    return List.copyOf(seen);
  }

  private static JsonNode schema(Fields f, List<String> primaryKey, Problems problems) {
    JsonNode schema = f.get("schema");
    if (schema == null) {
      return null;
    }
    String at = f.path("schema");
    if (!schema.isObject()) {
      problems.add(at, "must be a mapping (a JSON Schema of one record)");
      return null;
    }
    JsonNode type = schema.get("type");
    if (type != null && !(type.isTextual() && type.asText().equals("object"))) {
      problems.add(at + ".type", "must be 'object' (the schema of one record)");
    }
    JsonNode properties = schema.get("properties");
    if (properties != null && !properties.isObject()) {
      problems.add(at + ".properties", "must be a mapping of field names to schemas");
    } else if (properties != null) {
      for (String key : primaryKey) {
        if (!properties.has(key)) {
          problems.add(f.path("primary_key"), "field '" + key + "' is not in schema.properties");
        }
      }
    }
    return schema;
  }
}
