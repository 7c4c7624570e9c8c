package dev.ingest.jobs.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;

/**
 * A dbt {@code sources.yml} for a pipeline: one source named after the pipeline (its schema is the Iceberg
 * namespace), one table per landed table, every top-level column with its SQL type and a description for Ingest's
 * metadata columns. The primary key of an upsert table gets {@code unique} and {@code not_null} tests.
 */
public final class DbtSources {
  private static final ObjectMapper YAML = new ObjectMapper(
      new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private DbtSources() {}

  public static String yaml(String pipeline, String connector, List<Table> tables) {
    ObjectNode root = YAML.createObjectNode();
    root.put("version", 2);
    ObjectNode source = root.putArray("sources").addObject();
    source.put("name", pipeline);
    source.put("schema", pipeline);
    source.put("description", "Landed by Ingest pipeline " + pipeline + " (connector " + connector + ")");
    source.putObject("meta").put("ingest_pipeline", pipeline);
    ArrayNode out = source.putArray("tables");
    for (Table table : tables) {
      ObjectNode t = out.addObject();
      t.put("name", PipelineTables.shortName(table));
      String mode = table.properties().get("ingest.write-mode");
      t.put("description", "Endpoint table" + (mode == null ? "" : " (write mode " + mode + ")"));
      ArrayNode columns = t.putArray("columns");
      for (Types.NestedField field : table.schema().columns()) {
        ObjectNode c = columns.addObject();
        c.put("name", field.name());
        c.put("data_type", SqlTypes.of(field.type()));
        if (field.doc() != null) {
          c.put("description", field.doc());
        } else if (describe(field.name()) != null) {
          c.put("description", describe(field.name()));
        }
        if (table.schema().identifierFieldNames().contains(field.name())) {
          c.putArray("data_tests").add("unique").add("not_null");
        }
      }
    }
    try {
      return YAML.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(String column) {
    return switch (column) {
      case "_ingest_run_id" -> "The Ingest run that fetched the record";
      case "_ingested_at" -> "When Ingest ingested the record";
      case "_ingest_extra" -> "JSON object of the record's fields that have no column or did not fit theirs";
      default -> null;
    };
  }
}
