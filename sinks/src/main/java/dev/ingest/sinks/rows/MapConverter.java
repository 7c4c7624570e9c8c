package dev.ingest.sinks.rows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.table.data.GenericMapData;
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
  public Object convert(JsonParser p, Conversion conversion) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return conversion.misfit(p);
    }
    Map<Object, Object> out = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      if (!names.add(name)) {
        throw JsonTokens.duplicate(p, name);
      }
      Object key = key(name, conversion);
      JsonToken t = p.nextToken();
      Object converted = t == JsonToken.VALUE_NULL ? null : valueConverter.convert(p, conversion);
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
        case STRING -> JsonTokens.string(name);
        case LONG -> Long.parseLong(name);
        case INTEGER -> Integer.parseInt(name);
        default -> keyConverter instanceof ScalarConverter scalar ? scalar.text(name, conversion) : conversion.misfit();
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
