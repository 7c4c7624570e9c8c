package dev.ingest.sinks.rows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.iceberg.types.Types;

/** JSON array → {@link GenericArrayData}; a null element of a required-element list makes the list null. */
final class ListConverter implements ValueConverter {

  private final ValueConverter element;
  private final boolean elementRequired;

  ListConverter(Types.ListType list) {
    this.element = Converters.forType(list.elementType());
    this.elementRequired = list.isElementRequired();
  }

  @Override
  public Object convert(JsonParser p, Conversion conversion) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      return conversion.misfit(p);
    }
    List<Object> out = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      Object item = t == JsonToken.VALUE_NULL ? null : element.convert(p, conversion);
      if (item == null && elementRequired) {
        JsonTokens.skipRest(p);
        return conversion.misfit();
      }
      out.add(item);
    }
    return new GenericArrayData(out.toArray());
  }
}
