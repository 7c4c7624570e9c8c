package dev.ingest.sinks.refresh;

import dev.ingest.sinks.schema.MetadataColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.util.PropertyUtil;

/**
 * The rows a keep-history full refresh carries over: every row of the table's current contents whose primary key
 * the new run did not fetch, marked with {@value MetadataColumns#DELETED_AT}.
 *
 * <p>A row marked by an earlier run keeps its mark (the run that first noticed it gone); an unmarked row gets the
 * new run's start time. A key the new run fetched again is not carried over: the new run's row, unmarked, replaces
 * it (the row reappeared). The result depends only on the table's current {@code main} and the run's staged rows,
 * so writing it twice (a publish retried after a crash) yields the same rows. The files are written as new data
 * files (Parquet, the table's current spec; each row keeps its {@code _ingest_run_id}, so its partition) that the
 * publishing {@code OverwriteFiles} adds in the same commit as the run's staged files: nothing is visible until that
 * one commit, and files of a publish that never commits are orphans for orphan-file removal.
 *
 * <p>Cost: the run's keys are held in memory, and every publish rewrites every carried-over row.
 */
final class DeletedRows {
  /** Table property: {@code true} when full-refresh publishes keep rows that disappeared (see tables.md). */
  static final String KEEP_DELETED = "ingest.keep-deleted";

  /**
   * Table property: the key columns, comma-separated. Not the table's identifier fields, which would make Iceberg's
   * Flink sink write the staging appends with its keyed (delta) writer.
   */
  static final String KEY = "ingest.keep-deleted-key";

  private DeletedRows() {}

  /** Whether the table keeps rows that disappeared, as its property says. */
  static boolean kept(Table table) {
    return PropertyUtil.propertyAsBoolean(table.properties(), KEEP_DELETED, false);
  }

  /**
   * Writes the carried-over rows of {@code main} for the run {@code runId} staged in {@code stagingSnapshot}.
   *
   * @throws IllegalStateException when the table has no identifier fields or no {@value MetadataColumns#DELETED_AT}
   */
  static List<DataFile> write(Table table, Snapshot stagingSnapshot, String runId, long runStartedAtMillis) {
    Schema schema = table.schema();
    List<String> key = List.of(table.properties().getOrDefault(KEY, "").split(",")).stream()
        .filter(k -> !k.isBlank()).toList();
    if (key.isEmpty() || schema.findField(MetadataColumns.DELETED_AT) == null
        || key.stream().anyMatch(k -> schema.findField(k) == null)) {
      throw new IllegalStateException("table " + table.name() + " keeps deleted rows but has "
          + (key.isEmpty() ? "no key (table property " + KEY + ")"
              : "no column " + MetadataColumns.DELETED_AT + " or a key column of " + key));
    }
    if (table.currentSnapshot() == null) {
      return List.of();
    }
    Set<List<Object>> fetched = stagedKeys(table, stagingSnapshot, runId, key);
    OffsetDateTime noticed = Instant.ofEpochMilli(runStartedAtMillis).atOffset(ZoneOffset.UTC);
    OutputFileFactory files = OutputFileFactory.builderFor(table, 0, runStartedAtMillis)
        .operationId("keep-deleted-" + UUID.randomUUID()) // a retried publish never meets an earlier attempt's file
        .build();
    GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table).dataSchema(schema).build();
    PartitionKey partition = new PartitionKey(table.spec(), schema);
    InternalRecordWrapper wrapper = new InternalRecordWrapper(schema.asStruct());
    FanoutDataWriter<Record> out = new FanoutDataWriter<>(writers, files, table.io(),
        PropertyUtil.propertyAsLong(table.properties(), TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT));
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      for (Record row : rows) {
        if (fetched.contains(keyOf(row, key))) {
          continue;
        }
        Record kept = row.copy();
        if (kept.getField(MetadataColumns.DELETED_AT) == null) {
          kept.setField(MetadataColumns.DELETED_AT, noticed);
        }
        partition.partition(wrapper.wrap(kept));
        out.write(kept, table.spec(), partition);
      }
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not carry the deleted rows of " + table.name() + " over", e);
    }
    return new ArrayList<>(out.result().dataFiles());
  }

  private static Set<List<Object>> stagedKeys(Table table, Snapshot staging, String runId, List<String> key) {
    Set<List<Object>> keys = new HashSet<>();
    if (staging == null) {
      return keys;
    }
    List<String> columns = new ArrayList<>(key);
    columns.add(MetadataColumns.RUN_ID);
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table)
        .useSnapshot(staging.snapshotId())
        .where(Expressions.equal(MetadataColumns.RUN_ID, runId))
        .select(columns)
        .build()) {
      for (Record row : rows) {
        if (runId.equals(row.getField(MetadataColumns.RUN_ID))) {
          keys.add(keyOf(row, key));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the keys of run " + runId + " of " + table.name(), e);
    }
    return keys;
  }

  private static List<Object> keyOf(Record row, List<String> key) {
    List<Object> values = new ArrayList<>(key.size());
    for (String column : key) {
      values.add(row.getField(column));
    }
    return values;
  }
}
