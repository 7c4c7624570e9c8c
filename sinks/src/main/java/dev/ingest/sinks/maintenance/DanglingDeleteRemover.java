package dev.ingest.sinks.maintenance;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.maintenance.operator.TableChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After each compaction commit the monitor reports ({@code replace} snapshots that deleted data files), removes the
 * table's {@link DanglingDeletes}. Emits how many it removed. A commit that loses to a concurrent one is logged and
 * left for the next compaction, so it never fails the job it runs in.
 */
final class DanglingDeleteRemover extends ProcessFunction<TableChange, Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DanglingDeleteRemover.class);

  private final TableLoader tableLoader;
  private transient Table table;

  DanglingDeleteRemover(TableLoader tableLoader) {
    this.tableLoader = tableLoader;
  }

  @Override
  public void open(OpenContext context) {
    tableLoader.open();
    table = tableLoader.loadTable();
  }

  @Override
  public void processElement(TableChange change, Context context, Collector<Integer> out) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    if (current == null || !DataOperations.REPLACE.equals(current.operation())
        || current.summary().get("deleted-data-files") == null) {
      return;
    }
    int removed;
    try {
      removed = DanglingDeletes.remove(table);
    } catch (ValidationException | CommitFailedException e) {
      // a concurrent commit (the pipeline's, or a compaction) won: try again at the next compaction; failing here
      // would restart the pipeline's whole job
      LOG.warn("{}: dangling delete files not removed this time: {}", table.name(), e.getMessage());
      return;
    }
    if (removed > 0) {
      LOG.info("{}: removed {} delete files that applied to no data file after compaction", table.name(), removed);
      out.collect(removed);
    }
  }

  @Override
  public void close() throws Exception {
    tableLoader.close();
  }
}
