package dev.ingest.sources.airbyte;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The form a user fills in for a manifest, read from its {@code spec.connection_specification} (JSON Schema):
 * fields in {@code order} (then declaration order) with {@code title}, {@code description}, {@code type},
 * {@code default}, {@code enum}, whether {@code required}, and whether {@code airbyte_secret} (those go to the
 * secret store, never inline); an object property with {@code oneOf} is a choice of variants (auth methods), each
 * with its discriminator (the property with a {@code const}, such as {@code auth_type}) and its own fields. Paths
 * are the config keys a pipeline uses: {@code start_date}, {@code credentials.client_id}.
 */
public record CredentialForm(List<Field> fields, List<Choice> choices) {

  /** One input. */
  public record Field(String path, String title, String description, String type, boolean required,
      boolean secret, String defaultValue, List<String> options, String constant) {}

  /** An object property whose value is one of several variants ({@code oneOf}). */
  public record Choice(String path, String title, String description, boolean required, List<Variant> variants) {}

  /** One variant: its title, the discriminator field and value that select it, and its fields. */
  public record Variant(String title, String discriminator, String value, List<Field> fields) {}

  /** The form of {@code connectionSpecification}. */
  public static CredentialForm of(JsonNode connectionSpecification) {
    List<Field> fields = new ArrayList<>();
    List<Choice> choices = new ArrayList<>();
    List<String> required = texts(connectionSpecification.path("required"));
    for (Map.Entry<String, JsonNode> p : ordered(connectionSpecification.path("properties"))) {
      JsonNode property = p.getValue();
      boolean isRequired = required.contains(p.getKey());
      if (property.path("oneOf").isArray() && !property.path("oneOf").isEmpty()) {
        List<Variant> variants = new ArrayList<>();
        for (JsonNode variant : property.path("oneOf")) {
          List<Field> variantFields = fields(variant, p.getKey() + ".");
          Field discriminator = variantFields.stream().filter(f -> f.constant() != null).findFirst().orElse(null);
          variants.add(new Variant(variant.path("title").asText(""), discriminator == null ? null
              : discriminator.path(), discriminator == null ? null : discriminator.constant(), variantFields));
        }
        choices.add(new Choice(p.getKey(), property.path("title").asText(p.getKey()),
            property.path("description").asText(""), isRequired, variants));
      } else if (property.path("properties").isObject()) {
        fields.addAll(fields(property, p.getKey() + "."));
      } else {
        fields.add(field(p.getKey(), property, isRequired));
      }
    }
    return new CredentialForm(List.copyOf(fields), List.copyOf(choices));
  }

  private static List<Field> fields(JsonNode object, String prefix) {
    List<String> required = texts(object.path("required"));
    List<Field> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> p : ordered(object.path("properties"))) {
      out.add(field(prefix + p.getKey(), p.getValue(), required.contains(p.getKey())));
    }
    return out;
  }

  private static Field field(String path, JsonNode p, boolean required) {
    JsonNode type = p.path("type");
    String typeName = type.isArray() ? texts(type).stream().filter(t -> !t.equals("null")).findFirst()
        .orElse("string") : type.asText("string");
    return new Field(path, p.path("title").asText(path.substring(path.lastIndexOf('.') + 1)),
        p.path("description").asText(""), typeName, required, p.path("airbyte_secret").asBoolean(false),
        p.has("default") ? p.get("default").asText() : null, texts(p.path("enum")),
        p.has("const") ? p.get("const").asText() : null);
  }

  private static List<Map.Entry<String, JsonNode>> ordered(JsonNode properties) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    properties.fields().forEachRemaining(out::add);
    // stable: properties without an order keep their declaration order after the ordered ones
    out.sort(Comparator.comparingInt(e -> e.getValue().path("order").asInt(Integer.MAX_VALUE)));
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The form as JSON (the control API's and the dashboard's shape). */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    fields(node.putArray("fields"), fields);
    ArrayNode out = node.putArray("choices");
    for (Choice c : choices) {
      ObjectNode choice = out.addObject().put("path", c.path()).put("title", c.title())
          .put("description", c.description()).put("required", c.required());
      ArrayNode variants = choice.putArray("variants");
      for (Variant v : c.variants()) {
        ObjectNode variant = variants.addObject().put("title", v.title()).put("discriminator", v.discriminator())
            .put("value", v.value());
        fields(variant.putArray("fields"), v.fields());
      }
    }
    return node;
  }

  private static void fields(ArrayNode out, List<Field> fields) {
    for (Field f : fields) {
      ObjectNode field = out.addObject().put("path", f.path()).put("title", f.title())
          .put("description", f.description()).put("type", f.type()).put("required", f.required())
          .put("secret", f.secret());
      if (f.defaultValue() != null) {
        field.put("default", f.defaultValue());
      }
      if (f.constant() != null) {
        field.put("const", f.constant());
      }
      if (!f.options().isEmpty()) {
        ArrayNode options = field.putArray("enum");
        f.options().forEach(options::add);
      }
    }
  }

  /** The form as text lines, for {@code ./ingest connectors inspect} and {@code ./ingest check}. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("credential form (secret fields go to the secret named by credentials.secret):");
    fields.forEach(f -> lines.add("  " + describe(f)));
    for (Choice c : choices) {
      lines.add("  " + c.path() + ": " + c.title() + (c.required() ? ", required" : "") + ", one of:");
      for (Variant v : c.variants()) {
        lines.add("    " + (v.discriminator() == null ? "" : v.discriminator() + " = " + v.value() + ": ")
            + v.title());
        v.fields().stream().filter(f -> f.constant() == null).forEach(f -> lines.add("      " + describe(f)));
      }
    }
    return lines;
  }

  private static String describe(Field f) {
    List<String> marks = new ArrayList<>();
    marks.add(f.type());
    if (f.required()) {
      marks.add("required");
    }
    if (f.secret()) {
      marks.add("secret");
    }
    if (f.defaultValue() != null) {
      marks.add("default " + f.defaultValue());
    }
    if (!f.options().isEmpty()) {
      marks.add("one of " + String.join("|", f.options()));
    }
    return f.path() + " (" + f.title() + "; " + String.join(", ", marks) + ")";
  }
}
