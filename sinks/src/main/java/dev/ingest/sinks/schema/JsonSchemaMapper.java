package dev.ingest.sinks.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Maps a connector-declared JSON Schema (a small subset) to an endpoint table's data columns.
 *
 * <p>Supported: the root is {@code {"type": "object", "properties": {...}}}; each property has a {@code type}
 * that is one name or a list of one name plus {@code "null"}. {@code string} → string ({@code format:
 * date-time} → timestamptz, {@code format: date} → date), {@code integer} → long ({@code format: int32} → int),
 * {@code number} → double ({@code format: float} → float),
 * {@code boolean} → boolean, {@code object} with {@code properties} → struct, {@code object} without properties
 * → string holding JSON text, {@code array} with {@code items} → list of the item type, {@code array} without
 * items → string holding JSON text. {@code required} is ignored: every column is optional, since an API's
 * promises are not enforced by the table. Anything else ({@code $ref}, {@code anyOf}, unknown types, a
 * missing type) fails with a {@link SchemaMappingException} naming the property path. Nesting deeper than
 * {@link SchemaInference#MAX_DEPTH} maps to a string column, like inference does.
 */
public final class JsonSchemaMapper {

  private static final String ROOT = "(root)";

  private JsonSchemaMapper() {}

  /**
   * The data columns the declared schema describes, in declaration order.
   *
   * @throws SchemaMappingException when the schema uses something outside the subset
   */
  public static Schema fromJsonSchema(JsonNode declared) {
    if (declared == null || !declared.isObject()) {
      throw new SchemaMappingException(ROOT, "schema must be a JSON object");
    }
    String type = typeName(declared, ROOT);
    if (!"object".equals(type)) {
      throw new SchemaMappingException(ROOT, "type must be 'object', was '" + type + "'");
    }
    JsonNode properties = declared.get("properties");
    if (properties == null || !properties.isObject() || properties.isEmpty()) {
      throw new SchemaMappingException(ROOT, "properties: required, a non-empty object");
    }
    int[] ids = {0};
    return new Schema(fields(properties, "", 1, ids));
  }

  private static List<Types.NestedField> fields(JsonNode properties, String prefix, int depth, int[] ids) {
    List<Types.NestedField> out = new ArrayList<>(properties.size());
    Set<String> taken = new HashSet<>();
    for (Map.Entry<String, JsonNode> e : properties.properties()) {
      String name = e.getKey();
      String path = prefix + name;
      if (name.isEmpty()) {
        throw new SchemaMappingException(prefix.isEmpty() ? ROOT : prefix, "empty property name");
      }
      if (prefix.isEmpty() && MetadataColumns.isMetadata(name)) {
        throw new SchemaMappingException(path, "name is reserved for a metadata column");
      }
      int id = ++ids[0];
      Type type = type(e.getValue(), path, depth, ids);
      String clash = FullNames.claim(FullNames.of(name, type), taken);
      if (clash != null) {
        throw new SchemaMappingException(path, "dotted name '" + prefix + clash + "' is used twice");
      }
      out.add(Types.NestedField.optional(id, name, type));
    }
    return out;
  }

  private static String formatOf(JsonNode schema) {
    JsonNode format = schema.get("format");
    return format == null ? "" : format.asText();
  }

  private static Type type(JsonNode schema, String path, int depth, int[] ids) {
    if (!schema.isObject()) {
      throw new SchemaMappingException(path, "property schema must be a JSON object");
    }
    for (String unsupported : new String[] {"$ref", "anyOf", "oneOf", "allOf", "not"}) {
      if (schema.has(unsupported)) {
        throw new SchemaMappingException(path, "'" + unsupported + "' is not supported");
      }
    }
    String type = typeName(schema, path);
    switch (type) {
      case "string":
        JsonNode format = schema.get("format");
        String f = format == null ? "" : format.asText();
        return switch (f) {
          case "date-time" -> Types.TimestampType.withZone();
          case "date" -> Types.DateType.get();
          default -> Types.StringType.get();
        };
      case "integer":
        return "int32".equals(formatOf(schema)) ? Types.IntegerType.get() : Types.LongType.get();
      case "number":
        return "float".equals(formatOf(schema)) ? Types.FloatType.get() : Types.DoubleType.get();
      case "boolean":
        return Types.BooleanType.get();
      case "object":
        JsonNode properties = schema.get("properties");
        if (properties != null && !properties.isObject()) {
          throw new SchemaMappingException(path + ".properties", "must be an object");
        }
        if (properties == null || properties.isEmpty() || depth >= SchemaInference.MAX_DEPTH) {
          return Types.StringType.get();
        }
        return Types.StructType.of(fields(properties, path + ".", depth + 1, ids));
      case "array":
        JsonNode items = schema.get("items");
        if (items == null || depth >= SchemaInference.MAX_DEPTH) {
          return Types.StringType.get();
        }
        int elementId = ++ids[0];
        return Types.ListType.ofOptional(elementId, type(items, path + ".items", depth + 1, ids));
      default:
        throw new SchemaMappingException(path, "unsupported type '" + type + "'");
    }
  }

  private static String typeName(JsonNode schema, String path) {
    JsonNode type = schema.get("type");
    if (type == null) {
      throw new SchemaMappingException(path, "type: required");
    }
    if (type.isTextual()) {
      return type.textValue();
    }
    if (type.isArray()) {
      String single = null;
      for (JsonNode t : type) {
        if (!t.isTextual()) {
          throw new SchemaMappingException(path, "type: list entries must be strings");
        }
        if ("null".equals(t.textValue())) {
          continue;
        }
        if (single != null) {
          throw new SchemaMappingException(path, "type: only one non-null type is supported, got " + type);
        }
        single = t.textValue();
      }
      if (single == null) {
        throw new SchemaMappingException(path, "type: null-only properties are not supported");
      }
      return single;
    }
    throw new SchemaMappingException(path, "type: must be a string or a list of strings");
  }
}
