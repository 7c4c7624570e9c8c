package dev.ingest.sinks.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * Computes how an incoming schema evolves an existing one, by name and case-sensitively, at every struct level
 * (also inside lists and map values): missing columns are added as optional columns, and the two safe Iceberg
 * promotions widen a column ({@code int → long}, {@code float → double}). Any other type difference keeps the
 * existing type, and the converter routes values that do not fit to {@code _ingest_extra} (the one rule for
 * incompatible changes, see docs/tables.md). The result is fed to {@code UpdateSchema.unionByNameWith}.
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
    if (isWidening(current, incoming)) {
      changed = true;
      return incoming;
    }
    return current;
  }

  /** The promotions applied automatically; both are lossless for every value of the narrower type. */
  static boolean isWidening(Type current, Type incoming) {
    return (current.typeId() == Type.TypeID.INTEGER && incoming.typeId() == Type.TypeID.LONG)
        || (current.typeId() == Type.TypeID.FLOAT && incoming.typeId() == Type.TypeID.DOUBLE);
  }
}
