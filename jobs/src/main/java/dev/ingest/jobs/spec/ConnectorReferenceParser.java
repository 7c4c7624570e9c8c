package dev.ingest.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.spec.ConnectorCatalog;
import dev.ingest.sources.spec.ConnectorLoader;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.FieldError;
import dev.ingest.sources.spec.SpecException;
import dev.ingest.sources.spec.SpecReader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads which connector a pipeline uses: {@code connector} (a built-in name) or {@code connector_file} (the user's
 * own definition), with the auth method {@code credentials.auth_method} names selected. Null, with errors
 * recorded, when there is no usable connector.
 */
final class ConnectorReferenceParser {
  private ConnectorReferenceParser() {}

  /** The connector, its auth method selected; a relative {@code connector_file} resolves against {@code baseDir}. */
  static ConnectorSpec parse(JsonNode root, SpecReader r, ConnectorCatalog catalog, Path baseDir) {
    return authMethod(root, r, resolve(root, r, catalog, baseDir));
  }

  private static ConnectorSpec resolve(JsonNode root, SpecReader r, ConnectorCatalog catalog, Path baseDir) {
    Optional<String> builtIn = r.optionalString(root, "", "connector");
    Optional<String> file = r.optionalString(root, "", "connector_file");
    if (builtIn.isPresent() && file.isPresent()) {
      r.error("connector", "give either connector or connector_file, not both");
      return null;
    }
    if (builtIn.isEmpty() && file.isEmpty()) {
      r.error("connector", "required (a built-in connector name, or connector_file with your own definition)");
      return null;
    }
    try {
      if (builtIn.isPresent()) {
        return catalog.get(builtIn.get());
      }
      Path path = baseDir == null ? Path.of(file.get()) : baseDir.resolve(file.get());
      return ConnectorLoader.load(path);
    } catch (SpecException e) {
      String field = builtIn.isPresent() ? "connector" : "connector_file";
      for (FieldError error : e.errors()) {
        boolean own = error.path().isEmpty() || builtIn.isPresent();
        r.error(own ? field : field + "." + error.path(), error.message());
      }
      return null;
    }
  }

  /**
   * The connector with the auth method {@code credentials.auth_method} names selected; the connector's first method
   * when it names none.
   */
  private static ConnectorSpec authMethod(JsonNode root, SpecReader r, ConnectorSpec connector) {
    JsonNode credentials = root.get("credentials");
    if (credentials == null || !credentials.isObject() || !credentials.has("auth_method")) {
      return connector;
    }
    Optional<String> method = r.optionalString(credentials, "credentials", "auth_method");
    if (method.isEmpty() || connector == null) {
      return connector;
    }
    Optional<ConnectorSpec> selected = connector.withAuthMethod(method.get());
    if (selected.isEmpty()) {
      r.error("credentials.auth_method", "unknown auth method '" + method.get() + "' of connector "
          + connector.name() + " (expected one of " + String.join(", ", connector.authMethods().keySet()) + ")");
      return connector;
    }
    return selected.get();
  }
}
