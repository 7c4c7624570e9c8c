package dev.ingest.control.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sources.schedule.CronSchedule;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/cron/describe?expr=}: a cron expression in words and its next fire times, judged by the same
 * {@link CronSchedule} the jobs run on, so a form can preview a schedule and show why an expression is invalid
 * before anything is saved.
 */
final class CronRoutes {
  static final int PREVIEW_RUNS = 3;
  static final int MAX_LENGTH = 200;

  private final Clock clock;

  CronRoutes(Clock clock) {
    this.clock = clock;
  }

  void register(RouteTable routes) {
    routes.get("/api/cron/describe", this::describe);
  }

  private void describe(Context ctx) {
    String expression = ctx.queryParam("expr");
    if (expression == null) {
      throw ApiException.badRequest("expr", "query parameter expr is required: the cron expression to describe");
    }
    if (expression.length() > MAX_LENGTH) {
      throw invalid("is longer than " + MAX_LENGTH + " characters");
    }
    CronSchedule schedule;
    try {
      schedule = CronSchedule.parse(expression);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    ObjectNode body = Json.object().put("expression", schedule.expression())
        .put("description", schedule.describe());
    ArrayNode next = body.putArray("next_runs");
    Instant after = clock.instant();
    for (int i = 0; i < PREVIEW_RUNS; i++) {
      Optional<Instant> fire = schedule.nextAfter(after);
      if (fire.isEmpty()) {
        break;
      }
      next.add(fire.get().toString());
      after = fire.get();
    }
    Json.respond(ctx, 200, body);
  }

  private static ApiException invalid(String message) {
    return ApiException.invalid("cron expression", List.of(new FieldProblem("expr", message)));
  }
}
