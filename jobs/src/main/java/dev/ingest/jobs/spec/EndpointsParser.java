package dev.ingest.jobs.spec;

import dev.ingest.sinks.write.WriteMode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sinks.write.Partitioning;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.DeletesSpec;
import dev.ingest.sources.spec.SpecReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a pipeline's {@code endpoints} list: which of the connector's endpoints it lands, each given by name or as
 * a mapping with its own {@code write_mode}, {@code primary_key}, {@code partition_by} and {@code keep_deleted}
 * ({@link TableOptionsParser}). Unknown and repeated endpoints are errors.
 */
final class EndpointsParser {
  private static final Set<String> KEYS = Set.of("name", "write_mode", "primary_key", "partition_by", "keep_deleted");
  private static final int MAX_ENDPOINTS = 500;

  private EndpointsParser() {}

  /**
   * The selected endpoints, in the order listed. {@code defaultMode} (the pipeline's top-level {@code write_mode})
   * applies where an endpoint names none; when it is null too, the endpoint gets {@link WriteModeDefaults#of}.
   */
  static List<EndpointSelection> parse(JsonNode root, SpecReader r, ConnectorSpec connector,
      WriteMode defaultMode) {
    JsonNode list = root.get("endpoints");
    List<EndpointSelection> out = new ArrayList<>();
    if (list == null || list.isNull()) {
      r.error("endpoints", "required: tick at least one endpoint"
          + (connector == null ? "" : " of " + connector.endpoints().keySet()));
      return out;
    }
    if (!list.isArray()) {
      r.error("endpoints", "expected a list, got " + SpecReader.describe(list));
      return out;
    }
    if (list.isEmpty()) {
      r.error("endpoints", "tick at least one endpoint");
    }
    if (list.size() > MAX_ENDPOINTS) {
      r.error("endpoints", "at most " + MAX_ENDPOINTS + " endpoints per pipeline, got " + list.size());
      return out;
    }
    Set<String> seen = new HashSet<>();
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      EndpointSelection selection = item(list.get(i), "endpoints[" + i + "]", r, connector, defaultMode, seen);
      if (selection != null) {
        out.add(selection);
        positions.put(selection.name(), i);
      }
    }
    checkDeletions(out, positions, r, connector);
    return out;
  }

  /**
   * A deletions endpoint (connector key {@code deletes}) deletes rows of its target when the target is written as an
   * upsert, by the connector's key (the key its records carry: another key is an error); otherwise (the target
   * appends, or is not listed) it only lands in its own table.
   */
  private static void checkDeletions(List<EndpointSelection> selections, Map<String, Integer> positions,
      SpecReader r, ConnectorSpec connector) {
    if (connector == null) {
      return;
    }
    for (EndpointSelection selection : selections) {
      DeletesSpec deletes = connector.endpoints().get(selection.name()).deletes();
      if (deletes == null || !positions.containsKey(deletes.endpoint())) {
        continue;
      }
      EndpointSelection target = selections.get(indexOf(selections, deletes.endpoint()));
      List<String> declared = connector.endpoints().get(deletes.endpoint()).primaryKey();
      if (target.writeMode() == WriteMode.UPSERT && !target.primaryKey().equals(declared)) {
        r.error("endpoints[" + positions.get(target.name()) + "].primary_key", "'" + selection.name()
            + "' deletes rows of '" + target.name() + "' by the connector's key " + declared + ", not "
            + target.primaryKey());
      }
    }
  }

  private static int indexOf(List<EndpointSelection> selections, String name) {
    for (int i = 0; i < selections.size(); i++) {
      if (selections.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** One list item at {@code path}; null (with errors recorded, or for a nameless mapping) when it is unusable. */
  private static EndpointSelection item(JsonNode item, String path, SpecReader r, ConnectorSpec connector,
      WriteMode defaultMode, Set<String> seen) {
    String name;
    WriteMode mode = defaultMode;
    List<String> key = null;
    Partitioning partitioning = null;
    boolean keepDeleted = false;
    if (item.isTextual()) {
      name = item.textValue();
    } else if (item.isObject()) {
      r.onlyKeys(item, path, KEYS);
      name = r.requiredString(item, path, "name");
      WriteMode own = WriteModeParser.parse(item, r, path);
      if (own != null) {
        mode = own;
      }
      key = TableOptionsParser.primaryKey(item, r, path);
      partitioning = TableOptionsParser.partitionBy(item, r, path);
      keepDeleted = TableOptionsParser.keepDeleted(item, r, path);
    } else {
      r.error(path, "expected an endpoint name or a mapping with name, got " + SpecReader.describe(item));
      return null;
    }
    if (name == null) {
      return null;
    }
    if (connector != null && !connector.endpoints().containsKey(name)) {
      r.error(path, "unknown endpoint '" + name + "' of connector " + connector.name()
          + " (expected one of " + connector.endpoints().keySet() + ")");
      return null;
    }
    if (!seen.add(name)) {
      r.error(path, "endpoint '" + name + "' is listed twice");
      return null;
    }
    if (mode == null) {
      mode = connector == null ? WriteMode.APPEND : WriteModeDefaults.of(connector.endpoints().get(name), key);
    }
    return TableOptionsParser.selection(r, path, connector, name, mode, key, partitioning, keepDeleted);
  }
}
