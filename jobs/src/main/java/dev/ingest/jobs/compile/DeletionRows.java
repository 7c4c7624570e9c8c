package dev.ingest.jobs.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sinks.rows.JsonRowConverter;
import dev.ingest.sinks.rows.RecordConversionException;
import dev.ingest.sources.records.JsonPath;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;

/**
 * Turns a record of a deletions endpoint (connector key {@code deletes}, e.g. HubSpot's archived contacts or Stripe's
 * {@code customer.deleted} events) into a {@link RowKind#DELETE} row of its target's upsert table: the target's key
 * columns read from the record at the connector's key paths, every other column null. Iceberg's upsert writer turns
 * such a row into an equality delete by key (and, when the key was written earlier in the same checkpoint, a
 * position delete of that row), so the key's row disappears from the table at the same commit.
 *
 * @param target the endpoint whose table the deletes go to
 * @param keyColumns the target's primary-key columns
 * @param keyPaths JSON paths into the deletion record, one per key column
 */
record DeletionRows(String target, List<String> keyColumns, List<String> keyPaths) implements Serializable {
  private static final ObjectMapper JSON = new ObjectMapper();

  DeletionRows {
    keyColumns = List.copyOf(keyColumns);
    keyPaths = List.copyOf(keyPaths);
    if (keyColumns.isEmpty() || keyColumns.size() != keyPaths.size()) {
      throw new IllegalArgumentException("one key path per key column of " + target + ": " + keyColumns + " vs "
          + keyPaths);
    }
  }

  /**
   * The delete row for {@code recordJson}, converted by the target's converter.
   *
   * @throws RecordConversionException when the record is not JSON or lacks a key value
   */
  RowData toDelete(String recordJson, String runId, long now, JsonRowConverter targetConverter)
      throws RecordConversionException {
    JsonNode record;
    try {
      record = JSON.readTree(recordJson);
    } catch (java.io.IOException e) {
      throw new RecordConversionException("deletion record is not JSON: " + e.getMessage());
    }
    ObjectNode key = JSON.createObjectNode();
    for (int i = 0; i < keyColumns.size(); i++) {
      Optional<JsonNode> value = JsonPath.parse(keyPaths.get(i)).find(record).filter(v -> !v.isNull());
      if (value.isEmpty()) {
        throw new RecordConversionException("deletion record of " + target + " has no key value at "
            + keyPaths.get(i));
      }
      key.set(keyColumns.get(i), value.get());
    }
    RowData row = targetConverter.convert(key.toString(), runId, now);
    row.setRowKind(RowKind.DELETE);
    return row;
  }
}
