package dev.ingest.jobs.airbyte;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * ConfigCat Public Management API v1 (api.configcat.com/docs): HTTP Basic auth; {@code GET /v1/organizations} and
 * {@code /v1/products} answer bare JSON arrays, as do {@code /v1/organizations/{organizationId}/members},
 * {@code /v1/products/{productId}/tags} and {@code /v1/products/{productId}/environments}; unknown ids answer 404.
 */
final class ConfigCatApi extends ManifestApi {
  static final String USER = "configcat-user";
  static final String PASSWORD = "configcat-password";
  static final int ORGANIZATIONS = 2;
  static final int MEMBERS_PER_ORGANIZATION = 3;
  static final int PRODUCTS = 3;
  static final int TAGS_PER_PRODUCT = 2;
  static final int ENVIRONMENTS_PER_PRODUCT = 2;

  ConfigCatApi() throws IOException {}

  String urlBase() {
    return origin() + "/v1";
  }

  @Override
  String authorization() {
    return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  Response serve(Request request) {
    String[] parts = request.path().split("/");
    // ["", "v1", resource, id, sub]
    if (parts.length == 3 && parts[2].equals("organizations")) {
      return Response.ok(organizations());
    }
    if (parts.length == 3 && parts[2].equals("products")) {
      return Response.ok(products());
    }
    if (parts.length == 5 && parts[2].equals("organizations") && parts[4].equals("members")
        && parts[3].matches("org-[1-" + ORGANIZATIONS + "]")) {
      return Response.ok(children(parts[3], "userId", MEMBERS_PER_ORGANIZATION, "email"));
    }
    if (parts.length == 5 && parts[2].equals("products") && parts[3].matches("prod-[1-" + PRODUCTS + "]")) {
      return switch (parts[4]) {
        case "tags" -> Response.ok(tags(parts[3]));
        case "environments" -> Response.ok(children(parts[3], "environmentId", ENVIRONMENTS_PER_PRODUCT, "name"));
        default -> new Response(404, Map.of("message", "Not found"));
      };
    }
    return new Response(404, Map.of("message", "Not found"));
  }

  static List<Map<String, Object>> organizations() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 1; i <= ORGANIZATIONS; i++) {
      out.add(Map.of("organizationId", "org-" + i, "name", "Org " + i));
    }
    return out;
  }

  static List<Map<String, Object>> products() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 1; i <= PRODUCTS; i++) {
      out.add(Map.of("productId", "prod-" + i, "name", "Product " + i, "order", i, "reasonRequired", false,
          "organization", Map.of("organizationId", "org-1", "name", "Org 1")));
    }
    return out;
  }

  static List<Map<String, Object>> tags(String product) {
    List<Map<String, Object>> out = new ArrayList<>();
    int base = 10 * Integer.parseInt(product.substring("prod-".length()));
    for (int i = 1; i <= TAGS_PER_PRODUCT; i++) {
      out.add(Map.of("tagId", base + i, "name", "tag " + (base + i), "color", "blue",
          "product", Map.of("productId", product)));
    }
    return out;
  }

  private static List<Map<String, Object>> children(String parent, String key, int count, String field) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      out.add(Map.of(key, parent + "-" + i, field, field + " " + i + " of " + parent));
    }
    return out;
  }
}
