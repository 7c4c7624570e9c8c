package dev.ingest.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.SpecException;
import dev.ingest.sources.spec.SpecReader;
import java.util.Map;

/**
 * Reads a pipeline's {@code config} block: the values the connector's config fields take, resolved against the
 * connector (defaults, required fields), and the resulting base URL checked against the {@link AddressPolicy}.
 */
final class ConfigParser {
  private ConfigParser() {}

  /** The resolved config; the given values as they are when there is no connector or they do not resolve. */
  static Map<String, String> parse(JsonNode root, SpecReader r, ConnectorSpec connector, AddressPolicy addresses) {
    boolean fromFile = root.has("connector_file");
    int errorsBefore = r.errors().size();
    Map<String, String> config = resolve(root, r, connector, fromFile);
    if (connector != null && r.errors().size() == errorsBefore) {
      new BaseUrlCheck(addresses).check(connector, config, fromFile, r);
    }
    return config;
  }

  private static Map<String, String> resolve(JsonNode root, SpecReader r, ConnectorSpec connector,
      boolean fromFile) {
    Map<String, String> given = r.stringMap(root, "", "config");
    if (connector == null) {
      return given;
    }
    try {
      return connector.resolveConfig(given);
    } catch (SpecException e) {
      // a bad base URL is reported where its value came from (config.base_url), not the connector's field name
      e.errors().forEach(error -> r.error(error.path().equals("base_url")
          ? BaseUrlCheck.field(connector, fromFile) : error.path(), error.message()));
      return given;
    }
  }
}
