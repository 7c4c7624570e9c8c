package dev.ingest.control.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sinks.runs.RunRow;
import dev.ingest.sources.source.request.RunRequestMark;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Run requests as JSON, and the query of a job's poll read back into its {@link RunRequestMark}. */
final class RunRequestJson {
  private RunRequestJson() {}

  /**
   * A request: id, when asked, state ({@code waiting}, {@code accepted}, {@code started}, then {@code succeeded}
   * or {@code failed} once its run is recorded) and the run that serves it.
   */
  static ObjectNode of(String pipeline, RunRequestBook.Request request, Optional<String> outcome) {
    ObjectNode node = Json.object().put("id", request.id()).put("pipeline", pipeline)
        .put("requested_at", request.requestedAt().toString())
        .put("state", outcome.orElse(request.state().name().toLowerCase(Locale.ROOT)));
    request.runId().ifPresentOrElse(run -> node.put("run_id", run), () -> node.putNull("run_id"));
    return node;
  }

  /** The outcome of a started run from its rows: failed if an endpoint failed, succeeded once all reported. */
  static String outcome(List<RunRow> rows, int endpoints) {
    if (rows.stream().anyMatch(r -> !"SUCCEEDED".equals(r.status()))) {
      return "failed";
    }
    return rows.size() >= endpoints ? "succeeded" : "started";
  }

  /** The poll's query: {@code after} and {@code started} (non-negative ids), {@code run} when started is not 0. */
  static RunRequestMark mark(Context ctx) {
    long after = number(ctx.queryParam("after"), "after");
    long started = number(ctx.queryParam("started"), "started");
    String run = ctx.queryParam("run");
    try {
      return new RunRequestMark(after, started, Optional.ofNullable(run).filter(r -> !r.isBlank()));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("started", e.getMessage());
    }
  }

  /** A request id from the path. */
  static long id(String text) {
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest("id", "id: expected a positive request id, got '" + text + "'");
  }

  private static long number(String text, String field) {
    if (text == null) {
      return 0;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(field, field + ": expected a non-negative request id, got '" + text + "'");
  }
}
