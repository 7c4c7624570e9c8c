package dev.ingest.control.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.control.deploy.FlinkWebUi;
import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.store.StoredPipeline;
import dev.ingest.sinks.runs.RunRow;
import io.javalin.http.Context;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/pipelines/{name}/runs/{run_id}}: one run in detail — every endpoint's start, end, pages,
 * requests, retries, 429s, time throttled, bytes, rows, error class and (already redacted) message, the run's
 * totals, and the Flink job that ran it with a link into the Flink web UI when the deployer has one. A failed
 * Flink job appears as a run of endpoint {@code (job)} with error class {@code JOB_FAILED}.
 */
final class RunRoutes {
  static final String SUCCEEDED = "SUCCEEDED";
  private static final String JOB_PATH = "/#/job/";

  private final PipelineService service;

  RunRoutes(PipelineService service) {
    this.service = service;
  }

  void register(RouteTable routes) {
    routes.get("/api/pipelines/{name}/runs/{run_id}", this::run);
  }

  private void run(Context ctx) {
    StoredPipeline p = service.get(ctx.pathParam("name"));
    service.syncRuns(service.spec(p));
    String runId = ctx.pathParam("run_id");
    List<RunRow> rows = service.run(p.name(), runId);
    Json.respond(ctx, 200, detail(p, runId, rows, service.runJob(p.name(), runId), service.status(p)));
  }

  static ObjectNode detail(StoredPipeline p, String runId, List<RunRow> rows, Optional<String> job,
      Optional<DeploymentStatus> status) {
    long started = rows.stream().mapToLong(RunRow::startedAt).min().orElse(0);
    long ended = rows.stream().mapToLong(RunRow::endedAt).max().orElse(0);
    List<String> failed = rows.stream().filter(r -> !SUCCEEDED.equals(r.status())).map(RunRow::endpoint).toList();
    ObjectNode node = Json.object().put("pipeline", p.name()).put("run_id", runId)
        .put("status", failed.isEmpty() ? "succeeded" : "failed")
        .put("run_started_at", RunJson.iso(rows.get(0).runStartedAt()))
        .put("started_at", RunJson.iso(started)).put("ended_at", RunJson.iso(ended))
        .put("duration_ms", Math.max(0, ended - started));
    failed.forEach(node.putArray("failed_endpoints")::add);
    node.putObject("totals")
        .put("rows", rows.stream().mapToLong(RunRow::rows).sum())
        .put("bytes", rows.stream().mapToLong(RunRow::bytes).sum())
        .put("pages", rows.stream().mapToLong(RunRow::pages).sum())
        .put("requests", rows.stream().mapToLong(RunRow::requests).sum())
        .put("retries", rows.stream().mapToLong(RunRow::retries).sum())
        .put("throttled", rows.stream().mapToLong(RunRow::throttled).sum())
        .put("waited_ms", rows.stream().mapToLong(RunRow::waitedMillis).sum())
        .put("errors", rows.stream().mapToLong(RunRow::errors).sum());
    if (job.isPresent()) {
      ObjectNode flink = node.putObject("flink_job").put("id", job.get());
      flink.put("url", jobUrl(job.get(), p, status).orElse(null));
    } else {
      node.putNull("flink_job");
    }
    node.set("endpoints", RunJson.of(rows));
    return node;
  }

  /** A link to the job in the Flink web UI, from the base of the deployer's link to the current job. */
  private static Optional<String> jobUrl(String job, StoredPipeline p, Optional<DeploymentStatus> status) {
    Optional<String> current = status.flatMap(DeploymentStatus::webUrl);
    if (current.isEmpty() || !current.get().contains(JOB_PATH)) {
      return Optional.empty();
    }
    boolean running = p.deployment().map(d -> d.id().equals(job)).orElse(false) && status.get().active();
    String base = current.get().substring(0, current.get().indexOf(JOB_PATH));
    return Optional.of(FlinkWebUi.jobUrl(URI.create(base), job, !running));
  }
}
