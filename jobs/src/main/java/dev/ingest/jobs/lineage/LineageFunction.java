package dev.ingest.jobs.lineage;

import dev.ingest.jobs.spec.LineageOptions;
import dev.ingest.sources.secret.SecretStoreProvider;
import io.openlineage.client.OpenLineage.RunEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a pipeline's runs as OpenLineage run events (parallelism 1). START goes out when a run is first seen;
 * COMPLETE (every endpoint succeeded) or FAIL (any failed) once every endpoint of the run has ended <em>and</em> a
 * checkpoint holding those ends has completed, i.e. when the run's rows are committed or being committed; the end
 * event then waits (bounded, on the sending thread) for the run's commits to show in the tables, for their byte
 * counts.
 *
 * <p>Delivery is at least once per event type and run, with a stable run id: runs in progress, and runs whose end
 * a checkpoint holds but whose event is not yet sent, are in checkpointed state; a restore from a checkpoint taken
 * before an event was sent sends it again. Run ids already ended are remembered (the last {@link #DONE_KEPT}), so
 * a replayed start of an ended run is not reported. A job that stops for good in mid-run reports no end: the run's
 * end is reported when a job restored from its checkpoint finishes it.
 */
public class LineageFunction extends ProcessFunction<RunSignal, RunSignal>
    implements CheckpointedFunction, CheckpointListener {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(LineageFunction.class);
  /** How many ended run ids are remembered. */
  static final int DONE_KEPT = 64;
  /** The field of the API key in its secret. */
  public static final String API_KEY_FIELD = "api_key";

  private final String pipeline;
  private final LineageOptions options;
  private final List<LineageDataset> datasets;
  private final Set<String> endpoints;
  private final CatalogLoader catalogLoader;
  private final SecretStoreProvider secrets;
  private final long commitWaitMillis;

  private transient RunEvents events;
  private transient LineageEmitter emitter;
  private transient TableReader tables;
  private transient Map<String, RunProgress> runs;
  private transient Deque<String> done;
  private transient ListState<RunSignal> runState;
  private transient ListState<String> doneState;

  /**
   * @param endpoints the pipeline's endpoints: every run has all of them, and ends when each has ended
   * @param datasets one per endpoint with a table (an endpoint whose discovery failed has none)
   * @param secrets where the API key is read from when {@code options} names one (null when it names none)
   * @param commitWaitMillis how long an end event waits for the run's commits to show in the tables
   */
  public LineageFunction(String pipeline, LineageOptions options, List<String> endpoints,
      List<LineageDataset> datasets,
      CatalogLoader catalogLoader, SecretStoreProvider secrets, long commitWaitMillis) {
    if (!options.enabled()) {
      throw new IllegalArgumentException("lineage is off for pipeline " + pipeline);
    }
    if (options.apiKeySecret().isPresent() && secrets == null) {
      throw new IllegalArgumentException("lineage.api_key_secret is set but no secret store was given");
    }
    this.pipeline = pipeline;
    this.options = options;
    this.datasets = List.copyOf(datasets);
    this.endpoints = Set.copyOf(endpoints);
    this.catalogLoader = catalogLoader;
    this.secrets = secrets;
    this.commitWaitMillis = commitWaitMillis;
  }

  @Override
  public void open(OpenContext openContext) {
    events = new RunEvents(options.namespace(), pipeline, datasets);
    tables = new TableReader(catalogLoader);
    Optional<String> key = apiKey();
    if (options.apiKeySecret().isPresent() && key.isEmpty()) {
      LOG.warn("pipeline {}: lineage is off: secret {} has no field {}", pipeline, options.apiKeySecret().get(),
          API_KEY_FIELD);
      return;
    }
    emitter = new LineageEmitter(pipeline, options, key, commitWaitMillis);
  }

  private Optional<String> apiKey() {
    if (options.apiKeySecret().isEmpty()) {
      return Optional.empty();
    }
    String name = options.apiKeySecret().get();
    try {
      return secrets.open().read(name).map(fields -> fields.get(API_KEY_FIELD)).filter(k -> !k.isBlank());
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn("pipeline {}: cannot read lineage secret {}: {}", pipeline, name, e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  @Override
  public void processElement(RunSignal signal, Context ctx, Collector<RunSignal> out) {
    if (done.contains(signal.runId)) {
      return;
    }
    RunProgress run = runs.get(signal.runId);
    if (run == null) {
      run = new RunProgress(signal.runId, signal.runStartedAt);
      runs.put(signal.runId, run);
      RunProgress started = run;
      send("START of run " + run.runId, () -> events.start(started.runId, started.runStartedAt));
    }
    if (signal.kind == RunSignal.ENDPOINT_ENDED) {
      run.ended(signal);
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    List<RunSignal> signals = new ArrayList<>();
    for (RunProgress run : runs.values()) {
      if (run.checkpointId() == RunSignal.NOT_ENDED && run.isEnded(endpoints)) {
        run.heldBy(context.getCheckpointId());
      }
      signals.addAll(run.toSignals());
    }
    runState.update(signals);
    doneState.update(new ArrayList<>(done));
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    for (Iterator<RunProgress> it = runs.values().iterator(); it.hasNext(); ) {
      RunProgress run = it.next();
      if (run.checkpointId() == RunSignal.NOT_ENDED || run.checkpointId() > checkpointId) {
        continue;
      }
      it.remove();
      remember(run.runId);
      List<RunSignal> ended = run.endedSignals();
      send("end of run " + run.runId, () -> endEvent(run, ended));
    }
  }

  private RunEvent endEvent(RunProgress run, List<RunSignal> ended) {
    Map<String, Long> landed = new HashMap<>();
    Map<String, String> tableOf = new HashMap<>();
    datasets.forEach(d -> tableOf.put(d.endpoint(), d.table()));
    for (RunSignal s : ended) {
      if (tableOf.containsKey(s.endpoint)) {
        landed.put(tableOf.get(s.endpoint), s.rowsLanded);
      }
    }
    return events.end(run.runId, run.runStartedAt, ended, tables.added(run.runId, landed, commitWaitMillis));
  }

  private void send(String what, java.util.function.Supplier<RunEvent> event) {
    if (emitter != null) {
      emitter.send(what, event);
    }
  }

  private void remember(String runId) {
    done.addLast(runId);
    while (done.size() > DONE_KEPT) {
      done.removeFirst();
    }
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    runState = context.getOperatorStateStore()
        .getListState(new ListStateDescriptor<>("lineage-runs", RunSignal.class));
    doneState = context.getOperatorStateStore()
        .getListState(new ListStateDescriptor<>("lineage-done", String.class));
    runs = new LinkedHashMap<>();
    done = new ArrayDeque<>();
    if (!context.isRestored()) {
      return;
    }
    for (RunSignal s : runState.get()) {
      RunProgress run = runs.computeIfAbsent(s.runId, id -> new RunProgress(id, s.runStartedAt));
      if (s.kind == RunSignal.STARTED) {
        run.heldBy(s.checkpointId);
      } else {
        run.ended(s);
      }
    }
    doneState.get().forEach(done::addLast);
  }

  @Override
  public void close() throws Exception {
    if (emitter != null) {
      emitter.close();
    }
    if (tables != null) {
      tables.close();
    }
    super.close();
  }

  /** Reads the run's commits from the tables, on the sending thread only; its catalog is opened on first use. */
  static final class TableReader implements AutoCloseable {
    private final CatalogLoader loader;
    private Catalog catalog;

    TableReader(CatalogLoader loader) {
      this.loader = loader;
    }

    /**
     * What the run's commits added per table; waits up to {@code waitMillis} until the commits naming the run hold
     * at least the rows the run landed in each table (the committers commit at the same checkpoint, in other
     * tasks). A table that cannot be read is left out.
     */
    Map<String, TableCommits.Added> added(String runId, Map<String, Long> landedByTable, long waitMillis) {
      Map<String, TableCommits.Added> added = new HashMap<>();
      long deadline = System.currentTimeMillis() + waitMillis;
      for (Map.Entry<String, Long> e : landedByTable.entrySet()) {
        try {
          TableCommits.Added a = read(e.getKey(), runId);
          while (a.records() < e.getValue() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            a = read(e.getKey(), runId);
          }
          added.put(e.getKey(), a);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return added;
        } catch (RuntimeException re) {
          LOG.warn("lineage: cannot read the commits of {}: {}", e.getKey(), re.toString());
        }
      }
      return added;
    }

    private TableCommits.Added read(String table, String runId) {
      if (catalog == null) {
        catalog = loader.loadCatalog();
      }
      return TableCommits.of(catalog.loadTable(TableIdentifier.parse(table)), runId);
    }

    @Override
    public void close() throws Exception {
      if (catalog instanceof AutoCloseable c) {
        c.close();
      }
    }
  }
}
