package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.schema.JsonSchemaMapper;
import dev.ingest.sinks.schema.SchemaInference;
import dev.ingest.sinks.tables.EndpointTables;
import dev.ingest.sources.http.EndpointException;
import dev.ingest.sources.http.FetchTarget;
import dev.ingest.sources.http.Page;
import dev.ingest.sources.http.PageFetcher;
import dev.ingest.sources.http.PageFetcherFactory;
import dev.ingest.sources.paging.PageCursor;
import dev.ingest.sources.spec.EndpointSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure every table a pipeline writes exists before its job graph is built (the Iceberg Flink sink binds to
 * a table's schema at build time): one table per endpoint in the namespace named after the pipeline, with the
 * schema the connector declares or, when it declares none, the schema inferred from the endpoint's first page
 * (a "discovery" request made here, on the client).
 */
public final class TablePlanner {
  private static final Logger LOG = LoggerFactory.getLogger(TablePlanner.class);

  private final Catalog catalog;
  private final PageFetcherFactory fetchers;

  public TablePlanner(Catalog catalog, PageFetcherFactory fetchers) {
    this.catalog = catalog;
    this.fetchers = fetchers;
  }

  /** Creates missing tables (and widens existing ones with newly discovered columns); returns their plans. */
  public List<EndpointTable> plan(PipelineSpec pipeline) throws EndpointException, InterruptedException {
    Namespace namespace = Namespace.of(pipeline.name());
    List<EndpointTable> tables = new ArrayList<>();
    for (String endpoint : pipeline.endpointNames()) {
      TableIdentifier id = TableIdentifier.of(namespace, endpoint);
      Schema dataSchema = dataSchema(pipeline, endpoint, id);
      Table table = EndpointTables.ensure(catalog, id, dataSchema, tableProperties(pipeline, endpoint));
      tables.add(new EndpointTable(endpoint, id, table.schema()));
    }
    return tables;
  }

  private Schema dataSchema(PipelineSpec pipeline, String endpoint, TableIdentifier id)
      throws EndpointException, InterruptedException {
    EndpointSpec spec = pipeline.connector().endpoints().get(endpoint);
    if (spec.declaredSchema().isPresent()) {
      return JsonSchemaMapper.fromJsonSchema(spec.declaredSchema().get());
    }
    if (catalog.tableExists(id)) {
      return catalog.loadTable(id).schema();
    }
    LOG.info("Discovering the schema of {}.{} from its first page", pipeline.name(), endpoint);
    try (PageFetcher fetcher = fetchers.open(FetchTarget.of(endpoint, "discovery"))) {
      Page first = fetcher.fetch(PageCursor.first());
      return SchemaInference.infer(first.records());
    }
  }

  private static Map<String, String> tableProperties(PipelineSpec pipeline, String endpoint) {
    return Map.of(
        "ingest.pipeline", pipeline.name(),
        "ingest.connector", pipeline.connector().name(),
        "ingest.endpoint", endpoint);
  }
}
