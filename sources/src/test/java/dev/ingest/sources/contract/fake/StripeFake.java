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
 * stripe/openapi fixtures ({@code fixtures3.json}) with distinct ids and creation times. {@code /events} takes
 * {@code type}; deleting a customer removes it from {@code /customers} and adds a {@code customer.deleted} event whose
 * {@code data.object} is the customer. The fake serves those events only to {@code type=customer.deleted} (kept
 * apart from the other events, so each endpoint's data changes on its own).
 */
public final class StripeFake extends ProviderFake {
  public static final String KEY = "sk_test_contract_4eC39HqLyjWDarjtT1zdp7dc";
  private static final Map<String, String> RESOURCES = Map.of("customers", "customer", "charges", "charge",
      "payment_intents", "payment_intent", "invoices", "invoice", "subscriptions", "subscription", "products",
      "product", "balance_transactions", "balance_transaction", "events", "event");
  private final Map<String, List<ObjectNode>> data = new LinkedHashMap<>();
  private final List<ObjectNode> deletions = new ArrayList<>();
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
    for (int i = 0; i < 2; i++) { // customers deleted before the first run
      deletedEvent(add("customers"));
    }
    data.get("customers").removeIf(c -> deletedIds().contains(c.get("id").asText()));
  }

  private List<String> deletedIds() {
    return deletions.stream().map(e -> e.at("/data/object/id").asText()).toList();
  }

  private List<ObjectNode> deletions() {
    return List.copyOf(deletions);
  }

  private ObjectNode deletedEvent(ObjectNode customer) {
    ObjectNode event = (ObjectNode) fixtures.get("event").deepCopy();
    int n = created++;
    event.put("id", "evt_deleted" + n);
    event.put("created", Fakes.at(n).getEpochSecond());
    event.put("type", "customer.deleted");
    event.set("data", Fakes.obj("object", customer.deepCopy()));
    deletions.add(0, event); // newest first
    return event;
  }

  /**
   * Deletes the {@code n} newest customers ({@code DELETE /v1/customers/{id}}): they leave the list and each gets a
   * {@code customer.deleted} event.
   *
   * @return the deleted customers' ids
   */
  public List<String> deleteCustomers(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ObjectNode customer = data.get("customers").remove(0);
      deletedEvent(customer);
      ids.add(customer.get("id").asText());
    }
    return ids;
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
    String type = request.param("type").orElse(null);
    List<ObjectNode> source = "customer.deleted".equals(type) ? deletions : all;
    List<ObjectNode> filtered = source.stream().filter(o -> o.get("created").asLong() >= gte)
        .filter(o -> type == null || type.equals(o.path("type").asText())).toList();
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
    return List.copyOf(endpoint.equals("deleted_customers") ? deletions() : data.get(endpoint));
  }

  /** Two objects created after every existing one (created[gte] the mark also returns the newest old one). */
  @Override
  public List<JsonNode> advance(String endpoint) {
    if (endpoint.equals("deleted_customers")) {
      int before = deletions().size();
      deleteCustomers(2);
      return List.copyOf(deletions().subList(0, deletions().size() - before));
    }
    return List.of(add(endpoint), add(endpoint));
  }
}
