package dev.ingest.control.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sources.airbyte.AirbyteManifests;
import dev.ingest.sources.airbyte.CredentialForm;
import dev.ingest.sources.airbyte.ManifestConnector;
import dev.ingest.sources.airbyte.ManifestDirectory;
import dev.ingest.sources.airbyte.StreamEntry;
import dev.ingest.sources.spec.ConnectorCatalog;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connector catalog: every built-in connector with its settings, credential form and endpoints, then every
 * Airbyte manifest the installation offers by name ({@code airbyte.manifest_dirs}, {@link ManifestDirectory}) that
 * loads: {@code kind: airbyte_manifest}, the same fields (its streams as endpoints, its {@code airbyte_secret}
 * properties as the credential form, titles as labels and descriptions as help), and {@code credential_form}, the
 * whole {@code connection_specification} form ({@link CredentialForm}: order, {@code oneOf} variants). A manifest
 * that does not load (Python components) is left out; {@code ./ingest connectors inspect} says why. The folders are
 * scanned when the control plane starts, as its pipeline loader does: restart it after adding a manifest.
 */
final class ConnectorRoutes {
  private final ConnectorCatalog catalog;
  private final ManifestDirectory manifests;
  /** Loaded manifests by file, kept while the file's modification time stays the same. */
  private final Map<Path, Loaded> loaded = new ConcurrentHashMap<>();

  private record Loaded(long modified, Optional<ObjectNode> json) {}

  /** {@code manifests}: those the control plane's pipeline loader resolves, scanned when it started. */
  ConnectorRoutes(ConnectorCatalog catalog, ManifestDirectory manifests) {
    this.catalog = catalog;
    this.manifests = manifests;
  }

  void register(RouteTable routes) {
    routes.get("/api/connectors", ctx -> {
      ArrayNode array = Json.array();
      catalog.all().forEach(spec -> array.add(ConnectorJson.of(spec)));
      ManifestDirectory offered = manifests;
      for (String name : offered.names()) {
        manifest(offered, name).ifPresent(array::add);
      }
      Json.respond(ctx, 200, array);
    });
    routes.get("/api/connectors/{connector}", ctx -> {
      String name = ctx.pathParam("connector");
      Optional<ConnectorSpec> spec = catalog.find(name);
      if (spec.isPresent()) {
        Json.respond(ctx, 200, ConnectorJson.of(spec.get()));
        return;
      }
      ManifestDirectory offered = manifests;
      ObjectNode manifest = manifest(offered, name).orElseThrow(() -> {
        List<String> known = new ArrayList<>(catalog.names());
        known.addAll(offered.names());
        return new ApiException(404, "not_found", "no connector named '" + name + "' (known: "
            + String.join(", ", known) + ")");
      });
      Json.respond(ctx, 200, manifest);
    });
  }

  private Optional<ObjectNode> manifest(ManifestDirectory offered, String name) {
    Optional<Path> file = offered.find(name);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    long modified;
    try {
      modified = Files.getLastModifiedTime(file.get()).toMillis();
    } catch (IOException e) {
      return Optional.empty();
    }
    Loaded cached = loaded.get(file.get());
    if (cached == null || cached.modified() != modified) {
      cached = new Loaded(modified, load(offered, name));
      loaded.put(file.get(), cached);
    }
    return cached.json().map(ObjectNode::deepCopy);
  }

  private static Optional<ObjectNode> load(ManifestDirectory offered, String name) {
    ManifestConnector manifest;
    try {
      manifest = offered.load(name, AirbyteManifests.standardInterpolation());
    } catch (SpecException e) {
      return Optional.empty();
    }
    ObjectNode node = ConnectorJson.of(manifest.connectorSpec(Map.of()));
    node.put("kind", "airbyte_manifest");
    node.set("credential_form", CredentialForm.of(manifest.connectionSpecification()).toJson());
    ArrayNode endpoints = (ArrayNode) node.get("endpoints");
    for (int i = 0; i < endpoints.size(); i++) {
      StreamEntry stream = manifest.streams().get(i);
      ObjectNode endpoint = (ObjectNode) endpoints.get(i);
      endpoint.put("runnable", stream.runnable());
      if (!stream.runnable()) {
        endpoint.put("problem", stream.problem());
      }
    }
    return Optional.of(node);
  }
}
