package dev.ingest.sinks.rows;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ingest.sinks.schema.MetadataColumns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private final FieldIndex index;
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
      i++;
    }
    this.index = new FieldIndex(names);
  }

  /** Converts one record given as JSON text; see {@link #convert(JsonParser, Slicer, String, long)}. */
  GenericRowData convert(String json, String runId, long ingestedAtMillis) throws RecordConversionException {
    if (json == null) {
      throw new RecordConversionException("record is null");
    }
    try (JsonParser p = JsonTokens.parser(json)) {
      return convert(p, (start, end) -> json.substring((int) start, (int) end), runId, ingestedAtMillis);
    } catch (IOException e) {
      throw invalid(e);
    }
  }

  /**
   * Converts one record given as UTF-8 bytes (the JSON text as the API sent it), read by a byte parser: no
   * decoding of the whole record into a {@code String} first. The same rows and errors as for its text.
   */
  GenericRowData convert(byte[] json, String runId, long ingestedAtMillis) throws RecordConversionException {
    if (json == null) {
      throw new RecordConversionException("record is null");
    }
    try (JsonParser p = JsonTokens.parser(json)) {
      return convert(p, (start, end) -> new String(json, (int) start, (int) (end - start), StandardCharsets.UTF_8),
          runId, ingestedAtMillis);
    } catch (IOException e) {
      throw invalid(e);
    }
  }

  /** The original text between two offsets of the parser's input (chars of a text, bytes of a byte array). */
  private interface Slicer {
    String slice(long start, long end);
  }

  /** The parser's offset of {@code location} in its input: chars for text input, bytes for byte input. */
  private static long offset(JsonLocation location) {
    return location.getCharOffset() >= 0 ? location.getCharOffset() : location.getByteOffset();
  }

  private static RecordConversionException invalid(IOException e) {
    return new RecordConversionException("invalid JSON: " + e.getMessage(), e);
  }

  /**
   * Converts one record in a single pass over its tokens. Fields without a column, and fields whose value
   * misfits (see {@link Conversion}), are copied to {@code _ingest_extra} in record order; a misfitting object or
   * array is copied from its original text once it has been read.
   */
  private GenericRowData convert(JsonParser p, Slicer original, String runId, long ingestedAtMillis)
      throws RecordConversionException, IOException {
    GenericRowData row = new GenericRowData(arity);
    String extraText;
    JsonToken first = p.nextToken();
    if (first != JsonToken.START_OBJECT) {
      throw notAnObject(p, first);
    }
    Conversion conversion = new Conversion();
    int next = 0;
    ExtraFields extra = null;
    boolean[] seen = new boolean[names.length];
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      int i = index.find(name, next);
      JsonToken t = p.nextToken();
      if (i < 0) {
        extra = ExtraFields.orNew(extra);
        extra.copy(name, p); // checks duplicates among the fields without a column
        continue;
      }
      if (seen[i]) {
        throw JsonTokens.duplicate(p, name);
      }
      seen[i] = true;
      next = i + 1;
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      long start = t.isStructStart() ? offset(p.currentTokenLocation()) : -1;
      conversion.misfit = false;
      row.setField(positions[i], converters[i].convert(p, conversion));
      if (conversion.misfit) {
        extra = ExtraFields.orNew(extra);
        if (start < 0) {
          extra.copy(name, p);
        } else {
          extra.copy(name, original.slice(start, offset(p.currentLocation())));
        }
      }
    }
    JsonToken trailing = p.nextToken();
    if (trailing != null) {
      throw trailing(trailing);
    }
    extraText = extra == null ? null : extra.finish();
    for (int i = 0; i < names.length; i++) {
      if (required[i] && row.isNullAt(positions[i])) {
        throw new RecordConversionException("no value for required column '" + names[i] + "'");
      }
    }
    if (extraText != null) {
      row.setField(extraPos, JsonTokens.string(extraText));
    }
    row.setField(runIdPos, runIdData(runId));
    row.setField(ingestedAtPos, TimestampData.fromEpochMillis(ingestedAtMillis));
    return row;
  }

  /** The error for a record that is not an object (after checking that it is valid JSON at all). */
  private static RecordConversionException notAnObject(JsonParser p, JsonToken first) throws IOException {
    if (first == null) {
      return new RecordConversionException("record is empty");
    }
    JsonTokens.text(p); // reads the value through, checking it is valid JSON (duplicate keys included)
    JsonToken trailing = p.nextToken();
    if (trailing != null) {
      return trailing(trailing);
    }
    return new RecordConversionException("record is a JSON " + JsonTokens.kind(first) + ", not an object");
  }

  private static RecordConversionException trailing(JsonToken token) {
    return new RecordConversionException("invalid JSON: Trailing token (of type " + token + ") found after the record");
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
