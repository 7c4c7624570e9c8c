package dev.ingest.control.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.control.model.Deployment;
import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.health.PipelineHealth;
import dev.ingest.control.store.PipelineState;
import dev.ingest.control.store.StoredPipeline;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.schedule.CronSchedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** A pipeline as the API shows it: the stored definition, its version and state, schedule, health and job link. */
final class PipelineJson {
  private PipelineJson() {}

  static ObjectNode of(StoredPipeline p, PipelineSpec spec, PipelineHealth health, Optional<DeploymentStatus> status,
      Instant now) {
    ObjectNode node = Json.object()
        .put("name", p.name())
        .put("version", p.version())
        .put("state", p.state().name().toLowerCase(Locale.ROOT))
        .put("connector", spec.connector().name());
    node.put("deployment_id", p.deployment().map(Deployment::id).orElse(null));
    node.put("deployer", p.deployment().map(Deployment::target).orElse(null));
    node.put("created_at", p.createdAt().toString()).put("updated_at", p.updatedAt().toString());
    spec.endpointNames().forEach(node.putArray("endpoints")::add);
    CronSchedule schedule = CronSchedule.parse(spec.schedule());
    node.put("schedule", spec.schedule()).put("schedule_description", schedule.describe());
    node.put("next_run_at", p.state() == PipelineState.DEPLOYED
        ? schedule.nextAfter(now).map(Instant::toString).orElse(null) : null);
    node.put("credential", spec.credentialsSecret().orElse(null));
    node.put("job_url", status.flatMap(DeploymentStatus::webUrl).orElse(null));
    node.put("job_state", status.map(s -> s.state().name().toLowerCase(Locale.ROOT)).orElse(null));
    node.put("job_detail", status.map(DeploymentStatus::detail).filter(d -> !d.isEmpty()).orElse(null));
    node.set("health", health(health));
    try {
      node.set("definition", Json.MAPPER.readTree(p.definition()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return node;
  }

  static ObjectNode health(PipelineHealth h) {
    ObjectNode node = Json.object().put("status", h.status().json());
    node.put("last_run_id", h.lastRunId().orElse(null));
    node.put("last_run_at", h.lastRunAt().map(Instant::toString).orElse(null));
    node.put("last_run_rows", h.lastRunRows());
    h.failingEndpoints().forEach(node.putArray("failing_endpoints")::add);
    if (h.lastError().isPresent()) {
      PipelineHealth.RunError e = h.lastError().get();
      node.putObject("last_error").put("endpoint", e.endpoint()).put("error_class", e.errorClass())
          .put("message", e.message());
    } else {
      node.putNull("last_error");
    }
    node.put("failed_credential", h.failedCredential().orElse(null));
    var incomplete = node.putArray("incomplete_endpoints");
    h.incompleteEndpoints().forEach(s -> incomplete.addObject().put("endpoint", s.endpoint()).put("rows", s.rows())
        .put("api_total", s.apiTotal()));
    return node;
  }

  /** The strong ETag of a pipeline version: {@code "<version>"}. */
  static String etag(StoredPipeline p) {
    return "\"" + p.version() + "\"";
  }
}
