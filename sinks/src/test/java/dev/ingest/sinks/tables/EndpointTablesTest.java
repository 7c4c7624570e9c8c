package dev.ingest.sinks.tables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sinks.schema.MetadataColumns;
import dev.ingest.sinks.testing.TempWarehouseExtension;
import java.util.Map;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EndpointTablesTest {

  @RegisterExtension final TempWarehouseExtension warehouse = new TempWarehouseExtension();

  static final TableIdentifier ID = TableIdentifier.of("asana_prod", "tasks");
  static final Schema DATA =
      new Schema(
          Types.NestedField.optional(1, "gid", Types.StringType.get()),
          Types.NestedField.optional(
              2, "assignee", Types.StructType.of(Types.NestedField.optional(3, "gid", Types.StringType.get()))),
          Types.NestedField.optional(
              4,
              "tags",
              Types.ListType.ofOptional(5, Types.StructType.of(Types.NestedField.optional(6, "name", Types.StringType.get())))));

  @Test
  void createsNamespaceAndFormatV2TablePartitionedByIngestionDay() {
    Catalog catalog = warehouse.catalog();

    Table table = EndpointTables.ensure(catalog, ID, DATA, Map.of("write.parquet.compression-codec", "zstd"));

    assertThat(((SupportsNamespaces) catalog).namespaceExists(Namespace.of("asana_prod"))).isTrue();
    assertThat(((BaseTable) table).operations().current().formatVersion()).isEqualTo(2);
    assertThat(table.properties()).containsEntry("write.parquet.compression-codec", "zstd");
    assertThat(table.spec().fields()).hasSize(1);
    PartitionField day = table.spec().fields().get(0);
    assertThat(day.transform().toString()).isEqualTo("day");
    assertThat(table.schema().findColumnName(day.sourceId())).isEqualTo(MetadataColumns.INGESTED_AT);
    assertThat(table.schema().columns())
        .extracting(Types.NestedField::name)
        .containsExactly("gid", "assignee", "tags", "_ingest_run_id", "_ingested_at", "_ingest_extra");
  }

  @Test
  void returnsTheExistingTableUnchangedWhenNothingIsNew() {
    Catalog catalog = warehouse.catalog();
    Table first = EndpointTables.ensure(catalog, ID, DATA, Map.of());
    String metadata = ((BaseTable) first).operations().current().metadataFileLocation();

    Table second = EndpointTables.ensure(catalog, ID, DATA, Map.of("ignored", "for existing tables"));

    assertThat(((BaseTable) second).operations().current().metadataFileLocation()).isEqualTo(metadata);
    assertThat(second.schema().sameSchema(first.schema())).isTrue();
    assertThat(second.properties()).doesNotContainKey("ignored");
  }

  @Test
  void addsMissingColumnsAtAnyDepthAndKeepsExistingTypes() {
    Catalog catalog = warehouse.catalog();
    Table created = EndpointTables.ensure(catalog, ID, DATA, Map.of());
    Schema wider =
        new Schema(
            Types.NestedField.optional(1, "gid", Types.LongType.get()),
            Types.NestedField.optional(
                2,
                "assignee",
                Types.StructType.of(
                    Types.NestedField.optional(3, "gid", Types.StringType.get()),
                    Types.NestedField.optional(7, "email", Types.StringType.get()))),
            Types.NestedField.optional(
                4,
                "tags",
                Types.ListType.ofOptional(
                    5,
                    Types.StructType.of(
                        Types.NestedField.optional(6, "name", Types.StringType.get()),
                        Types.NestedField.optional(8, "color", Types.StringType.get())))),
            Types.NestedField.optional(
                9, "followers", Types.ListType.ofOptional(10, Types.StructType.of(Types.NestedField.optional(11, "gid", Types.StringType.get())))));

    Table evolved = EndpointTables.ensure(catalog, ID, wider, Map.of());

    Schema s = evolved.schema();
    assertThat(s.findType("gid")).as("existing type kept").isEqualTo(Types.StringType.get());
    assertThat(s.findField("gid").fieldId()).isEqualTo(created.schema().findField("gid").fieldId());
    assertThat(s.findType("assignee.email")).isEqualTo(Types.StringType.get());
    assertThat(s.findType("tags.element.color")).isEqualTo(Types.StringType.get());
    assertThat(s.findType("followers.element.gid")).isEqualTo(Types.StringType.get());
    assertThat(s.findField("followers").isOptional()).isTrue();
    assertThat(s.columns().get(s.columns().size() - 1).name()).isEqualTo("followers");
    assertThat(catalog.loadTable(ID).schema().sameSchema(s)).isTrue();
    assertThat(evolved.spec().fields()).hasSize(1);
  }

  @Test
  void worksWithoutANamespace() {
    Table table = EndpointTables.ensure(warehouse.catalog(), TableIdentifier.of("ns", "plain"), DATA, null);

    assertThat(table.schema().findField(MetadataColumns.EXTRA)).isNotNull();
  }
}
