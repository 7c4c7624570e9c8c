package dev.ingest.sinks.rows;

import com.fasterxml.jackson.databind.JsonNode;
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
  public Object convert(JsonNode value, Conversion conversion) {
    if (!value.isArray()) {
      return conversion.misfit();
    }
    int n = value.size();
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      JsonNode item = value.get(i);
      out[i] = item.isNull() ? null : element.convert(item, conversion);
      if (out[i] == null && elementRequired) {
        return conversion.misfit();
      }
    }
    return new GenericArrayData(out);
  }
}
