package dev.ingest.jobs.spec;

import dev.ingest.sinks.write.WriteMode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sinks.write.Partitioning;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.SpecReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an endpoint's table options, {@code primary_key} and {@code partition_by}, and checks them against its
 * write mode: a key only for upsert (the connector's declared key by default), and an upsert table partitioned only
 * by a key column.
 */
final class TableOptionsParser {
  private static final Pattern PARTITION_BY = Pattern.compile("([a-z]+)\\(\\s*([^()\\s]+)\\s*\\)");

  private TableOptionsParser() {}

  /** Checks the write mode against the key and partitioning; null (with errors recorded) when they conflict. */
  static EndpointSelection selection(SpecReader r, String path, ConnectorSpec connector, String name,
      WriteMode mode, List<String> ownKey, Partitioning partitioning) {
    return selection(r, path, connector, name, mode, ownKey, partitioning, false);
  }

  /**
   * As {@link #selection(SpecReader, String, ConnectorSpec, String, WriteMode, List, Partitioning)}, with
   * {@code keep_deleted}: only with write_mode full_refresh, and only with a primary key (the endpoint's own or the
   * connector's), which identifies a row across runs.
   */
  static EndpointSelection selection(SpecReader r, String path, ConnectorSpec connector, String name,
      WriteMode mode, List<String> ownKey, Partitioning partitioning, boolean keepDeleted) {
    List<String> declared = connector == null ? List.of() : connector.endpoints().get(name).primaryKey();
    List<String> key = ownKey != null ? ownKey : declared;
    if (keepDeleted) {
      if (mode != WriteMode.FULL_REFRESH) {
        r.error(SpecReader.path(path, "keep_deleted"), "only used with write_mode full_refresh (this endpoint is "
            + mode.yamlName() + ")");
        return null;
      }
      if (key.isEmpty()) {
        r.error(SpecReader.path(path, "keep_deleted"), "needs a primary key to tell which rows disappeared: "
            + "connector " + (connector == null ? "" : connector.name() + " ") + "declares none for endpoint "
            + name + "; set " + SpecReader.path(path, "primary_key"));
        return null;
      }
      return new EndpointSelection(name, mode, key, partitioning, true);
    }
    if (mode != WriteMode.UPSERT) {
      if (ownKey != null) {
        r.error(SpecReader.path(path, "primary_key"), "only used with write_mode upsert, or full_refresh with keep_deleted (this endpoint is "
            + mode.yamlName() + ")");
        return null;
      }
      return new EndpointSelection(name, mode, List.of(), partitioning);
    }
    if (key.isEmpty()) {
      r.error(SpecReader.path(path, "primary_key"), "required for write_mode upsert: connector "
          + (connector == null ? "" : connector.name() + " ") + "declares no primary key for endpoint " + name);
      return null;
    }
    if (partitioning != null && partitioning.sourceColumn().filter(c -> !key.contains(c)).isPresent()) {
      r.error(SpecReader.path(path, "partition_by"), "an upsert table can only be partitioned by a primary-key "
          + "column " + key + " (an equality delete reaches only its own partition), got " + partitioning);
      return null;
    }
    return new EndpointSelection(name, mode, key, partitioning);
  }

  /** {@code keep_deleted}: a boolean, false when absent; false (with an error recorded) when not a boolean. */
  static boolean keepDeleted(JsonNode item, SpecReader r, String path) {
    JsonNode node = item.get("keep_deleted");
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      r.error(SpecReader.path(path, "keep_deleted"), "expected true or false, got " + SpecReader.describe(node));
      return false;
    }
    return node.booleanValue();
  }

  /** {@code primary_key}: a column name or a non-empty list of distinct ones; null when absent or malformed. */
  static List<String> primaryKey(JsonNode item, SpecReader r, String path) {
    JsonNode node = item.get("primary_key");
    String field = SpecReader.path(path, "primary_key");
    if (node == null || node.isNull()) {
      return null;
    }
    List<String> key = new ArrayList<>();
    if (node.isTextual()) {
      key.add(node.textValue());
    } else if (node.isArray() && !node.isEmpty()) {
      for (JsonNode column : node) {
        if (!column.isTextual() || column.textValue().isBlank()) {
          r.error(field, "expected column names, got " + SpecReader.describe(column));
          return null;
        }
        key.add(column.textValue());
      }
    } else {
      r.error(field, "expected a column name or a non-empty list of column names, got " + SpecReader.describe(node));
      return null;
    }
    if (key.stream().distinct().count() != key.size()) {
      r.error(field, "lists a column twice: " + key);
      return null;
    }
    return key;
  }

  /** {@code none}, or {@code transform(column)} with a transform of {@link Partitioning#TRANSFORMS}. */
  static Partitioning partitionBy(JsonNode item, SpecReader r, String path) {
    Optional<String> text = r.optionalString(item, path, "partition_by");
    if (text.isEmpty()) {
      return null;
    }
    if (text.get().equals("none")) {
      return Partitioning.NONE;
    }
    var m = PARTITION_BY.matcher(text.get().trim());
    if (!m.matches() || !Partitioning.TRANSFORMS.contains(m.group(1))) {
      r.error(SpecReader.path(path, "partition_by"), "expected none or TRANSFORM(column) with TRANSFORM one of "
          + Partitioning.TRANSFORMS + ", e.g. day(updated_at); got '" + text.get() + "'");
      return null;
    }
    return Partitioning.of(m.group(2), m.group(1));
  }
}
