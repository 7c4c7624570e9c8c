package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * The entries every commit of a pipeline's sink adds to its snapshot summary: {@code ingest.pipeline},
 * {@code ingest.endpoint} and, for an endpoint table, {@code ingest.write-mode}.
 */
final class SnapshotProperties {
  private SnapshotProperties() {}

  /** @param table the endpoint, or the name of a run-tracking table (which has no write mode) */
  static Map<String, String> of(PipelineSpec pipeline, String table) {
    Map<String, String> props = new HashMap<>();
    props.put("ingest.pipeline", pipeline.name());
    props.put("ingest.endpoint", table);
    pipeline.endpoints().stream().filter(e -> e.name().equals(table)).findFirst()
        .ifPresent(e -> props.put("ingest.write-mode", e.writeMode().yamlName()));
    return props;
  }
}
