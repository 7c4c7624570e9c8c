package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.EndpointSelection;
import dev.ingest.sinks.write.WriteMode;
import java.io.Serializable;
import java.util.Objects;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * An endpoint's table as the compiler planned it: its identifier, the schema rows are converted to (the table's
 * current schema, metadata columns included) and how it is written.
 */
public record EndpointTable(String endpoint, TableIdentifier identifier, Schema schema, EndpointSelection selection)
    implements Serializable {
  public EndpointTable {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(selection, "selection");
  }

  /** The write mode. */
  public WriteMode writeMode() {
    return selection.writeMode();
  }
}
