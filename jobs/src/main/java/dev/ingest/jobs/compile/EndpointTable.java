package dev.ingest.jobs.compile;

import java.io.Serializable;
import java.util.Objects;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * An endpoint's table as the compiler planned it: its identifier and the schema rows are converted to (the table's
 * current schema, metadata columns included).
 */
public record EndpointTable(String endpoint, TableIdentifier identifier, Schema schema) implements Serializable {
  public EndpointTable {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(schema, "schema");
  }
}
