package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify Admin REST 2025-07 (shopify.dev/docs/api/admin-rest/usage/pagination): {@code {"orders":[…]}} keyed by
 * resource, {@code limit} ≤ 250, {@code Link: <…page_info=…>; rel="next"}; a request with {@code page_info} may
 * carry only {@code limit} and {@code fields} (else 400); {@code updated_at_min}; header
 * {@code X-Shopify-Access-Token}; {@code X-Shopify-Shop-Api-Call-Limit: n/40}; 429 with {@code Retry-After};
 * errors {@code {"errors":"…"}}. The OAuth app method's client credentials grant
 * (shopify.dev/docs/apps/build/authentication-authorization/access-tokens/client-credentials-grant):
 * {@code POST /admin/oauth/access_token} with form fields {@code grant_type=client_credentials}, {@code client_id},
 * {@code client_secret} → {@code {"access_token","scope","expires_in":86399}}; the token is then accepted only in
 * {@code X-Shopify-Access-Token}, never as {@code Authorization: Bearer}. Shopify does not document the error body
 * of a refused grant; the fake answers RFC 6749's {@code {"error":"invalid_client"}} with 401.
 */
public final class ShopifyFake extends ProviderFake {
  public static final String TOKEN = "shpat_contract_0123456789abcdef0123456789abcdef";
  private static final String TOKEN_PATH = "/admin/oauth/access_token";
  private static final List<String> RESOURCES = List.of("orders", "products", "customers", "custom_collections");
  private static final Pattern FULFILLMENTS = Pattern.compile("/orders/(\\d+)/fulfillments\\.json");
  private final Map<String, List<ObjectNode>> data = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> pages = new LinkedHashMap<>();
  private long ids = 450_789_469L;
  private int clock;

  public ShopifyFake() {
    for (String resource : RESOURCES) {
      for (int i = 0; i < 5; i++) {
        data.computeIfAbsent(resource, k -> new ArrayList<>()).add(record(resource, i));
      }
    }
  }

  private ObjectNode record(String resource, int i) {
    long id = ids++;
    String type = resource.equals("custom_collections") ? "Collection"
        : Character.toUpperCase(resource.charAt(0)) + resource.substring(1, resource.length() - 1);
    ObjectNode record = Fakes.obj("id", id, "admin_graphql_api_id", "gid://shopify/" + type + "/" + id,
        "created_at", "2024-01-01T00:00:00-05:00", "updated_at", local(clock++));
    switch (resource) {
      case "orders" -> {
        record.setAll(Fakes.obj("name", "#" + (1001 + i), "email", "bob@example.com", "currency", "USD",
            "total_price", "199.00", "financial_status", "paid", "fulfillment_status", null,
            "line_items", Fakes.arr(List.of(Fakes.obj("id", ids++, "title", "IPod Nano", "quantity", 1,
                "price", "199.00")))));
        data.computeIfAbsent("fulfillments/" + id, k -> new ArrayList<>()).add(Fakes.obj("id", ids++,
            "order_id", id, "status", "success", "created_at", local(0), "updated_at", local(0)));
      }
      case "products" -> record.setAll(Fakes.obj("title", "Product " + i, "vendor", "Apple", "status", "active"));
      case "customers" -> record.setAll(Fakes.obj("email", "c" + i + "@example.com", "first_name", "Bob"));
      default -> record.setAll(Fakes.obj("title", "Collection " + i, "handle", "collection-" + i));
    }
    return record;
  }

  /** Shop-local time (UTC-5), as Shopify serves timestamps. */
  private static String local(int hours) {
    return OffsetDateTime.parse(Fakes.iso(hours)).withOffsetSameInstant(java.time.ZoneOffset.ofHours(-5)).toString();
  }

  @Override
  public String connector() {
    return "shopify";
  }

  @Override
  public Map<String, String> secret() {
    return Map.of("access_token", TOKEN);
  }

  @Override
  protected String root() {
    return "/admin/api/2025-07";
  }

  @Override
  protected boolean authorized(FakeRequest request) {
    return request.header("X-Shopify-Access-Token").filter(TOKEN::equals).isPresent();
  }

  @Override
  public String oauthTokenPath() {
    return TOKEN_PATH;
  }

