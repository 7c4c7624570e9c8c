package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.EndpointSelection;
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
 * Makes sure every table a pipeline writes exists, with the columns and layout its write mode needs, before its job
 * graph is built (the Iceberg Flink sink binds to a table's schema at build time): one table per endpoint in the
 * namespace named after the pipeline.
 *
 * <p>The data columns are the ones the connector declares or, when it declares none, the ones inferred from the
 * endpoint's first page (a "discovery" request made here, on the client) together with the fields recent rows had
 * to keep in {@code _ingest_extra} because the table had no column for them. That is how a field that appeared
 * during an earlier run becomes a column at the next job start (see docs/tables.md, schema evolution).
 */
public final class TablePlanner {
  private static final Logger LOG = LoggerFactory.getLogger(TablePlanner.class);

  /** At most this many {@code _ingest_extra} values are read per table to find fields that need a column. */
  static final int MAX_EXTRA_SAMPLES = 1_000;

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
      EndpointSelection selection = pipeline.endpoint(endpoint);
      Table table;
      try {
        table = EndpointTables.ensure(
            catalog, id, dataSchema, tableProperties(pipeline, endpoint), selection.layout());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("endpoint " + endpoint + " (table " + id + "): " + e.getMessage(), e);
      }
      tables.add(new EndpointTable(endpoint, id, table.schema(), selection));
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
      Table table = catalog.loadTable(id);
      List<String> samples = new ArrayList<>(ExtraFieldSamples.read(table, MAX_EXTRA_SAMPLES));
      try {
        samples.addAll(firstPage(pipeline, endpoint));
      } catch (EndpointException e) {
        LOG.warn("Could not discover new fields of {}.{} ({}); keeping its columns", pipeline.name(), endpoint,
            e.getMessage());
      }
      return SchemaInference.infer(samples);
    }
    LOG.info("Discovering the schema of {}.{} from its first page", pipeline.name(), endpoint);
    return SchemaInference.infer(firstPage(pipeline, endpoint));
  }

  private List<String> firstPage(PipelineSpec pipeline, String endpoint) throws EndpointException, InterruptedException {
    try (PageFetcher fetcher = fetchers.open(FetchTarget.of(endpoint, "discovery"))) {
      Page first = fetcher.fetch(PageCursor.first());
      return first.records();
    }
  }

  private static Map<String, String> tableProperties(PipelineSpec pipeline, String endpoint) {
    return Map.of(
        "ingest.pipeline", pipeline.name(),
        "ingest.connector", pipeline.connector().name(),
        "ingest.endpoint", endpoint,
        "ingest.write-mode", pipeline.endpoint(endpoint).writeMode().yamlName());
  }
}
