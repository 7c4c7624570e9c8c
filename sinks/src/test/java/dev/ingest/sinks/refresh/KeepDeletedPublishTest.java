package dev.ingest.sinks.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sinks.schema.MetadataColumns;
import dev.ingest.sinks.tables.EndpointTables;
import dev.ingest.sinks.testing.TempWarehouseExtension;
import dev.ingest.sinks.write.TableLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.io.TaskWriter;
import org.apache.iceberg.io.WriteResult;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Full refresh with {@code keep_deleted}: rows are staged on the staging branch with the Flink sink's own Parquet
 * writers, published by {@link StagedRunPublisher}, and read back from {@code main} with Iceberg's generic reader.
 */
class KeepDeletedPublishTest {
  @RegisterExtension final TempWarehouseExtension warehouse = new TempWarehouseExtension();

  private static final TableIdentifier ID = TableIdentifier.of("crm", "plans");
  private static final Schema DATA = new Schema(
      Types.NestedField.optional(1, "id", Types.StringType.get()),
      Types.NestedField.optional(2, "name", Types.StringType.get()));
  private static final long T1 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
  private static final long T2 = Instant.parse("2026-12-02T10:00:00Z").toEpochMilli();
  private static final long T3 = Instant.parse("2026-12-03T10:00:00Z").toEpochMilli();
  private static final long T4 = Instant.parse("2026-12-04T10:00:00Z").toEpochMilli();

  private Table table() {
    return EndpointTables.ensure(warehouse.catalog(), ID, DATA, Map.of(),
        TableLayout.fullRefreshKeepingDeleted(List.of("id"), TableLayout.INGESTION_DAY));
  }

  @Test
  void marksRowsThatDisappearedAndUnmarksRowsThatReappearInOneCommitPerRun() {
    Table table = table();
    assertThat(table.schema().findField(MetadataColumns.DELETED_AT).type()).isEqualTo(Types.TimestampType.withZone());
    assertThat(table.schema().identifierFieldNames()).as("no keyed writes on the staging branch").isEmpty();
    assertThat(table.properties()).containsEntry(StagedRunPublisher.KEEP_DELETED, "true")
        .containsEntry(StagedRunPublisher.KEEP_DELETED_KEY, "id");

    publish(table, "r1", T1, "a", "b", "c");
    assertThat(state(table)).isEqualTo(Map.of("a", "r1 live", "b", "r1 live", "c", "r1 live"));

    publish(table, "r2", T2, "a", "b", "d"); // c disappeared
    assertThat(state(table)).isEqualTo(Map.of(
        "a", "r2 live", "b", "r2 live", "c", "r1 deleted " + at(T2), "d", "r2 live"));

    publish(table, "r3", T3, "a", "c", "d"); // c reappears, b disappears
    assertThat(state(table)).isEqualTo(Map.of(
        "a", "r3 live", "b", "r2 deleted " + at(T3), "c", "r3 live", "d", "r3 live"));

    publish(table, "r4", T4, "a"); // b keeps the mark of the run that first noticed; c and d are marked now
    assertThat(state(table)).isEqualTo(Map.of(
        "a", "r4 live", "b", "r2 deleted " + at(T3), "c", "r3 deleted " + at(T4), "d", "r3 deleted " + at(T4)));
    assertThat(warehouse.readAll(ID)).hasSize(4);
  }

  @Test
  void anUnfinishedOrRepeatedPublishLeavesTheTableAsItWasAndARetryYieldsTheSameTable() {
    Table table = table();
    publish(table, "r1", T1, "a", "b", "c");
    publish(table, "r2", T2, "a", "b");
    long before = table.currentSnapshot().snapshotId();
    Map<String, String> previous = state(table);

    // a run whose staged rows are not all committed yet (a crash mid-run): main is untouched
    stage(table, "r3", T3, "a");
    assertThat(StagedRunPublisher.publish(table, new StagedRun("r3", 2, T3), Map.of()))
        .isEqualTo(StagedRunPublisher.Outcome.INCOMPLETE);
    table.refresh();
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(before);
    assertThat(state(table)).isEqualTo(previous);

    // a publish that wrote its carried-over files and crashed before its commit: nothing visible
    List<DataFile> orphans = DeletedRows.write(table, table.snapshot(StagedRunPublisher.STAGING_BRANCH), "r3", T3);
    assertThat(orphans).isNotEmpty();
    table.refresh();
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(before);

    // the restarted run finishes staging and publishes in exactly one commit on main
    stage(table, "r3", T3, "d");
    assertThat(StagedRunPublisher.publish(table, new StagedRun("r3", 2, T3), Map.of()))
        .isEqualTo(StagedRunPublisher.Outcome.PUBLISHED);
    table.refresh();
    assertThat(table.currentSnapshot().parentId()).isEqualTo(before);
    Map<String, String> published = Map.of(
        "a", "r3 live", "b", "r2 deleted " + at(T3), "c", "r1 deleted " + at(T2), "d", "r3 live");
    assertThat(state(table)).isEqualTo(published);

    // publishing the same run again (recovery after a crash right after the commit) changes nothing
    long after = table.currentSnapshot().snapshotId();
    assertThat(StagedRunPublisher.publish(table, new StagedRun("r3", 2, T3), Map.of()))
        .isEqualTo(StagedRunPublisher.Outcome.ALREADY_PUBLISHED);
    table.refresh();
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(after);
    assertThat(state(table)).isEqualTo(published);
  }

