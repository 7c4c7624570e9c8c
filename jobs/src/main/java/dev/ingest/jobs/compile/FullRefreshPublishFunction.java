package dev.ingest.jobs.compile;

import dev.ingest.sinks.refresh.StagedRunPublisher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes finished full-refresh runs (parallelism 1). Each {@link RunCompletion} is kept in checkpointed state
 * until {@link StagedRunPublisher#publish} reports it published (or superseded); attempts happen when a checkpoint
 * completes, i.e. when the staging sinks may have committed more. A failed run is never published: its staged
 * rows are discarded. Publishing is idempotent and self-checking (it counts the staged rows of the run), so the
 * order in which Flink notifies this operator and the staging sink's committer does not matter.
 */
public class FullRefreshPublishFunction extends ProcessFunction<RunCompletion, RunCompletion>
    implements CheckpointedFunction, CheckpointListener {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(FullRefreshPublishFunction.class);

  private final CatalogLoader catalogLoader;
  private final Map<String, String> tables;
  private final Map<String, String> summary;

  private transient Catalog catalog;
  private transient List<RunCompletion> pending;
  private transient ListState<RunCompletion> pendingState;

  /**
   * @param tables the full-refresh endpoints' tables by endpoint
   * @param summary snapshot-summary entries for the publishing commits (the endpoint is added per table)
   */
  public FullRefreshPublishFunction(
      CatalogLoader catalogLoader, Map<String, TableIdentifier> tables, Map<String, String> summary) {
    this.catalogLoader = catalogLoader;
    this.tables = new HashMap<>();
    tables.forEach((endpoint, id) -> this.tables.put(endpoint, id.toString())); // TableIdentifier is not serializable
    this.summary = Map.copyOf(summary);
  }

  @Override
  public void open(OpenContext openContext) {
    catalog = catalogLoader.loadCatalog();
  }

  @Override
  public void processElement(RunCompletion completion, Context ctx, Collector<RunCompletion> out) {
    if (tables.containsKey(completion.endpoint)) {
      pending.add(completion);
    }
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    for (Iterator<RunCompletion> it = pending.iterator(); it.hasNext(); ) {
      RunCompletion c = it.next();
      try {
        if (attempt(c)) {
          it.remove();
        }
      } catch (RuntimeException e) {
        LOG.warn("could not publish {} yet; retrying after the next checkpoint", c, e);
      }
    }
  }

  private boolean attempt(RunCompletion c) {
    Table table = catalog.loadTable(TableIdentifier.parse(tables.get(c.endpoint)));
    if (!c.succeeded) {
      StagedRunPublisher.discard(table, c.runId);
      LOG.info("run {} of {} failed: its staged rows are discarded, the table keeps the previous run", c.runId,
          table.name());
      return true;
    }
    Map<String, String> props = new HashMap<>(summary);
    props.put("ingest.endpoint", c.endpoint);
    return StagedRunPublisher.publish(table, c.stagedRun(), props) != StagedRunPublisher.Outcome.INCOMPLETE;
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    pendingState.update(new ArrayList<>(pending));
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    pendingState = context.getOperatorStateStore()
        .getListState(new ListStateDescriptor<>("full-refresh-pending", RunCompletion.class));
    pending = new ArrayList<>();
    if (context.isRestored()) {
      pendingState.get().forEach(pending::add);
    }
  }
}
