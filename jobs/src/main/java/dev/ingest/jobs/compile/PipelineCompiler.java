package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.jobs.spec.WriteMode;
import dev.ingest.sinks.IcebergSinks;
import dev.ingest.sinks.WriteOptions;
import dev.ingest.sinks.refresh.StagedRunPublisher;
import dev.ingest.sinks.deadletter.DeadLetterTable;
import dev.ingest.sinks.rows.JsonRowConverter;
import dev.ingest.sinks.runs.RunsTable;
import dev.ingest.sinks.schema.MetadataColumns;
import dev.ingest.sinks.tables.EndpointTables;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.source.ApiSource;
import dev.ingest.sources.source.ApiSourceBuilder;
import dev.ingest.sources.source.event.ApiEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkSchemaUtil;

/**
 * Compiles a validated {@link PipelineSpec} into a Flink job graph. One translator step each for the source, the
 * parsing operator and the sinks:
 *
 * <pre>
 *  ApiSource (FLIP-27)          ParseFunction (chained)         FlinkSink v1 per table, commit at checkpoints
 *  ┌───────────────────┐        ┌────────────────────┐  tickets  ┌───────────────────────────┐
 *  │ enumerator: cron  │ Api    │ JSON ─▶ RowData    ├──────────▶│ &lt;pipeline&gt;.tickets         │
 *  │ readers: pages,   ├──────▶ │ per endpoint table │  contacts ├───────────────────────────┤
 *  │ cursor in state   │ Event  │                    ├──────────▶│ &lt;pipeline&gt;.contacts        │
 *  └───────────────────┘        │ run summaries      ├──────────▶│ &lt;pipeline&gt;._ingest_runs    │
 *                               │ unconvertible      ├──────────▶│ &lt;pipeline&gt;._ingest_dead_letters │
 *                               │ full-refresh runs  ├──┐        └───────────────────────────┘
 *                               └────────────────────┘  │  FullRefreshPublishFunction (p=1): at checkpoint
 *                                                       └─▶ completion, swaps a finished run's staged files
 *                                                          (branch ingest_staging) into main in one commit
 * </pre>
 *
 * <p>Per endpoint write mode: append writes {@code main}; upsert writes {@code main} with equality deletes on the
 * primary key; full refresh appends to the branch {@code ingest_staging} and is published by
 * {@link FullRefreshPublishFunction} (see docs/tables.md).
 *
 * <p>Every table is created before the graph is built ({@link TablePlanner}); an endpoint whose schema discovery
 * failed has no table and no sink, and its run is recorded as failed. The sink is Iceberg's v1
 * {@code FlinkSink}, one per table (see docs/architecture.md for why not the dynamic sink).
 */
public final class PipelineCompiler {
  static final String SOURCE_UID = "api-source";
  static final String PARSE_UID = "parse";
  static final String PUBLISH_UID = "publish-full-refresh";
  /** The run-id column of the runs and dead-letter tables. */
  private static final String RUN_ID_COLUMN = "run_id";

  /** Whether the job runs one run and ends ({@code --once}) or runs on the schedule forever. */
  public enum Mode { ONCE, SCHEDULED }

  private final CatalogLoader catalogLoader;
  private final Catalog catalog;
  private final PageFetcherFactory fetchers;
  private boolean evolveWithinRun;

  public PipelineCompiler(CatalogLoader catalogLoader, PageFetcherFactory fetchers) {
    this.catalogLoader = catalogLoader;
    this.catalog = catalogLoader.loadCatalog();
    this.fetchers = fetchers;
  }

  /**
   * Whether a field first seen during a run fails the job after adding its column ({@link NewColumnGuard}), for
   * runners that rebuild the graph and resume on {@link NewColumnsException} ({@code LocalPipelineRunner}). Off by
   * default: the value then stays in {@code _ingest_extra} and the column appears at the next job start.
   */
  public PipelineCompiler evolveColumnsWithinRun(boolean enabled) {
    this.evolveWithinRun = enabled;
    return this;
  }