  @Test
  void withoutTheOptionRowsThatDisappearedAreDropped() {
    Table table = EndpointTables.ensure(warehouse.catalog(), ID, DATA, Map.of(),
        TableLayout.fullRefresh(TableLayout.INGESTION_DAY));
    assertThat(table.schema().findField(MetadataColumns.DELETED_AT)).isNull();
    publish(table, "r1", T1, "a", "b");
    publish(table, "r2", T2, "a");
    assertThat(warehouse.readAll(ID)).extracting(r -> r.getField("id")).containsExactly("a");

    // turning keep_deleted on later adds the column and the property; the next run keeps what it no longer sees
    table = table();
    assertThat(table.properties()).containsEntry(StagedRunPublisher.KEEP_DELETED, "true");
    publish(table, "r3", T3, "b");
    assertThat(state(table)).isEqualTo(Map.of("a", "r2 deleted " + at(T3), "b", "r3 live"));

    // and off again: the property says false, the next run replaces everything
    table = EndpointTables.ensure(warehouse.catalog(), ID, DATA, Map.of(),
        TableLayout.fullRefresh(TableLayout.INGESTION_DAY));
    assertThat(table.properties()).containsEntry(StagedRunPublisher.KEEP_DELETED, "false");
    publish(table, "r4", T4, "c");
    assertThat(warehouse.readAll(ID)).extracting(r -> r.getField("id")).containsExactly("c");
  }

  private static String at(long millis) {
    return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC).toString();
  }

  /** Per key: the run of its row and whether it is live or deleted (and when), read with Iceberg's reader. */
  private Map<String, String> state(Table table) {
    Map<String, String> out = new TreeMap<>();
    for (Record r : warehouse.readAll(ID)) {
      OffsetDateTime deleted = (OffsetDateTime) r.getField(MetadataColumns.DELETED_AT);
      String previous = out.put((String) r.getField("id"), r.getField(MetadataColumns.RUN_ID)
          + (deleted == null ? " live" : " deleted " + deleted.withOffsetSameInstant(ZoneOffset.UTC)));
      assertThat(previous).as("one row per key").isNull();
    }
    return out;
  }

  private void publish(Table table, String runId, long startedAt, String... keys) {
    stage(table, runId, startedAt, keys);
    assertThat(StagedRunPublisher.publish(table, new StagedRun(runId, keys.length, startedAt), Map.of()))
        .isEqualTo(StagedRunPublisher.Outcome.PUBLISHED);
    table.refresh();
  }

  /** Appends the run's rows to the staging branch as the full-refresh sink does (one commit). */
  private static void stage(Table table, String runId, long startedAt, String... keys) {
    table.refresh();
    RowDataTaskWriterFactory factory = new RowDataTaskWriterFactory(table, FlinkSchemaUtil.convert(table.schema()),
        128L << 20, FileFormat.PARQUET, Map.of(), List.of(), false);
    factory.initialize(0, 0);
    int arity = table.schema().columns().size();
    try (TaskWriter<RowData> writer = factory.create()) {
      for (String key : keys) {
        GenericRowData row = new GenericRowData(arity);
        row.setField(0, StringData.fromString(key));
        row.setField(1, StringData.fromString("name of " + key));
        row.setField(2, StringData.fromString(runId));
        row.setField(3, TimestampData.fromEpochMillis(startedAt + 1000));
        writer.write(row);
      }
      WriteResult result = writer.complete();
      AppendFiles append = table.newAppend().toBranch(StagedRunPublisher.STAGING_BRANCH);
      for (DataFile f : result.dataFiles()) {
        append.appendFile(f);
      }
      append.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
