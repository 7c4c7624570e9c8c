package dev.ingest.control.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ingest.sources.spec.ConnectorCatalog;
import dev.ingest.sources.spec.ConnectorSpec;

/** The connector catalog: every built-in connector with its settings, credential form and endpoints. */
final class ConnectorRoutes {
  private final ConnectorCatalog catalog;

  ConnectorRoutes(ConnectorCatalog catalog) {
    this.catalog = catalog;
  }

  void register(RouteTable routes) {
    routes.get("/api/connectors", ctx -> {
      ArrayNode array = Json.array();
      catalog.all().forEach(spec -> array.add(ConnectorJson.of(spec)));
      Json.respond(ctx, 200, array);
    });
    routes.get("/api/connectors/{connector}", ctx -> {
      String name = ctx.pathParam("connector");
      ConnectorSpec spec = catalog.find(name).orElseThrow(() -> new ApiException(404, "not_found",
          "no connector named '" + name + "' (known: " + String.join(", ", catalog.names()) + ")"));
      Json.respond(ctx, 200, ConnectorJson.of(spec));
    });
  }
}
