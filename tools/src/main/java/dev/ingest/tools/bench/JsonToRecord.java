package dev.ingest.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The ceiling loop's conversion: a parsed JSON object to an Iceberg generic {@link Record} of a table schema, the
 * plain-Java equivalent of the pipeline's row conversion (no dead letters, no metadata beyond the run id).
 */
final class JsonToRecord {
  private final Schema schema;

  JsonToRecord(Schema schema) {
    this.schema = schema;
  }

  Record convert(JsonNode json) {
    return struct(schema.asStruct(), json);
  }

  private Record struct(Types.StructType type, JsonNode json) {
    GenericRecord record = GenericRecord.create(type);
    for (Types.NestedField field : type.fields()) {
      JsonNode value = json.get(field.name());
      if (value != null && !value.isNull()) {
        record.setField(field.name(), value(field.type(), value));
      }
    }
    return record;
  }

  private Object value(Type type, JsonNode json) {
    return switch (type.typeId()) {
      case STRUCT -> json.isObject() ? struct(type.asStructType(), json) : null;
      case LIST -> {
        List<Object> list = new ArrayList<>(json.size());
        json.forEach(e -> list.add(e.isNull() ? null : value(type.asListType().elementType(), e)));
        yield list;
      }
      case STRING -> json.isTextual() ? json.textValue() : json.toString();
      case LONG -> json.asLong();
      case INTEGER -> json.asInt();
      case DOUBLE -> json.asDouble();
      case FLOAT -> (float) json.asDouble();
      case BOOLEAN -> json.asBoolean();
      case TIMESTAMP -> ((Types.TimestampType) type).shouldAdjustToUTC()
          ? OffsetDateTime.parse(json.asText()) : OffsetDateTime.parse(json.asText()).toLocalDateTime();
      case DATE -> LocalDate.parse(json.asText());
      default -> json.asText();
    };
  }
}