  @Override
  protected FakeResponse unauthenticatedRoute(FakeRequest request) {
    if (!request.path().equals(TOKEN_PATH) || !request.method().equals("POST")) {
      return null;
    }
    boolean valid = request.param("grant_type").filter("client_credentials"::equals).isPresent()
        && request.param("client_id").filter(OAUTH_CLIENT_ID::equals).isPresent()
        && request.param("client_secret").filter(OAUTH_CLIENT_SECRET::equals).isPresent();
    return valid ? FakeResponse.ok(Fakes.obj("access_token", OAUTH_ACCESS_TOKEN, "scope",
        "read_orders,read_products,read_customers,read_fulfillments", "expires_in", 86399))
        : FakeResponse.of(401, Fakes.obj("error", "invalid_client"));
  }

  @Override
  protected boolean oauthAuthorized(FakeRequest request) {
    return request.header("X-Shopify-Access-Token").filter(OAUTH_ACCESS_TOKEN::equals).isPresent();
  }

  @Override
  protected FakeResponse unauthorized() {
    return FakeResponse.of(401, Fakes.obj("errors", "[API] Invalid API key or access token (unrecognized login or "
        + "wrong password)"));
  }

  @Override
  protected FakeResponse rateLimited() {
    return FakeResponse.of(429, Fakes.obj("errors", "Exceeded 2 calls per second for api client. Reduce request "
        + "rates to resume uninterrupted service.")).header("Retry-After", "1.0");
  }

  @Override
  protected Map<String, String> rateHeaders() {
    return Map.of("X-Shopify-Shop-Api-Call-Limit", "3/40");
  }

  @Override
  protected FakeResponse route(FakeRequest request) {
    String key;
    Matcher m = FULFILLMENTS.matcher(request.path());
    if (m.matches()) {
      key = "fulfillments/" + m.group(1);
    } else if (request.path().endsWith(".json") && RESOURCES.contains(request.path().substring(1,
        request.path().length() - 5))) {
      key = request.path().substring(1, request.path().length() - 5);
    } else {
      return null;
    }
    String name = key.startsWith("fulfillments/") ? "fulfillments" : key;
    int limit = request.intParam("limit", 50);
    if (limit > 250) {
      return FakeResponse.of(400, Fakes.obj("errors", Fakes.obj("limit", "must be less than or equal to 250")));
    }
    List<ObjectNode> records;
    if (request.param("page_info").isPresent()) {
      if (request.query().keySet().stream().anyMatch(k -> !List.of("page_info", "limit", "fields").contains(k))) {
        return FakeResponse.of(400, Fakes.obj("errors", Fakes.obj("page_info", "Invalid value.")));
      }
      records = pages.get(request.param("page_info").get());
    } else {
      records = new ArrayList<>(data.getOrDefault(key, List.of()));
      request.param("updated_at_min").map(OffsetDateTime::parse).ifPresent(min -> records.removeIf(
          r -> OffsetDateTime.parse(r.get("updated_at").asText()).isBefore(min)));
    }
    int size = Math.min(limit, PAGE_CAP);
    FakeResponse response = FakeResponse.ok(Fakes.obj(name, Fakes.arr(Fakes.slice(records, 0, size))));
    if (records.size() > size) {
      String token = "eyJsYXN0X2lkIjo" + pages.size();
      pages.put(token, records.subList(size, records.size()));
      response = response.header("Link", nextLink(url(request.path(), Map.of("limit", Integer.toString(limit),
          "page_info", token))));
    }
    return response;
  }

  @Override
  public List<JsonNode> expected(String endpoint) {
    if (endpoint.equals("fulfillments")) {
      List<JsonNode> out = new ArrayList<>();
      data.get("orders").forEach(o -> out.addAll(data.get("fulfillments/" + o.get("id").asText())));
      return out;
    }
    return List.copyOf(data.get(endpoint));
  }

  /** Two records updated after every other. */
  @Override
  public List<JsonNode> advance(String endpoint) {
    clock += 10;
    List<JsonNode> changed = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ObjectNode r = data.get(endpoint).get(i);
      r.put("updated_at", local(clock++));
      changed.add(r);
    }
    return changed;
  }
}
