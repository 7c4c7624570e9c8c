package dev.ingest.jobs.compile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sinks.schema.MetadataColumns;
import dev.ingest.sinks.schema.SchemaInference;
import dev.ingest.sinks.tables.EndpointTables;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a field first seen during a run a column within that run. The v1 Flink sink binds the row type when the
 * graph is built, so a converted row keeps a field without a column in {@code _ingest_extra}. This guard looks at
 * that column of each converted row: when it holds a top-level field the planned schema has no column for, it adds
 * the column to the table (type inferred from the value; idempotent and safe against concurrent adds, see
 * {@link EndpointTables#addColumns}) and fails the job with a {@link NewColumnsException} that Flink does not
 * retry. The runner rebuilds the graph from the new table schema and resumes from the latest checkpoint: rows
 * before it are committed once, the rest are fetched again from the checkpointed cursor and land in the new column.
 *
 * <p>Fields whose value is null, and values that do not fit an existing column (kept in {@code _ingest_extra} by
 * the one rule for incompatible changes), never trigger it.
 */
public final class NewColumnGuard implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(NewColumnGuard.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CatalogLoader catalogLoader;
  private final Map<String, Planned> endpoints;
  private transient Catalog catalog;

  /** An endpoint's table (as text: {@code TableIdentifier} is not serializable), its columns, where extra is. */
  private record Planned(List<String> namespace, String name, Set<String> columns, int extraIndex)
      implements Serializable {
    TableIdentifier table() {
      return TableIdentifier.of(Namespace.of(namespace.toArray(String[]::new)), name);
    }
  }

  /** A guard over the planned tables, adding columns through {@code catalogLoader}. */
  public NewColumnGuard(CatalogLoader catalogLoader, List<EndpointTable> tables) {
    this.catalogLoader = Objects.requireNonNull(catalogLoader, "catalogLoader");
    Map<String, Planned> planned = new HashMap<>();
    for (EndpointTable t : tables) {
      List<Types.NestedField> fields = t.schema().columns();
      Set<String> names = new HashSet<>();
      int extra = -1;
      for (int i = 0; i < fields.size(); i++) {
        names.add(fields.get(i).name());
        if (fields.get(i).name().equals(MetadataColumns.EXTRA)) {
          extra = i;
        }
      }
      if (extra >= 0) {
        planned.put(t.endpoint(), new Planned(List.of(t.identifier().namespace().levels()), t.identifier().name(),
            Set.copyOf(names), extra));
      }
    }
    this.endpoints = Map.copyOf(planned);
  }

  /**
   * Checks one converted row of {@code endpoint}.
   *
   * @throws SuppressRestartsException wrapping a {@link NewColumnsException} after adding new columns
   */
  public void check(String endpoint, RowData row) {
    Planned planned = endpoints.get(endpoint);
    if (planned == null || row.isNullAt(planned.extraIndex())) {
      return;
    }
    String extraJson = row.getString(planned.extraIndex()).toString();
    if (!hasNewField(extraJson, planned.columns())) {
      return; // the usual case (values that misfit existing columns): a token scan, no tree per row
    }
    ObjectNode fresh = newFields(extraJson, planned.columns());
    Schema inferred = SchemaInference.infer(List.of(fresh.toString()));
    List<String> added = inferred.columns().stream().map(Types.NestedField::name)
        .filter(name -> !planned.columns().contains(name)).toList();
    if (added.isEmpty()) {
      return;
    }
    EndpointTables.addColumns(catalog().loadTable(planned.table()), inferred);
    LOG.info("Added columns {} to {} for fields first seen in this run; restarting the job on the new schema",
        added, planned.table());
    throw new SuppressRestartsException(new NewColumnsException(planned.table().toString(), added));
  }

  /** Whether the {@code _ingest_extra} object has a non-null top-level field without a column. */
  private static boolean hasNewField(String extraJson, Set<String> columns) {
    try (JsonParser parser = JSON.getFactory().createParser(extraJson)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (parser.nextToken() != JsonToken.VALUE_NULL && !columns.contains(name)) {
          return true;
        }
        parser.skipChildren();
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** The non-null top-level fields of the {@code _ingest_extra} object that have no column. */
  private static ObjectNode newFields(String extraJson, Set<String> columns) {
    ObjectNode fresh = JSON.createObjectNode();
    JsonNode extra;
    try {
      extra = JSON.readTree(extraJson);
    } catch (JsonProcessingException e) {
      return fresh;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!columns.contains(field.getKey()) && !field.getValue().isNull()) {
        fresh.set(field.getKey(), field.getValue());
      }
    }
    return fresh;
  }

  private Catalog catalog() {
    if (catalog == null) {
      catalog = catalogLoader.loadCatalog();
    }
    return catalog;
  }

  /** Endpoints watched, for logs. */
  @Override
  public String toString() {
    return "NewColumnGuard" + new ArrayList<>(endpoints.keySet());
  }
}
