package dev.ingest.sources.airbyte.runtime;

/** {@code AddedFieldDefinition.value_type}: casts an added value to {@code string}, {@code number}, {@code integer}
 * or {@code boolean}; without one the interpolated type stays. */
final class ValueTypes {
  private ValueTypes() {}

  static Object cast(Object value, Component field) {
    String type = field.field("value_type").isTextual() ? field.field("value_type").textValue()
        : field.field("value_type").path("type").asText("");
    if (value == null || type.isEmpty()) {
      return value;
    }
    String text = Templates.asText(value);
    try {
      return switch (type) {
        case "string" -> text;
        case "integer" -> Long.parseLong(text);
        case "number" -> Double.parseDouble(text);
        case "boolean" -> text.equalsIgnoreCase("true");
        default -> throw field.refuse("value_type '" + type + "' is not one of string, number, integer, boolean");
      };
    } catch (NumberFormatException e) {
      throw field.refuse("value '" + text + "' is not a " + type);
    }
  }
}
