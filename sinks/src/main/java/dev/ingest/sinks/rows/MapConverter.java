package dev.ingest.sinks.rows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.StringData;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * JSON object → {@link GenericMapData}. Keys are JSON names: string keys as is; int and long keys parsed as
 * decimal integers; other key types (date, timestamp, uuid, …) through that type's converter on the name's text.
 * A key that does not parse, or a null value of a required-value map, is a misfit for that entry.
 */
final class MapConverter implements ValueConverter {

  private final Type.TypeID keyType;
  private final ValueConverter keyConverter;
  private final ValueConverter valueConverter;
  private final boolean valueRequired;

  MapConverter(Types.MapType map) {
    this.keyType = map.keyType().typeId();
    this.keyConverter = Converters.forType(map.keyType());
    this.valueConverter = Converters.forType(map.valueType());
    this.valueRequired = map.isValueRequired();
  }

  @Override
  public Object convert(JsonNode value, Conversion conversion) {
    if (!value.isObject()) {
      return conversion.misfit();
    }
    Map<Object, Object> out = new LinkedHashMap<>(Math.max(4, value.size() * 2));
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      Object key = key(e.getKey(), conversion);
      JsonNode v = e.getValue();
      Object converted = v.isNull() ? null : valueConverter.convert(v, conversion);
      if (key == null || (converted == null && valueRequired)) {
        conversion.misfit();
        continue;
      }
      out.put(key, converted);
    }
    return new GenericMapData(out);
  }

  private Object key(String name, Conversion conversion) {
    try {
      return switch (keyType) {
        case STRING -> StringData.fromString(name);
        case LONG -> Long.parseLong(name);
        case INTEGER -> Integer.parseInt(name);
        default -> keyConverter.convert(TextNode.valueOf(name), conversion);
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
