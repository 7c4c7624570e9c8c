package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stripe API v1 (docs.stripe.com/api/pagination): lists {@code {"object":"list","url","has_more","data":[…]}},
 * newest first, {@code limit} + {@code starting_after=<object id>}, {@code created[gte]} filters (unix seconds),
 * Bearer secret key, errors {@code {"error":{"type","code","message"}}}, 429 without quota headers. Records are the
 * stripe/openapi fixtures ({@code fixtures3.json}) with distinct ids and creation times.
 */
public final class StripeFake extends ProviderFake {
  public static final String KEY = "sk_test_contract_4eC39HqLyjWDarjtT1zdp7dc";
  private static final Map<String, String> RESOURCES = Map.of("customers", "customer", "charges", "charge",
      "payment_intents", "payment_intent", "invoices", "invoice", "subscriptions", "subscription", "products",
      "product", "balance_transactions", "balance_transaction", "events", "event");
  private final Map<String, List<ObjectNode>> data = new LinkedHashMap<>();
  private final JsonNode fixtures;
  private int created = 0;

  public StripeFake() {
    try (InputStream in = StripeFake.class.getResourceAsStream("/contract/stripe-fixtures3.json")) {
      fixtures = Fakes.mapper().readTree(in).get("resources");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RESOURCES.keySet().forEach(r -> {
      for (int i = 0; i < 7; i++) {
        add(r);
      }
    });
  }

  private ObjectNode add(String resource) {
    ObjectNode record = (ObjectNode) fixtures.get(RESOURCES.get(resource)).deepCopy();
    int n = created++;
    record.put("id", record.get("id").asText().replaceAll("_.*", "") + "_contract" + n);
    record.put("created", Fakes.at(n).getEpochSecond());
    List<ObjectNode> list = data.computeIfAbsent(resource, k -> new ArrayList<>());
    list.add(record);
    list.sort(Comparator.comparingLong((ObjectNode o) -> o.get("created").asLong()).reversed());
    return record;
  }

  @Override
  public String connector() {
    return "stripe";
  }

  @Override
  public Map<String, String> secret() {
    return Map.of("secret_key", KEY);
  }

  @Override
  protected String root() {
    return "/v1";
  }

  @Override
  protected boolean authorized(FakeRequest request) {
    return bearer(request, KEY);
  }

  @Override
  protected FakeResponse unauthorized() {
    return FakeResponse.of(401, Fakes.obj("error", Fakes.obj("type", "invalid_request_error",
        "message", "Invalid API Key provided: sk_test_****7dc")));
  }

  @Override
  protected FakeResponse rateLimited() {
    return FakeResponse.of(429, Fakes.obj("error", Fakes.obj("type", "invalid_request_error", "code", "rate_limit",
        "message", "Request rate limit exceeded.")));
  }

  @Override
  protected FakeResponse notFound(FakeRequest request) {
    return FakeResponse.of(404, Fakes.obj("error", Fakes.obj("type", "invalid_request_error",
        "message", "Unrecognized request URL (GET: " + request.path() + ")")));
  }

  @Override
  protected FakeResponse route(FakeRequest request) {
    String resource = request.path().substring(1);
    List<ObjectNode> all = data.get(resource);
    if (all == null || !request.method().equals("GET")) {
      return null;
    }
    long gte = request.param("created[gte]").map(Long::parseLong).orElse(Long.MIN_VALUE);
    List<ObjectNode> filtered = all.stream().filter(o -> o.get("created").asLong() >= gte).toList();
    int start = request.param("starting_after").map(id -> indexOf(filtered, id) + 1).orElse(0);
    int limit = Math.min(request.intParam("limit", 10), PAGE_CAP);
    List<ObjectNode> page = Fakes.slice(filtered, start, limit);
    return FakeResponse.ok(Fakes.obj("object", "list", "url", "/v1/" + resource,
        "has_more", start + page.size() < filtered.size(), "data", Fakes.arr(page)));
  }

  private static int indexOf(List<ObjectNode> list, String id) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).get("id").asText().equals(id)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no such object: " + id);
  }

  @Override
  public List<JsonNode> expected(String endpoint) {
    return List.copyOf(data.get(endpoint));
  }

  /** Two objects created after every existing one (created[gte] the mark also returns the newest old one). */
  @Override
  public List<JsonNode> advance(String endpoint) {
    return List.of(add(endpoint), add(endpoint));
  }
}
