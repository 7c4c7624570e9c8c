package dev.ingest.sources.airbyte;

import dev.ingest.sources.airbyte.runtime.Component;
import java.io.Serializable;
import java.util.List;

/**
 * One stream of a manifest as {@code ./ingest connectors inspect} lists it.
 *
 * @param name the stream's name (the table name)
 * @param path where it sits, {@code streams[3]}
 * @param primaryKey the record fields of its {@code primary_key}; empty when it has none
 * @param component the resolved stream component
 * @param problem why it cannot run ({@code streams[3].incremental_sync: ... not supported yet}), or null
 */
public record StreamEntry(String name, String path, List<String> primaryKey, Component component, String problem)
    implements Serializable {
  public StreamEntry {
    primaryKey = List.copyOf(primaryKey);
  }

  /** True when the engine can run the stream. */
  public boolean runnable() {
    return problem == null;
  }
}
