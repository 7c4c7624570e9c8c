package dev.ingest.sinks.runs;

import java.io.IOException;
import java.util.Objects;
import org.apache.iceberg.Table;
import org.apache.iceberg.flink.TableLoader;

/**
 * A {@link TableLoader} whose tables record the run ids of the rows each commit adds in the snapshot summary (see
 * {@link RunTracingTable}). Given to the v1 Flink sink, whose committer loads its table through it.
 */
public final class RunTracingTableLoader implements TableLoader {
  private static final long serialVersionUID = 1L;

  private final TableLoader delegate;
  private final String runIdColumn;

  /**
   * @param delegate loads the table itself
   * @param runIdColumn the string column holding each row's run id
   */
  public RunTracingTableLoader(TableLoader delegate, String runIdColumn) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.runIdColumn = Objects.requireNonNull(runIdColumn, "runIdColumn");
  }

  @Override
  public void open() {
    delegate.open();
  }

  @Override
  public boolean isOpen() {
    return delegate.isOpen();
  }

  @Override
  public Table loadTable() {
    return RunTracingTable.wrap(delegate.loadTable(), runIdColumn);
  }

  @Override
  @SuppressWarnings("checkstyle:NoClone")
  public TableLoader clone() {
    return new RunTracingTableLoader(delegate.clone(), runIdColumn);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  @Override
  public String toString() {
    return "RunTracingTableLoader{" + delegate + ", column=" + runIdColumn + "}";
  }
}
