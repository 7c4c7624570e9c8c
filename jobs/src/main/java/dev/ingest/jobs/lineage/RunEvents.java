package dev.ingest.jobs.lineage;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.InputDataset;
import io.openlineage.client.OpenLineage.OutputDataset;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineage.RunFacet;
import io.openlineage.client.OpenLineage.RunFacets;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds the OpenLineage run events of one pipeline (pure: no I/O). The job is the pipeline ({@code namespace},
 * pipeline name); the run id is a name-based UUID of pipeline and Ingest run id, so every event of a run, sent again
 * after a failover or not, carries the same one. Inputs are the API endpoints, outputs the Iceberg tables; the end
 * events carry the rows and bytes read per endpoint ({@code dataQualityMetrics} input facet) and the rows, bytes and
 * files written per table ({@code outputStatistics} output facet).
 */
final class RunEvents {
  /** The producer URI every event names. */
  static final URI PRODUCER = URI.create("urn:dev.ingest:ingest-jobs");
  /** The custom run facet holding the Ingest run id and pipeline. */
  static final String INGEST_FACET = "ingest_run";

  private final OpenLineage ol = new OpenLineage(PRODUCER);
  private final String namespace;
  private final String pipeline;
  private final List<LineageDataset> datasets;

  RunEvents(String namespace, String pipeline, List<LineageDataset> datasets) {
    this.namespace = namespace;
    this.pipeline = pipeline;
    this.datasets = List.copyOf(datasets);
  }

  /** The stable OpenLineage run id of {@code runId}. */
  UUID runUuid(String runId) {
    return UUID.nameUUIDFromBytes((pipeline + "/" + runId).getBytes(StandardCharsets.UTF_8));
  }

  /** START of {@code runId}, at the time the run was created. */
  RunEvent start(String runId, long runStartedAt) {
    List<InputDataset> inputs = datasets.stream()
        .map(d -> ol.newInputDatasetBuilder().namespace(d.inputNamespace()).name(d.endpoint()).build()).toList();
    List<OutputDataset> outputs = datasets.stream()
        .map(d -> ol.newOutputDatasetBuilder().namespace(d.outputNamespace()).name(d.outputName()).build()).toList();
    return event(EventType.START, runId, runStartedAt, time(runStartedAt), null, inputs, outputs);
  }

  /**
   * COMPLETE when every endpoint succeeded, else FAIL (naming the failed endpoints and their error classes).
   *
   * @param ended the run's endpoint ends, one per endpoint
   * @param written what the run's commits added per table identifier; a table missing here gets no size
   */
  RunEvent end(String runId, long runStartedAt, List<RunSignal> ended, Map<String, TableCommits.Added> written) {
    Map<String, RunSignal> byEndpoint = ended.stream().collect(Collectors.toMap(s -> s.endpoint, s -> s, (a, b) -> b));
    List<InputDataset> inputs = new ArrayList<>();
    List<OutputDataset> outputs = new ArrayList<>();
    long endedAt = runStartedAt;
    for (LineageDataset d : datasets) {
      RunSignal s = byEndpoint.get(d.endpoint());
      if (s == null) {
        continue;
      }
      endedAt = Math.max(endedAt, s.endedAt);
      inputs.add(ol.newInputDatasetBuilder().namespace(d.inputNamespace()).name(d.endpoint())
          .inputFacets(ol.newInputDatasetInputFacetsBuilder().dataQualityMetrics(
              ol.newDataQualityMetricsInputDatasetFacetBuilder().rowCount(s.rowsRead).bytes(s.bytes).build())
              .build())
          .build());
      TableCommits.Added added = written.get(d.table());
      outputs.add(ol.newOutputDatasetBuilder().namespace(d.outputNamespace()).name(d.outputName())
          .outputFacets(ol.newOutputDatasetOutputFacetsBuilder().outputStatistics(
              ol.newOutputStatisticsOutputDatasetFacetBuilder().rowCount(s.rowsLanded)
                  .size(added == null ? null : added.bytes()).fileCount(added == null ? null : added.files())
                  .build())
              .build())
          .build());
    }
    List<String> failed = ended.stream().filter(s -> !s.succeeded())
        .map(s -> s.endpoint + (s.errorClass == null ? "" : " (" + s.errorClass + ")")).sorted().toList();
    String error = failed.isEmpty() ? null
        : "endpoint(s) failed: " + String.join(", ", failed) + "; see the pipeline's _ingest_runs table";
    return event(failed.isEmpty() ? EventType.COMPLETE : EventType.FAIL, runId, runStartedAt, time(endedAt), error,
        inputs, outputs);
  }

  private RunEvent event(EventType type, String runId, long runStartedAt, ZonedDateTime at, String error,
      List<InputDataset> inputs, List<OutputDataset> outputs) {
    RunFacet ingest = ol.newRunFacet();
    ingest.getAdditionalProperties().put("runId", runId);
    ingest.getAdditionalProperties().put("pipeline", pipeline);
    OpenLineage.RunFacetsBuilder facets = ol.newRunFacetsBuilder()
        .nominalTime(ol.newNominalTimeRunFacet(time(runStartedAt), null))
        .put(INGEST_FACET, ingest);
    if (error != null) {
      facets.errorMessage(ol.newErrorMessageRunFacet(error, "JAVA", null));
    }
    RunFacets runFacets = facets.build();
    return ol.newRunEventBuilder()
        .eventType(type)
        .eventTime(at)
        .run(ol.newRun(runUuid(runId), runFacets))
        .job(ol.newJobBuilder().namespace(namespace).name(pipeline)
            .facets(ol.newJobFacetsBuilder().jobType(ol.newJobTypeJobFacet("BATCH", "INGEST", "PIPELINE")).build())
            .build())
        .inputs(inputs)
        .outputs(outputs)
        .build();
  }

  private static ZonedDateTime time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
  }
}