  /** Plans the tables and adds the pipeline's operators to {@code env}. */
  public List<EndpointTable> compile(StreamExecutionEnvironment env, PipelineSpec pipeline, Mode mode)
      throws Exception {
    TablePlan plan = new TablePlanner(catalog, fetchers).plan(pipeline);
    List<EndpointTable> tables = plan.tables();
    FullRefreshRecovery.publishFinished(catalog, pipeline);
    Namespace namespace = Namespace.of(pipeline.name());
    TableIdentifier runsId = TableIdentifier.of(namespace, RunsTable.NAME);
    TableIdentifier deadId = TableIdentifier.of(namespace, DeadLetterTable.NAME);
    EndpointTables.ensureFixed(catalog, runsId, RunsTable.schema());
    EndpointTables.ensureFixed(catalog, deadId, DeadLetterTable.schema());

    DataStream<ApiEvent> events = translateSource(env, pipeline, mode, new DiscoveryAwareFetchers(fetchers, plan));

    Map<String, JsonRowConverter> converters = new HashMap<>();
    Map<String, OutputTag<RowData>> tags = new HashMap<>();
    for (EndpointTable table : tables) {
      converters.put(table.endpoint(), new JsonRowConverter(table.schema()));
      tags.put(table.endpoint(), new OutputTag<>("rows-" + table.endpoint(), typeOf(table.schema())));
    }
    OutputTag<RowData> runsTag = new OutputTag<>("runs", typeOf(RunsTable.schema()));
    OutputTag<RowData> deadTag = new OutputTag<>("dead-letters", typeOf(DeadLetterTable.schema()));
    OutputTag<RunCompletion> completionTag = new OutputTag<>("run-completions", TypeInformation.of(RunCompletion.class));
    Map<String, TableIdentifier> fullRefresh = new HashMap<>();
    tables.stream().filter(t -> t.writeMode() == WriteMode.FULL_REFRESH)
        .forEach(t -> fullRefresh.put(t.endpoint(), t.identifier()));

    ParseFunction parse = new ParseFunction(pipeline.name(), converters, tags, runsTag, deadTag, completionTag,
        fullRefresh.keySet());
    if (evolveWithinRun) {
      parse.evolvingColumnsWith(new NewColumnGuard(catalogLoader, tables));
    }
    SingleOutputStreamOperator<RowData> parsed = events
        .process(parse)
        .returns(typeOf(RunsTable.schema()))
        .name("parse " + pipeline.name())
        .uid(PARSE_UID)
        .setParallelism(pipeline.runtime().parallelism());

    int writers = pipeline.runtime().parallelism();
    for (EndpointTable table : tables) {
      IcebergSinks.write(parsed.getSideOutput(tags.get(table.endpoint())), catalogLoader, table.identifier(),
          "sink-" + table.endpoint(), snapshotProperties(pipeline, table.endpoint()), writers, writeOptions(table));
    }
    if (!fullRefresh.isEmpty()) {
      translatePublisher(parsed.getSideOutput(completionTag), pipeline, fullRefresh);
    }
    IcebergSinks.write(parsed.getSideOutput(runsTag), catalogLoader, runsId, "sink-runs",
        snapshotProperties(pipeline, RunsTable.NAME), 1, WriteOptions.append().tracingRuns(RUN_ID_COLUMN));
    IcebergSinks.write(parsed.getSideOutput(deadTag), catalogLoader, deadId, "sink-dead-letters",
        snapshotProperties(pipeline, DeadLetterTable.NAME), 1, WriteOptions.append().tracingRuns(RUN_ID_COLUMN));
    return tables;
  }

  /**
   * Every endpoint of the pipeline runs, also one whose schema discovery failed: its fetcher fails its run at once,
   * so the run records it as {@code FAILED} with the run's own id (see {@link DiscoveryAwareFetchers}).
   */
  private DataStream<ApiEvent> translateSource(StreamExecutionEnvironment env, PipelineSpec pipeline, Mode mode,
      PageFetcherFactory sourceFetchers) {
    ApiSourceBuilder builder = ApiSource.builder()
        .pipeline(pipeline.name())
        .endpoints(pipeline.endpointNames())
        .fetchers(sourceFetchers)
        .startCursors(IncrementalMarks.latest(catalog, pipeline));
    ApiSource source = mode == Mode.ONCE ? builder.bounded().endInputAfterCheckpoint().build() : builder.schedule(pipeline.schedule()).build();
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "api " + pipeline.name())
        .uid(SOURCE_UID)
        .setParallelism(pipeline.runtime().parallelism());
  }

  /** Full-refresh endpoints stage on a branch; the publisher swaps a finished run into {@code main}. */
  private void translatePublisher(
      DataStream<RunCompletion> completions, PipelineSpec pipeline, Map<String, TableIdentifier> fullRefresh) {
    completions
        .process(new FullRefreshPublishFunction(catalogLoader, fullRefresh,
            Map.of("ingest.pipeline", pipeline.name(), "ingest.write-mode", WriteMode.FULL_REFRESH.yamlName())))
        .returns(RunCompletion.class)
        .name("publish full refresh " + pipeline.name())
        .uid(PUBLISH_UID)
        .setParallelism(1)
        .sinkTo(new DiscardingSink<>())
        .name("published")
        .uid(PUBLISH_UID + "-end")
        .setParallelism(1);
  }

  /** Every commit names the runs of its rows in the snapshot summary ({@code ingest.run-id}). */
  private static WriteOptions writeOptions(EndpointTable table) {
    WriteOptions options = switch (table.writeMode()) {
      case APPEND -> WriteOptions.append();
      case UPSERT -> WriteOptions.upsert(table.selection().primaryKey());
      case FULL_REFRESH -> WriteOptions.appendToBranch(StagedRunPublisher.STAGING_BRANCH);
    };
    return options.tracingRuns(MetadataColumns.RUN_ID);
  }

  private static InternalTypeInfo<RowData> typeOf(Schema schema) {
    RowType rowType = FlinkSchemaUtil.convert(schema);
    return InternalTypeInfo.of(rowType);
  }

  private static Map<String, String> snapshotProperties(PipelineSpec pipeline, String endpoint) {
    Map<String, String> props = new HashMap<>();
    props.put("ingest.pipeline", pipeline.name());
    props.put("ingest.endpoint", endpoint);
    pipeline.endpoints().stream().filter(e -> e.name().equals(endpoint)).findFirst()
        .ifPresent(e -> props.put("ingest.write-mode", e.writeMode().yamlName()));
    return props;
  }
}
