package dev.ingest.jobs.compile;

import dev.ingest.jobs.lineage.RunSignal;
import dev.ingest.sinks.deadletter.DeadLetterTable;
import dev.ingest.sinks.rows.JsonRowConverter;
import dev.ingest.sinks.rows.RecordConversionException;
import dev.ingest.sinks.runs.RunRow;
import dev.ingest.sinks.runs.RunsTable;
import dev.ingest.sources.source.event.ApiEvent;
import dev.ingest.sources.source.event.EndpointRun;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The parsing operator: turns each {@link ApiEvent} record into a row of its endpoint's table (side output per
 * endpoint), records that cannot be converted into dead-letter rows, and each endpoint run summary into a row of
 * the runs table, with the dead letters of that endpoint run added to its error count (and subtracted from its
 * rows). For full-refresh endpoints the run summary also goes out as a {@link RunCompletion} to the publisher.
 *
 * <p>It runs chained to the source (forward, same parallelism), so the records of one split and that split's run
 * summary pass through the same subtask, in order; dead-letter counts per split are checkpointed with the
 * operator.
 */
public class ParseFunction extends ProcessFunction<ApiEvent, RowData> implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;

  private final String pipeline;
  private final Map<String, JsonRowConverter> converters;
  private final Map<String, OutputTag<RowData>> endpointTags;
  private final OutputTag<RowData> runsTag;
  private final OutputTag<RowData> deadLetterTag;
  private final OutputTag<RunCompletion> completionTag;
  private final Set<String> fullRefreshEndpoints;
  private NewColumnGuard newColumns;
  private OutputTag<RunSignal> lineageTag;
  private Map<String, DeletionRows> deletions = Map.of();

  private transient Map<String, Long> deadLetters;
  private transient ListState<DeadLetterCount> deadLetterState;
  private transient Counter deadLetterCounter;
  private transient String lastStartedRun;

  public ParseFunction(
      String pipeline,
      Map<String, JsonRowConverter> converters,
      Map<String, OutputTag<RowData>> endpointTags,
      OutputTag<RowData> runsTag,
      OutputTag<RowData> deadLetterTag,
      OutputTag<RunCompletion> completionTag,
      Set<String> fullRefreshEndpoints) {
    this.pipeline = pipeline;
    this.completionTag = completionTag;
    this.fullRefreshEndpoints = Set.copyOf(fullRefreshEndpoints);
    this.converters = Map.copyOf(converters);
    this.endpointTags = Map.copyOf(endpointTags);
    this.runsTag = runsTag;
    this.deadLetterTag = deadLetterTag;
  }

  /** Makes fields first seen in a run columns within the run (see {@link NewColumnGuard}); off by default. */
  public ParseFunction evolvingColumnsWith(NewColumnGuard guard) {
    this.newColumns = guard;
    return this;
  }

  /**
   * Also turns each record of a deletions endpoint (the map's key) into a delete row of its target's upsert table
   * ({@link DeletionRows}); none by default.
   */
  public ParseFunction deleting(Map<String, DeletionRows> byEndpoint) {
    this.deletions = Map.copyOf(byEndpoint);
    return this;
  }

  /** Also sends each run's start and endpoint ends to {@code tag}, for lineage ({@link RunSignal}); off by default. */
  public ParseFunction reportingRunsTo(OutputTag<RunSignal> tag) {
    this.lineageTag = tag;
    return this;
  }

  @Override
  public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
    deadLetterCounter = getRuntimeContext().getMetricGroup().counter("deadLetters");
  }

  @Override
  public void processElement(ApiEvent event, Context ctx, Collector<RowData> out) {
    if (lineageTag != null && !event.runId.equals(lastStartedRun)) {
      ctx.output(lineageTag, RunSignal.started(event.runId, event.runStartedAt));
      lastStartedRun = event.runId;
    }
    if (event.isRecord()) {
      processRecord(event, ctx);
    } else {
      processRun(event.run, ctx);
    }
  }

  private void processRecord(ApiEvent event, Context ctx) {
    JsonRowConverter converter = converters.get(event.endpoint);
    long now = System.currentTimeMillis();
    if (converter == null) {
      deadLetter(event, "no table planned for endpoint " + event.endpoint, now, ctx);
      return;
    }
    try {
      RowData row = converter.convert(event.json, event.runId, now);
      DeletionRows deletion = deletions.get(event.endpoint);
      RowData delete = deletion == null ? null
          : deletion.toDelete(event.text(), event.runId, now, converters.get(deletion.target()));
      if (newColumns != null) {
        newColumns.check(event.endpoint, row);
      }
      ctx.output(endpointTags.get(event.endpoint), row);
      if (delete != null) {
        ctx.output(endpointTags.get(deletion.target()), delete);
      }
    } catch (RecordConversionException e) {
      deadLetter(event, e.getMessage(), now, ctx);
    }
  }

  private void deadLetter(ApiEvent event, String error, long now, Context ctx) {
    ctx.output(deadLetterTag, DeadLetterTable.toRow(event.runId, event.endpoint, error, event.text(), now));
    deadLetters.merge(splitKey(event.runId, event.endpoint), 1L, Long::sum);
    deadLetterCounter.inc();
  }

  private void processRun(EndpointRun run, Context ctx) {
    long dead = deadLetters.getOrDefault(splitKey(run.runId, run.endpoint), 0L);
    deadLetters.remove(splitKey(run.runId, run.endpoint));
    RunRow row = new RunRow(
        run.runId, run.endpoint, run.runStartedAt, run.startedAt, run.endedAt, run.durationMillis(),
        run.pages, run.requests, run.rows - dead, run.bytes, run.retries, run.throttled, run.waitedMillis,
        run.errors + dead, run.status, run.errorClass, run.errorMessage, run.cursorStart, run.cursorEnd,
        run.decodedBytes, run.apiTotal);
    ctx.output(runsTag, RunsTable.toRow(row));
    if (lineageTag != null) {
      ctx.output(lineageTag, RunSignal.ended(run, row.rows()));
    }
    if (fullRefreshEndpoints.contains(run.endpoint)) {
      ctx.output(completionTag, new RunCompletion(run.endpoint, run.runId, row.rows(), run.runStartedAt,
          EndpointRun.SUCCEEDED.equals(run.status)));
    }
  }

  private static String splitKey(String runId, String endpoint) {
    return runId + "/" + endpoint;
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    deadLetterState.clear();
    for (Map.Entry<String, Long> e : deadLetters.entrySet()) {
      deadLetterState.add(new DeadLetterCount(e.getKey(), e.getValue()));
    }
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    deadLetterState = context.getOperatorStateStore()
        .getListState(new ListStateDescriptor<>("dead-letter-counts", DeadLetterCount.class));
    deadLetters = new HashMap<>();
    if (context.isRestored()) {
      for (DeadLetterCount c : deadLetterState.get()) {
        deadLetters.merge(c.splitKey, c.count, Long::sum);
      }
    }
  }

  @Override
  public String toString() {
    return "ParseFunction{" + pipeline + " endpoints=" + endpointTags.keySet() + "}";
  }
}
