package dev.ingest.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.ScriptedApi;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.DestinationConfig;
import dev.ingest.sinks.tables.EndpointTables;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SnowflakeSql} and {@link DbtSources} on a pipeline's real (local) tables. */
class ExportsTest {
  @TempDir Path dir;
  private ScriptedApi api;
  private PipelineSpec pipeline;
  private List<Table> tables;

  @BeforeEach
  void setUp() throws Exception {
    api = new ScriptedApi();
    PipelineFixture fixture = new PipelineFixture(dir, null);
    pipeline = fixture.load(api.pipelineYaml("crm", api.connectorFile(dir, 5, null),
        "{name: items, write_mode: upsert}", ""));
    Catalog catalog = fixture.catalog(pipeline);
    Schema data = new Schema(
        Types.NestedField.optional(1, "id", Types.LongType.get()),
        Types.NestedField.optional(2, "name", Types.StringType.get()),
        Types.NestedField.optional(3, "updated_at", Types.TimestampType.withZone()));
    EndpointTables.ensure(catalog, TableIdentifier.of("crm", "items"), data, Map.of("ingest.write-mode", "upsert"),
        pipeline.endpoint("items").layout());
    tables = PipelineTables.load(catalog, pipeline);
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  @Test
  void dbtSourcesListTheTablesColumnsTypesAndKeyTests() throws Exception {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(DbtSources.yaml("crm", "scripted", tables));

    assertThat(root.get("version").asInt()).isEqualTo(2);
    JsonNode source = root.get("sources").get(0);
    assertThat(source.get("name").asText()).isEqualTo("crm");
    assertThat(source.get("schema").asText()).isEqualTo("crm");
    JsonNode items = source.get("tables").get(0);
    assertThat(items.get("name").asText()).isEqualTo("items");
    assertThat(items.get("columns")).extracting(c -> c.get("name").asText() + ":" + c.get("data_type").asText())
        .containsExactly("id:BIGINT", "name:VARCHAR", "updated_at:TIMESTAMP_LTZ", "_ingest_run_id:VARCHAR",
            "_ingested_at:TIMESTAMP_LTZ", "_ingest_extra:VARCHAR");
    assertThat(items.get("columns").get(0).get("data_tests")).extracting(JsonNode::asText)
        .containsExactly("unique", "not_null");
  }

  @Test
  void snowflakeSqlUsesTheMetadataFileForFileCatalogsAndCatalogLinksForRest() {
    String local = SnowflakeSql.statements("crm", pipeline.destination(), tables, "lake_volume", "files");
    assertThat(local).contains("CREATE SCHEMA IF NOT EXISTS \"CRM\";")
        .contains("CREATE ICEBERG TABLE IF NOT EXISTS \"CRM\".\"ITEMS\"\n  EXTERNAL_VOLUME = 'lake_volume'\n"
            + "  CATALOG = 'files'\n  METADATA_FILE_PATH = 'crm/items/metadata/v")
        .doesNotContain(dir.toString());

    DestinationConfig rest = new DestinationConfig(DestinationConfig.REST, null, "https://polaris.example/api/catalog",
        Map.of(), "client", null);
    assertThat(SnowflakeSql.statements("crm", rest, tables, "lake_volume", "polaris"))
        .contains("CREATE ICEBERG TABLE IF NOT EXISTS \"CRM\".\"ITEMS\"\n  EXTERNAL_VOLUME = 'lake_volume'\n"
            + "  CATALOG = 'polaris'\n  CATALOG_NAMESPACE = 'crm'\n  CATALOG_TABLE_NAME = 'items'\n"
            + "  AUTO_REFRESH = TRUE;");
  }
}
