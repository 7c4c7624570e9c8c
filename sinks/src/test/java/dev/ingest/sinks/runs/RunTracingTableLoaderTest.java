package dev.ingest.sinks.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sinks.testing.RowWrites;
import dev.ingest.sinks.testing.TempWarehouseExtension;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Commits through the traced table name the run ids of the rows they add, from bounds or from the file. */
class RunTracingTableLoaderTest {
  private static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "run_id", Types.StringType.get()),
      Types.NestedField.required(2, "n", Types.LongType.get()));
  private static final String LONG_RUN = "20261124T230000Z-000001"; // longer than the default 16-char bounds

  @RegisterExtension final TempWarehouseExtension warehouse = new TempWarehouseExtension();

  @Test
  void namesTheSingleRunOfAFileFromItsExactBounds() throws Exception {
    Table table = traced(create("full", Map.of(TableProperties.DEFAULT_WRITE_METRICS_MODE, "full")));

    RowWrites.append(table, rows(LONG_RUN, LONG_RUN));

    assertThat(latestSummary(table)).containsEntry(SnapshotRunIds.SUMMARY_KEY, LONG_RUN);
  }

  @Test
  void readsTheRunIdsOfAFileWhoseBoundsDisagreeOrAreTruncated() throws Exception {
    Table table = traced(create("truncated", Map.of()));

    RowWrites.append(table, rows(LONG_RUN));
    assertThat(latestSummary(table)).containsEntry(SnapshotRunIds.SUMMARY_KEY, LONG_RUN);

    RowWrites.append(table, rows("run-c", "run-a", "run-b", "run-a"));
    assertThat(latestSummary(table)).containsEntry(SnapshotRunIds.SUMMARY_KEY, "run-a,run-b,run-c");
  }

  @Test
  void leavesOtherOperationsAndTheTableItselfAlone() throws Exception {
    Table plain = create("plain", Map.of());
    Table table = traced(plain);

    table.updateProperties().set("owner", "ingest").commit();

    plain.refresh();
    assertThat(plain.properties()).containsEntry("owner", "ingest");
    assertThat(table.location()).isEqualTo(plain.location());
    assertThat(table.toString()).startsWith("traced(");
  }

  private Table create(String name, Map<String, String> properties) {
    Namespace ns = Namespace.of("trace");
    if (!((SupportsNamespaces) warehouse.catalog()).namespaceExists(ns)) {
      ((SupportsNamespaces) warehouse.catalog()).createNamespace(ns);
    }
    return warehouse.catalog().createTable(
        TableIdentifier.of(ns, name), SCHEMA, PartitionSpec.unpartitioned(), properties);
  }

  private Table traced(Table table) throws Exception {
    TableIdentifier id = TableIdentifier.parse(table.name().substring(table.name().indexOf('.') + 1));
    try (TableLoader loader = new RunTracingTableLoader(TableLoader.fromCatalog(warehouse.loader(), id), "run_id")) {
      loader.open();
      return loader.loadTable();
    }
  }

  private static Map<String, String> latestSummary(Table table) {
    table.refresh();
    return table.currentSnapshot().summary();
  }

  private static List<RowData> rows(String... runIds) {
    long[] n = {0};
    return java.util.Arrays.stream(runIds)
        .map(id -> (RowData) GenericRowData.of(StringData.fromString(id), n[0]++))
        .toList();
  }
}
