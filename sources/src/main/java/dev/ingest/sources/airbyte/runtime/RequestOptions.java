package dev.ingest.sources.airbyte.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Injects a value where an Airbyte {@code RequestOption} says: {@code inject_into} {@code request_parameter},
 * {@code header}, {@code body_data} or {@code body_json}, under {@code field_name} (interpolated) or, for JSON
 * bodies, the nested {@code field_path}. Outside JSON bodies a {@code field_name} wins over a {@code field_path}.
 */
final class RequestOptions {
  private RequestOptions() {}

  static void inject(Component option, Object value, RequestParts parts, Templates templates, EvalContext context) {
    String into = option.text("inject_into", "");
    List<String> path = new ArrayList<>();
    // field_path is for JSON bodies; elsewhere a field_name wins (manifests built for CDKs before field_path carry
    // leftover parameter keys named field_path, which those CDKs ignored)
    boolean nested = option.field("field_path").isArray() && (into.equals("body_json") || !option.has("field_name"));
    if (nested) {
      option.field("field_path").forEach(segment -> path.add(
          Templates.asText(templates.evaluate(option, "field_path", segment.asText(), context))));
    } else {
      String name = templates.text(option, "field_name", context, null);
      if (name == null) {
        throw option.refuse("field_name or field_path is required");
      }
      path.add(name);
    }
    String text = Templates.asText(value);
    switch (into) {
      case "request_parameter" -> parts.params.put(String.join(".", path), text);
      case "header" -> parts.headers.put(String.join(".", path), text);
      case "body_data" -> parts.bodyData.put(String.join(".", path), text);
      case "body_json" -> parts.putJson(path, value);
      default -> throw option.refuse("inject_into '" + into
          + "' is not one of request_parameter, header, body_data, body_json");
    }
  }
}
