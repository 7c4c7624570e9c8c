package dev.ingest.sinks.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * Computes which columns an incoming schema adds to an existing one, by name and case-sensitively, at every
 * struct level (also inside lists and map values). Existing columns are never changed: where the incoming type
 * differs, the existing type wins and the converter routes misfitting values. The result is fed to
 * {@code UpdateSchema.unionByNameWith}, which then only adds the missing optional columns.
 */
final class SchemaUnion {

  private int nextId;
  private boolean changed;

  private SchemaUnion(Schema existing) {
    this.nextId = existing.highestFieldId();
  }

  /** The existing schema plus the incoming schema's missing columns, or empty when nothing is missing. */
  static Optional<Schema> missingColumns(Schema existing, Schema incoming) {
    SchemaUnion union = new SchemaUnion(existing);
    Types.StructType merged = union.struct(existing.asStruct(), incoming.asStruct());
    return union.changed ? Optional.of(new Schema(merged.fields())) : Optional.empty();
  }

  private Types.StructType struct(Types.StructType current, Types.StructType incoming) {
    List<Types.NestedField> fields = new ArrayList<>(current.fields().size());
    for (Types.NestedField field : current.fields()) {
      Types.NestedField other = incoming.field(field.name());
      Type type = other == null ? field.type() : type(field.type(), other.type());
      fields.add(type == field.type() ? field : Types.NestedField.from(field).ofType(type).build());
    }
    for (Types.NestedField other : incoming.fields()) {
      if (current.field(other.name()) == null) {
        changed = true;
        Type fresh = TypeUtil.assignFreshIds(other.type(), () -> ++nextId);
        fields.add(Types.NestedField.optional(++nextId, other.name(), fresh, other.doc()));
      }
    }
    return Types.StructType.of(fields);
  }

  private Type type(Type current, Type incoming) {
    if (current.isStructType() && incoming.isStructType()) {
      Types.StructType merged = struct(current.asStructType(), incoming.asStructType());
      return merged.equals(current) ? current : merged;
    }
    if (current.isListType() && incoming.isListType()) {
      Types.ListType list = current.asListType();
      Type element = type(list.elementType(), incoming.asListType().elementType());
      if (element == list.elementType()) {
        return current;
      }
      return list.isElementOptional()
          ? Types.ListType.ofOptional(list.elementId(), element)
          : Types.ListType.ofRequired(list.elementId(), element);
    }
    if (current.isMapType() && incoming.isMapType()) {
      Types.MapType map = current.asMapType();
      Type value = type(map.valueType(), incoming.asMapType().valueType());
      if (value == map.valueType()) {
        return current;
      }
      return map.isValueOptional()
          ? Types.MapType.ofOptional(map.keyId(), map.valueId(), map.keyType(), value)
          : Types.MapType.ofRequired(map.keyId(), map.valueId(), map.keyType(), value);
    }
    return current;
  }
}
