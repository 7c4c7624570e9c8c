package dev.ingest.control.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sinks.runs.RunRow;
import java.time.Instant;
import java.util.List;

/** Endpoint-runs as the runs routes show them: one object per endpoint per run, times in ISO-8601 UTC. */
final class RunJson {
  private RunJson() {}

  static ArrayNode of(List<RunRow> rows) {
    ArrayNode array = Json.array();
    rows.forEach(r -> array.add(of(r)));
    return array;
  }

  static ObjectNode of(RunRow r) {
    ObjectNode node = Json.object()
        .put("run_id", r.runId())
        .put("endpoint", r.endpoint())
        .put("run_started_at", iso(r.runStartedAt()))
        .put("started_at", iso(r.startedAt()))
        .put("ended_at", iso(r.endedAt()))
        .put("duration_ms", r.durationMs())
        .put("status", r.status())
        .put("rows", r.rows())
        .put("bytes", r.bytes())
        .put("decoded_bytes", r.decodedBytes())
        .put("api_total", r.apiTotal())
        .put("complete", r.apiTotal() == null ? null : !r.isIncomplete())
        .put("pages", r.pages())
        .put("requests", r.requests())
        .put("retries", r.retries())
        .put("throttled", r.throttled())
        .put("waited_ms", r.waitedMillis())
        .put("errors", r.errors());
    node.put("error_class", r.errorClass());
    node.put("error_message", r.errorMessage());
    return node;
  }

  static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
