package dev.ingest.sinks.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sinks.schema.MetadataColumns;
import dev.ingest.sinks.tables.EndpointTables;
import dev.ingest.sinks.testing.TempWarehouseExtension;
import dev.ingest.sinks.write.Partitioning;
import dev.ingest.sinks.write.TableLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Compaction and snapshot expiry on a table made of many small commits: same rows, one file, old snapshots gone. */
class TableMaintenanceITCase {
  @RegisterExtension final TempWarehouseExtension warehouse = new TempWarehouseExtension();

  @Test
  void compactsSmallFilesAndExpiresOldSnapshotsKeepingExactlyTheRows() throws Exception {
    Schema data = new Schema(Types.NestedField.optional(1, "id", Types.LongType.get()));
    Table table = EndpointTables.ensure(warehouse.catalog(), TableIdentifier.of("ns", "small"), data, Map.of(),
        TableLayout.append(Partitioning.NONE));
    for (int commit = 0; commit < 20; commit++) {
      table.newAppend().appendFile(write(table, commit * 5L, 5)).commit();
    }
    assertThat(table.currentSnapshot().summary()).containsEntry("total-data-files", "20");

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    TableMaintenance.Result result =
        new TableMaintenance(env, Clock.systemUTC()).maintain(table, 128L << 20, Duration.ZERO, 2);

    table.refresh();
    assertThat(result.filesRewritten()).isEqualTo(20);
    assertThat(result.filesAdded()).isEqualTo(1);
    assertThat(result.snapshotsBefore()).isEqualTo(20);
    assertThat(result.snapshotsAfter()).isEqualTo(2);
    assertThat(table.currentSnapshot().summary()).containsEntry("total-data-files", "1");
    List<Long> ids = new ArrayList<>();
    TempWarehouseExtension.readAll(table).forEach(r -> ids.add((Long) r.getField("id")));
    assertThat(ids).containsExactlyInAnyOrderElementsOf(LongStream.range(0, 100).boxed().toList());
  }

  private static DataFile write(Table table, long firstId, int n) throws Exception {
    OutputFile file = table.io().newOutputFile(table.locationProvider().newDataLocation(UUID.randomUUID() + ".parquet"));
    DataWriter<Record> writer = new GenericAppenderFactory(table.schema(), table.spec())
        .newDataWriter(org.apache.iceberg.encryption.EncryptedFiles.plainAsEncryptedOutput(file), FileFormat.PARQUET, null);
    try (writer) {
      for (long id = firstId; id < firstId + n; id++) {
        GenericRecord r = GenericRecord.create(table.schema());
        r.setField("id", id);
        r.setField(MetadataColumns.RUN_ID, "run-1");
        r.setField(MetadataColumns.INGESTED_AT, OffsetDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        writer.write(r);
      }
    }
    return writer.toDataFile();
  }
}
