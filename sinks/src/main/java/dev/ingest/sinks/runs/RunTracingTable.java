package dev.ingest.sinks.runs;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ReplacePartitions;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;

/**
 * A view of a {@link Table} whose appends, row deltas and partition replacements write the run ids of the rows
 * they add into the snapshot summary ({@value SnapshotRunIds#SUMMARY_KEY}), read from the given run-id column of
 * the added data files just before the commit (see {@link SnapshotRunIds}). Everything else is the table itself.
 *
 * <p>This is how the v1 Flink sink's commits name their runs: its snapshot properties are fixed when the job graph
 * is built, but a scheduled job has many runs and one checkpoint may hold rows of several. The committer loads its
 * table through {@link RunTracingTableLoader}, so every commit it makes goes through this view.
 */
final class RunTracingTable {
  private RunTracingTable() {}

  /** {@code table}, with run-id tracing on its row-adding operations. */
  static Table wrap(Table table, String runIdColumn) {
    List<Class<?>> interfaces = new ArrayList<>(List.of(Table.class));
    if (table instanceof HasTableOperations) {
      interfaces.add(HasTableOperations.class);
    }
    return (Table) proxy(table, interfaces, (self, method, args) -> switch (method.getName()) {
      case "newAppend", "newRowDelta", "newReplacePartitions" ->
          traced((SnapshotUpdate<?>) invoke(table, method, args), table, runIdColumn);
      default -> invoke(table, method, args);
    });
  }

  private static Object traced(SnapshotUpdate<?> update, Table table, String runIdColumn) {
    Class<?> type = update instanceof AppendFiles ? AppendFiles.class
        : update instanceof RowDelta ? RowDelta.class : ReplacePartitions.class;
    List<DataFile> added = new ArrayList<>();
    return proxy(update, List.of(type), (self, method, args) -> {
      switch (method.getName()) {
        case "appendFile", "addRows", "addFile" -> added.add((DataFile) args[0]);
        case "commit" -> {
          Set<String> ids = SnapshotRunIds.of(table, runIdColumn, added);
          if (!ids.isEmpty()) {
            update.set(SnapshotRunIds.SUMMARY_KEY, SnapshotRunIds.summaryValue(ids));
          }
        }
        default -> { }
      }
      Object result = invoke(update, method, args);
      return result == update ? self : result; // keep fluent calls on the traced view
    });
  }

  private static Object proxy(Object target, List<Class<?>> interfaces, InvocationHandler handler) {
    return Proxy.newProxyInstance(RunTracingTable.class.getClassLoader(), interfaces.toArray(Class<?>[]::new),
        (self, method, args) -> method.getDeclaringClass() == Object.class && "toString".equals(method.getName())
            ? "traced(" + target + ")"
            : handler.invoke(self, method, args));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
