package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.write.WriteMode;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.secret.SecretStoreProvider;
import dev.ingest.sources.source.event.ApiEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Compiles a validated {@link PipelineSpec} into a Flink job graph: plans the tables, then hands the graph to one
 * translator per step, in this order: {@link SourceTranslator}, {@link ParseTranslator}, {@link SinkTranslator}
 * (endpoint tables), {@link PublishTranslator} (full refresh), {@link RunTrackingTranslator} (runs and dead
 * letters), with lineage on {@link LineageTranslator} (OpenLineage run events, see docs/operations.md) and, in
 * scheduled jobs, {@link MaintenanceTranslator} (Iceberg's table maintenance on the pipeline's {@code maintenance}
 * schedule). What the caller chooses comes in one {@link CompileOptions}.
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
 *
 *  scheduled jobs with a maintenance schedule, per endpoint table (Iceberg's TableMaintenance):
 *  MonitorSource ─▶ TriggerManager (lock) ─▶ RewriteDataFiles │ ExpireSnapshots │ DeleteOrphanFiles ─▶ LockRemover
 * </pre>
 *
 * <p>Per endpoint write mode: append writes {@code main}; upsert writes {@code main} with equality deletes on the
 * primary key; full refresh appends to the branch {@code ingest_staging} and is published by
 * {@link FullRefreshPublishFunction} (see docs/tables.md). The sinks module decides how each mode writes
 * ({@code dev.ingest.sinks.write}).
 *
 * <p>Every table is created before the graph is built ({@link TablePlanner}); an endpoint whose schema discovery
 * failed has no table and no sink, and its run is recorded as failed. The sink is Iceberg's v1
 * {@code FlinkSink}, one per table (see docs/architecture.md for why not the dynamic sink).
 */
public final class PipelineCompiler {
  private final CatalogLoader catalogLoader;
  private final PageFetcherFactory fetchers;
  private SecretStoreProvider secrets;

  /**
   * @param catalogLoader the destination's catalog loader (shipped in the job graph)
   * @param fetchers the pipeline's fetcher factory (shipped in the job graph)
   */
  public PipelineCompiler(CatalogLoader catalogLoader, PageFetcherFactory fetchers) {
    this.catalogLoader = catalogLoader;
    this.fetchers = fetchers;
  }

  /** The secret store operators read from at run time (today: the lineage API key); none by default. */
  public PipelineCompiler withSecrets(SecretStoreProvider secrets) {
    this.secrets = secrets;
    return this;
  }

  /**
   * Plans the tables and adds the pipeline's operators to {@code env}, with the catalog loader and fetchers passed
   * through the decorators of {@code options} first.
   */
  public List<EndpointTable> compile(StreamExecutionEnvironment env, PipelineSpec pipeline, CompileOptions options)
      throws Exception {
    CatalogLoader loader = options.catalogDecorator().apply(catalogLoader);
    PageFetcherFactory pipelineFetchers = options.fetcherDecorator().apply(fetchers);
    Catalog catalog = loader.loadCatalog();
    TablePlan plan = new TablePlanner(catalog, pipelineFetchers).plan(pipeline);
    List<EndpointTable> tables = plan.tables();
    FullRefreshRecovery.publishFinished(catalog, pipeline);
    RunTrackingTranslator runTracking = new RunTrackingTranslator(loader);
    runTracking.ensureTables(catalog, pipeline);

    DataStream<ApiEvent> events = new SourceTranslator(options).translate(env, pipeline,
        new DiscoveryAwareFetchers(pipelineFetchers, plan), IncrementalMarks.latest(catalog, pipeline));
    Map<String, TableIdentifier> fullRefresh = fullRefreshTables(tables);
    ParsedStreams parsed = new ParseTranslator(options, loader).translate(events, pipeline, tables,
        fullRefresh.keySet());
    new SinkTranslator(loader).translate(parsed, pipeline, tables);
    new PublishTranslator(loader).translate(parsed, pipeline, fullRefresh);
    runTracking.translate(parsed, pipeline);
    if (pipeline.lineage().enabled()) {
      new LineageTranslator(loader, secrets).translate(parsed, pipeline, tables, catalog);
    }
    if (options.mode() == CompileOptions.Mode.SCHEDULED) {
      // a run-once job ends with its run; maintenance's monitor source never ends, so only scheduled jobs carry it
      new MaintenanceTranslator(loader).translate(env, pipeline, tables);
    }
    return tables;
  }

  /** Endpoint → table of the full-refresh endpoints: their runs are published after they end. */
  private static Map<String, TableIdentifier> fullRefreshTables(List<EndpointTable> tables) {
    Map<String, TableIdentifier> fullRefresh = new HashMap<>();
    tables.stream().filter(t -> t.writeMode() == WriteMode.FULL_REFRESH)
        .forEach(t -> fullRefresh.put(t.endpoint(), t.identifier()));
    return fullRefresh;
  }
}
