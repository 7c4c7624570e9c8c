package dev.ingest.sinks.rows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.iceberg.types.Types;

/**
 * JSON object → {@link GenericRowData} for a nested struct column. Fields are looked up by name; keys the struct
 * has no field for, and fields that misfit, mark the enclosing top-level field as a misfit (its original value
 * is kept in {@code _ingest_extra}) while the fields that fit are still converted. A null for a required field
 * makes the whole struct null.
 */
final class StructConverter implements ValueConverter {

  private final String[] names;
  private final FieldIndex index;
  private final ValueConverter[] converters;
  private final boolean[] required;

  StructConverter(Types.StructType struct) {
    List<Types.NestedField> fields = struct.fields();
    int n = fields.size();
    this.names = new String[n];
    this.converters = new ValueConverter[n];
    this.required = new boolean[n];
    for (int i = 0; i < n; i++) {
      Types.NestedField f = fields.get(i);
      names[i] = f.name();
      converters[i] = Converters.forType(f.type());
      required[i] = f.isRequired();
    }
    this.index = new FieldIndex(names);
  }

  @Override
  public Object convert(JsonParser p, Conversion conversion) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return conversion.misfit(p);
    }
    GenericRowData row = new GenericRowData(names.length);
    boolean[] seen = new boolean[names.length];
    int next = 0;
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      int i = index.find(name, next);
      JsonToken t = p.nextToken();
      if (i < 0) {
        conversion.misfit(p); // the enclosing field is copied to _ingest_extra, which checks the skipped keys
        continue;
      }
      if (seen[i]) {
        throw JsonTokens.duplicate(p, name);
      }
      seen[i] = true;
      next = i + 1;
      if (t != JsonToken.VALUE_NULL) {
        row.setField(i, converters[i].convert(p, conversion));
      }
    }
    for (int i = 0; i < names.length; i++) {
      if (required[i] && row.isNullAt(i)) {
        return conversion.misfit();
      }
    }
    return row;
  }
}
