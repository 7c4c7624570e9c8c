package dev.ingest.tools.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.DateTimeUtil;
import dev.ingest.sinks.time.IsoTimestamps;

/**
 * The ceiling loop's parser: reads one JSON object from a Jackson token stream straight into an Iceberg generic
 * {@link Record} of a table schema, without building a tree. Fields are matched to columns through a map built once
 * per struct type; fields without a column and values of another JSON kind are skipped (the benchmark's records
 * have neither, so nothing is lost; the pipeline would keep them in {@code _ingest_extra}).
 */
final class RecordReader {
  private final Struct root;

  RecordReader(Types.StructType schema) {
    this.root = new Struct(schema);
  }

  /** A new record with only the columns {@code parser}'s current object (at {@code START_OBJECT}) fills. */
  Record read(JsonParser parser) throws IOException {
    return root.read(parser);
  }

  /** One struct type: its columns by name, and the record template. */
  private static final class Struct {
    private final GenericRecord template;
    private final Map<String, Column> columns = new HashMap<>();

    Struct(Types.StructType type) {
      this.template = GenericRecord.create(type);
      List<Types.NestedField> fields = type.fields();
      for (int i = 0; i < fields.size(); i++) {
        columns.put(fields.get(i).name(), new Column(i, fields.get(i).type()));
      }
    }

    Record read(JsonParser parser) throws IOException {
      GenericRecord record = template.copy();
      for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
        Column column = columns.get(parser.currentName());
        JsonToken value = parser.nextToken();
        if (column == null || value == JsonToken.VALUE_NULL) {
          parser.skipChildren();
        } else {
          record.set(column.position, column.read(parser, value));
        }
      }
      return record;
    }
  }

  /** One column: its position and how to read its type from the current token. */
  private static final class Column {
    private final int position;
    private final Type type;
    private final Struct struct;
    private final Column element;

    Column(int position, Type type) {
      this.position = position;
      this.type = type;
      this.struct = type.isStructType() ? new Struct(type.asStructType()) : null;
      this.element = type.isListType() ? new Column(0, type.asListType().elementType()) : null;
    }

    Object read(JsonParser parser, JsonToken token) throws IOException {
      switch (type.typeId()) {
        case STRING:
          return token == JsonToken.VALUE_STRING ? parser.getText() : skip(parser);
        case LONG:
          return token == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : skip(parser);
        case INTEGER:
          return token == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : skip(parser);
        case DOUBLE:
          return token.isNumeric() ? parser.getDoubleValue() : skip(parser);
        case BOOLEAN:
          return token.isBoolean() ? token == JsonToken.VALUE_TRUE : skip(parser);
        case TIMESTAMP:
          if (token != JsonToken.VALUE_STRING) {
            return skip(parser);
          }
          boolean utc = ((Types.TimestampType) type).shouldAdjustToUTC();
          long micros = IsoTimestamps.parseMicros(parser.getText(), utc);
          return utc ? DateTimeUtil.timestamptzFromMicros(micros) : DateTimeUtil.timestampFromMicros(micros);
        case STRUCT:
          return token == JsonToken.START_OBJECT ? struct.read(parser) : skip(parser);
        case LIST:
          if (token != JsonToken.START_ARRAY) {
            return skip(parser);
          }
          List<Object> list = new ArrayList<>();
          for (JsonToken e = parser.nextToken(); e != JsonToken.END_ARRAY; e = parser.nextToken()) {
            list.add(e == JsonToken.VALUE_NULL ? null : element.read(parser, e));
          }
          return list;
        default:
          return skip(parser);
      }
    }

    private static Object skip(JsonParser parser) throws IOException {
      parser.skipChildren();
      return null;
    }
  }
}
