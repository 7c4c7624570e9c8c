package dev.ingest.sinks.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables that earlier versions registered in a JDBC catalog under the pipeline's name (the job's catalog name
 * then) are invisible under the one catalog name used now, until {@link LegacyCatalogTables#adopt} moves them:
 * same metadata file, data untouched, old entry gone, and a second call moves nothing.
 */
class LegacyCatalogTablesTest {
  @TempDir Path dir;

  @Test
  void movesThePipelinesTablesToTheCatalogNameUsedNow() {
    DestinationConfig d = new DestinationConfig(DestinationConfig.JDBC, dir.resolve("warehouse").toString(),
        "jdbc:sqlite:" + dir.resolve("catalog.db"), null, null, null);
    TableIdentifier tickets = TableIdentifier.of("desk", "tickets");
    TableIdentifier runs = TableIdentifier.of("desk", "_ingest_runs");
    Catalog old = Catalogs.loader("desk", d, CatalogSecrets.none()).loadCatalog();
    ((SupportsNamespaces) old).createNamespace(Namespace.of("desk"));
    Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
    Table created = old.createTable(tickets, schema, PartitionSpec.unpartitioned());
    created.updateProperties().set("marker", "kept").commit();
    old.createTable(runs, schema, PartitionSpec.unpartitioned());
    String metadata = metadataLocation(old.loadTable(tickets));
    assertThat(Catalogs.open(d).tableExists(tickets)).as("invisible under the current name before").isFalse();

    assertThat(LegacyCatalogTables.adopt(d, CatalogSecrets.none(), "desk")).containsExactlyInAnyOrder(tickets, runs);

    Catalog current = Catalogs.open(d);
    assertThat(current.listTables(Namespace.of("desk"))).containsExactlyInAnyOrder(tickets, runs);
    assertThat(metadataLocation(current.loadTable(tickets))).isEqualTo(metadata);
    assertThat(current.loadTable(tickets).properties()).containsEntry("marker", "kept");
    Catalog oldAgain = Catalogs.loader("desk", d, CatalogSecrets.none()).loadCatalog();
    assertThat(oldAgain.tableExists(tickets)).isFalse();
    assertThat(LegacyCatalogTables.adopt(d, CatalogSecrets.none(), "desk")).isEmpty();
  }

  @Test
  void catalogsThatIgnoreTheNameMoveNothing() {
    assertThat(LegacyCatalogTables.adopt(DestinationConfig.local(dir.toString()), CatalogSecrets.none(), "desk"))
        .isEmpty();
  }

  private static String metadataLocation(Table table) {
    return ((HasTableOperations) table).operations().current().metadataFileLocation();
  }
}
