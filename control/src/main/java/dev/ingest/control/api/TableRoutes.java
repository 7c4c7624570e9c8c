package dev.ingest.control.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ingest.control.store.StoredPipeline;
import dev.ingest.sinks.runs.RunReader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import io.javalin.http.Context;
import java.io.Closeable;
import java.io.IOException;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/pipelines/{name}/tables}: each endpoint's Iceberg table with its total row count, read from the
 * current snapshot's summary (metadata only, no data files). A table not created yet counts 0 rows.
 */
final class TableRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(TableRoutes.class);

  private final PipelineService service;

  TableRoutes(PipelineService service) {
    this.service = service;
  }

  void register(RouteTable routes) {
    routes.get("/api/pipelines/{name}/tables", this::tables);
  }

  private void tables(Context ctx) {
    StoredPipeline pipeline = service.get(ctx.pathParam("name"));
    PipelineSpec spec = service.spec(pipeline);
    ArrayNode array = Json.array();
    Catalog catalog = null;
    try {
      catalog = Catalogs.open(spec.destination());
      RunReader reader = new RunReader(catalog);
      for (String endpoint : spec.endpointNames()) {
        TableIdentifier id = TableIdentifier.of(Namespace.of(spec.name()), endpoint);
        array.addObject().put("endpoint", endpoint).put("table", id.toString()).put("rows", reader.tableRows(id));
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not read the tables of pipeline {}: {}", spec.name(), e.toString());
      throw new ApiException(502, "warehouse", "could not read the tables of pipeline " + spec.name()
          + " from its destination (" + spec.destination().type() + "); the control plane's log has the cause");
    } finally {
      close(catalog);
    }
    Json.respond(ctx, 200, array);
  }

  private static void close(Catalog catalog) {
    if (catalog instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        LOG.debug("Closing the catalog failed: {}", e.toString());
      }
    }
  }
}
