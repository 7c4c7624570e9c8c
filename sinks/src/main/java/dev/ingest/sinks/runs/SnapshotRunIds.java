package dev.ingest.sinks.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.formats.FormatModelRegistry;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * The run ids of the rows in a set of data files about to be committed, read from a string column that holds the
 * run id ({@code _ingest_run_id} in endpoint tables, {@code run_id} in the runs and dead-letter tables).
 *
 * <p>Cheap in the common case: when a file's lower and upper bound of the column are equal, every row of the file
 * has that value (a truncated bound never equals its partner, so equal bounds are exact). Only a file whose rows
 * span several runs (a run boundary inside one checkpoint interval) is read, projected to that one column, so the
 * result is exact even when one checkpoint holds three or more runs.
 */
public final class SnapshotRunIds {
  /** Snapshot summary key: comma-separated, sorted run ids of the rows the snapshot added. */
  public static final String SUMMARY_KEY = "ingest.run-id";

  private SnapshotRunIds() {}

  /** The distinct values of {@code column} over {@code files}, sorted; empty when the table has no such column. */
  public static Set<String> of(Table table, String column, Collection<DataFile> files) {
    Types.NestedField field = table.schema().findField(column);
    Set<String> ids = new TreeSet<>();
    if (field == null || !field.type().equals(Types.StringType.get())) {
      return ids;
    }
    for (DataFile file : files) {
      String lower = bound(file.lowerBounds() == null ? null : file.lowerBounds().get(field.fieldId()));
      String upper = bound(file.upperBounds() == null ? null : file.upperBounds().get(field.fieldId()));
      if (lower != null && lower.equals(upper)) {
        ids.add(lower);
      } else if (file.recordCount() > 0) {
        ids.addAll(read(table, field, file));
      }
    }
    return ids;
  }

  /** {@code ids} as the summary value. */
  public static String summaryValue(Set<String> ids) {
    return String.join(",", ids);
  }

  private static String bound(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    CharSequence value = Conversions.fromByteBuffer(Types.StringType.get(), buffer.duplicate());
    return value.toString();
  }

  private static Set<String> read(Table table, Types.NestedField field, DataFile file) {
    Schema projection = new Schema(field);
    Set<String> ids = new TreeSet<>();
    try (CloseableIterable<Record> rows = FormatModelRegistry
        .<Record, Void>readBuilder(file.format(), Record.class, table.io().newInputFile(file))
        .project(projection)
        .build()) {
      for (Record row : rows) {
        Object value = row.get(0);
        if (value != null) {
          ids.add(value.toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + field.name() + " of " + file.location(), e);
    }
    return ids;
  }
}
