package dev.ingest.sources.airbyte;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./ingest connectors inspect MANIFEST} prints: every stream of a manifest, whether the engine can run
 * it and, if not, the component path and why; then the config form (secret fields marked).
 */
public final class ManifestInspection {
  private ManifestInspection() {}

  /** One line per stream, then the config and secret fields. */
  public static List<String> lines(ManifestConnector connector) {
    List<String> lines = new ArrayList<>();
    long runnable = connector.streams().stream().filter(StreamEntry::runnable).count();
    lines.add("manifest " + connector.name() + ": " + runnable + " of " + connector.streams().size()
        + " streams can run");
    int width = connector.streams().stream().mapToInt(s -> s.name().length()).max().orElse(0);
    for (StreamEntry stream : connector.streams()) {
      String state = stream.runnable() ? "runnable" : "not runnable: " + stream.problem();
      String key = stream.primaryKey().isEmpty() ? "" : "  (primary key " + String.join(", ", stream.primaryKey())
          + ")";
      lines.add(String.format("  %-" + width + "s  %s%s", stream.name(), state, stream.runnable() ? key : ""));
    }
    List<String> config = new ArrayList<>();
    connector.connectionSpecification().path("properties").fieldNames().forEachRemaining(config::add);
    config.removeAll(connector.secretFields());
    lines.add("config: " + (config.isEmpty() ? "-" : String.join(", ", config)));
    lines.add("secret (credentials.secret): " + (connector.secretFields().isEmpty() ? "-"
        : String.join(", ", connector.secretFields())));
    return lines;
  }
}
