package dev.ingest.jobs.export;

import dev.ingest.sinks.catalog.DestinationConfig;
import java.util.List;
import java.util.Locale;
import org.apache.iceberg.Table;

/**
 * {@code CREATE ICEBERG TABLE} statements that make a pipeline's tables queryable in Snowflake (see
 * docs/snowflake.md for the external volume and catalog integration they reference).
 *
 * <ul>
 *   <li>REST (Polaris / Snowflake Open Catalog) and Glue destinations: catalog-linked tables through a catalog
 *       integration ({@code CATALOG_NAMESPACE} + {@code CATALOG_TABLE_NAME}, {@code AUTO_REFRESH = TRUE}), so
 *       Snowflake follows every commit.
 *   <li>local / S3 / JDBC destinations: an object-store catalog integration reading the table's current metadata
 *       file ({@code METADATA_FILE_PATH}, relative to the external volume that points at the warehouse); run
 *       {@code ALTER ICEBERG TABLE … REFRESH} (printed too) after new commits.
 * </ul>
 */
public final class SnowflakeSql {
  private SnowflakeSql() {}

  /** The statements for {@code tables}, one per table, with a header comment. */
  public static String statements(String pipeline, DestinationConfig destination, List<Table> tables,
      String externalVolume, String catalogIntegration) {
    StringBuilder sql = new StringBuilder();
    String schema = ident(pipeline);
    sql.append("-- Ingest pipeline ").append(pipeline).append(": ").append(tables.size()).append(" tables (")
        .append(destination.type()).append(" destination)\n");
    sql.append("CREATE SCHEMA IF NOT EXISTS ").append(schema).append(";\n\n");
    boolean linked = destination.type().equals(DestinationConfig.REST) || destination.type().equals(DestinationConfig.GLUE);
    for (Table table : tables) {
      String name = PipelineTables.shortName(table);
      sql.append("CREATE ICEBERG TABLE IF NOT EXISTS ").append(schema).append('.').append(ident(name)).append('\n');
      sql.append("  EXTERNAL_VOLUME = '").append(externalVolume).append("'\n");
      sql.append("  CATALOG = '").append(catalogIntegration).append("'\n");
      if (linked) {
        sql.append("  CATALOG_NAMESPACE = '").append(pipeline).append("'\n");
        sql.append("  CATALOG_TABLE_NAME = '").append(name).append("'\n");
        sql.append("  AUTO_REFRESH = TRUE;\n\n");
      } else {
        sql.append("  METADATA_FILE_PATH = '").append(metadataPath(destination, table)).append("';\n");
        sql.append("-- after later runs: ALTER ICEBERG TABLE ").append(schema).append('.').append(ident(name))
            .append(" REFRESH '<newer metadata file path>';\n\n");
      }
    }
    return sql.toString();
  }

  /** The current metadata file, relative to the warehouse (the external volume's base location). */
  static String metadataPath(DestinationConfig destination, Table table) {
    String location = ((org.apache.iceberg.HasTableOperations) table).operations().current().metadataFileLocation();
    String base = destination.warehouse() == null ? "" : destination.warehouse().replaceAll("/+$", "");
    String path = location.replaceFirst("^file:", "");
    int at = path.indexOf(base.replaceFirst("^file:", ""));
    return at >= 0 ? path.substring(at + base.replaceFirst("^file:", "").length()).replaceFirst("^/+", "") : path;
  }

  /** A quoted Snowflake identifier, upper-cased so unquoted references in SQL resolve to it. */
  static String ident(String name) {
    return '"' + name.toUpperCase(Locale.ROOT).replace("\"", "\"\"") + '"';
  }
}
