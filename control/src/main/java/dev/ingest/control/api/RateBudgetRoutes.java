package dev.ingest.control.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.control.budget.RateBudgetBook;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The rate-budget routes: jobs lease their share of a credential's budget ({@code POST
 * /api/rate-budgets/{key}/leases}); operators list the budgets ({@code GET /api/rate-budgets}). A budget is named by
 * a hash of connector and secret name, never by a secret.
 */
final class RateBudgetRoutes {
  /** What a budget key looks like: 32 lower-case hex digits. */
  static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern HOLDER = Pattern.compile("[0-9A-Za-z._-]{1,64}");

  private final RateBudgetBook book;

  RateBudgetRoutes(RateBudgetBook book) {
    this.book = book;
  }

  void register(RouteTable routes) {
    routes.get("/api/rate-budgets", this::list);
    routes.post("/api/rate-budgets/{key}/leases", this::lease);
  }

  private void lease(Context ctx) {
    String key = ctx.pathParam("key");
    if (!KEY.matcher(key).matches()) {
      throw bad("key", "expected 32 lower-case hex digits");
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      throw bad("body", "not JSON");
    }
    if (body == null || !body.isObject()) {
      throw bad("body", "expected a JSON object");
    }
    String holder = body.path("holder").asText("");
    if (!HOLDER.matcher(holder).matches()) {
      throw bad("holder", "expected 1 to 64 letters, digits, '.', '_' or '-'");
    }
    double declared = positive(body, "declared_per_second");
    double held = body.path("held_per_second").asDouble(0);
    if (!(held >= 0) || Double.isInfinite(held)) {
      throw bad("held_per_second", "must be a number >= 0");
    }
    long pause = body.path("pause_until_ms").asLong(0);
    OptionalLong learned = body.path("learned_limit").canConvertToLong()
        ? OptionalLong.of(body.get("learned_limit").asLong()) : OptionalLong.empty();
    OptionalDouble stated = OptionalDouble.empty();
    if (body.has("stated_per_second")) {
      stated = OptionalDouble.of(positive(body, "stated_per_second"));
    }
    RateBudgetBook.Grant grant;
    try {
      grant = book.lease(key, new RateBudgetBook.Request(holder, declared, held, pause, learned, stated));
    } catch (IllegalStateException e) {
      throw new ApiException(429, "too_many", e.getMessage());
    }
    ObjectNode out = Json.object().put("holder", holder).put("per_second", grant.perSecond())
        .put("ttl_ms", grant.ttl().toMillis()).put("holders", grant.holders());
    if (grant.pauseUntilMs() > 0) {
      out.put("pause_until_ms", grant.pauseUntilMs());
    }
    Json.respond(ctx, 200, out);
  }

  private void list(Context ctx) {
    ArrayNode array = Json.array();
    List<RateBudgetBook.View> views = book.list();
    for (RateBudgetBook.View v : views) {
      ObjectNode node = array.addObject().put("key", v.key()).put("limit_per_second", v.limitPerSecond());
      if (v.pauseUntilMs() > 0) {
        node.put("pause_until_ms", v.pauseUntilMs());
      }
      v.learnedLimit().ifPresent(l -> node.put("learned_limit", l));
      v.statedPerSecond().ifPresent(r -> node.put("stated_per_second", r));
      ArrayNode holders = node.putArray("holders");
      v.holders().forEach(h -> holders.addObject().put("holder", h.holder()).put("per_second", h.perSecond())
          .put("expires_in_ms", h.expiresInMs()));
    }
    Json.respond(ctx, 200, array);
  }

  private static double positive(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isNumber() || !(value.asDouble() > 0) || Double.isInfinite(value.asDouble())) {
      throw bad(field, "must be a number > 0");
    }
    return value.asDouble();
  }

  private static ApiException bad(String field, String problem) {
    return new ApiException(400, "invalid_request", field + ": " + problem);
  }
}
