package dev.ingest.sinks.rows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sinks.schema.JsonRecords;
import dev.ingest.sinks.schema.MetadataColumns;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** The compiled form of a table schema: one converter per data column plus the metadata column positions. */
final class RecordConverter {

  private final int arity;
  private final String[] names;
  private final int[] positions;
  private final ValueConverter[] converters;
  private final boolean[] required;
  private final Set<String> dataColumns;
  private final int runIdPos;
  private final int ingestedAtPos;
  private final int extraPos;
  private volatile CachedRunId cachedRunId = new CachedRunId("", StringData.fromString(""));

  RecordConverter(Schema schema) {
    List<Types.NestedField> columns = schema.columns();
    this.arity = columns.size();
    Map<String, Integer> metadata = new HashMap<>();
    int data = 0;
    for (Types.NestedField c : columns) {
      if (MetadataColumns.isMetadata(c.name())) {
        metadata.put(c.name(), columns.indexOf(c));
      } else {
        data++;
      }
    }
    this.runIdPos = metadataPosition(schema, metadata, MetadataColumns.RUN_ID, Types.StringType.get());
    this.ingestedAtPos = metadataPosition(schema, metadata, MetadataColumns.INGESTED_AT, Types.TimestampType.withZone());
    this.extraPos = metadataPosition(schema, metadata, MetadataColumns.EXTRA, Types.StringType.get());
    this.names = new String[data];
    this.positions = new int[data];
    this.converters = new ValueConverter[data];
    this.required = new boolean[data];
    this.dataColumns = new HashSet<>();
    int i = 0;
    for (int pos = 0; pos < columns.size(); pos++) {
      Types.NestedField c = columns.get(pos);
      if (MetadataColumns.isMetadata(c.name())) {
        continue;
      }
      names[i] = c.name();
      positions[i] = pos;
      required[i] = c.isRequired();
      try {
        converters[i] = Converters.forType(c.type());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("column '" + c.name() + "': " + e.getMessage(), e);
      }
      dataColumns.add(c.name());
      i++;
    }
  }

  GenericRowData convert(String json, String runId, long ingestedAtMillis) throws RecordConversionException {
    ObjectNode record;
    try {
      record = JsonRecords.parseObject(json);
    } catch (IllegalArgumentException e) {
      throw new RecordConversionException(e.getMessage(), e);
    } catch (Exception e) {
      throw new RecordConversionException("invalid JSON: " + e.getMessage(), e);
    }
    GenericRowData row = new GenericRowData(arity);
    Conversion conversion = new Conversion();
    Set<String> misfits = null;
    int present = 0;
    for (int i = 0; i < names.length; i++) {
      JsonNode v = record.get(names[i]);
      if (v == null) {
        continue;
      }
      present++;
      if (v.isNull()) {
        continue;
      }
      conversion.misfit = false;
      row.setField(positions[i], converters[i].convert(v, conversion));
      if (conversion.misfit) {
        if (misfits == null) {
          misfits = new HashSet<>();
        }
        misfits.add(names[i]);
      }
    }
    for (int i = 0; i < names.length; i++) {
      if (required[i] && row.isNullAt(positions[i])) {
        throw new RecordConversionException("no value for required column '" + names[i] + "'");
      }
    }
    if (misfits != null || present < record.size()) {
      row.setField(extraPos, StringData.fromString(JsonRecords.toJson(extra(record, misfits))));
    }
    row.setField(runIdPos, runIdData(runId));
    row.setField(ingestedAtPos, TimestampData.fromEpochMillis(ingestedAtMillis));
    return row;
  }

  /** The record's fields that have no column or misfit theirs, in record order. */
  private ObjectNode extra(ObjectNode record, Set<String> misfits) {
    ObjectNode extra = JsonRecords.mapper().createObjectNode();
    for (Map.Entry<String, JsonNode> e : record.properties()) {
      String name = e.getKey();
      if (!dataColumns.contains(name) || (misfits != null && misfits.contains(name))) {
        extra.set(name, e.getValue());
      }
    }
    return extra;
  }

  private StringData runIdData(String runId) {
    CachedRunId cached = cachedRunId;
    if (cached.runId().equals(runId)) {
      return cached.data();
    }
    CachedRunId fresh = new CachedRunId(runId, StringData.fromString(runId));
    cachedRunId = fresh;
    return fresh.data();
  }

  private static int metadataPosition(Schema schema, Map<String, Integer> positions, String name, Type type) {
    Integer pos = positions.get(name);
    Types.NestedField field = schema.findField(name);
    if (pos == null || !field.type().equals(type)) {
      throw new IllegalArgumentException(
          "table schema needs the metadata column " + name + " " + type + " (use MetadataColumns.withMetadata)");
    }
    return pos;
  }

  private record CachedRunId(String runId, StringData data) {}
}
