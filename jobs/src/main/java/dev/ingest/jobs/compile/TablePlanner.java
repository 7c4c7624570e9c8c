package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.EndpointSelection;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.schema.JsonSchemaMapper;
import dev.ingest.sinks.schema.MetadataColumns;
import dev.ingest.sinks.schema.SchemaInference;
import dev.ingest.sinks.tables.EndpointTables;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.spec.EndpointSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * <p>The data columns are the ones the connector declares or, when it declares none:
 *
 * <ul>
 *   <li>for a new table, the ones inferred from the endpoint's first page: a "discovery" request made here, on the
 *       client, through the pipeline's own fetcher factory (the runtime's retry policy, request timeout and budget
 *       bound it; nothing here waits on its own). What it cost is returned ({@link TablePlan#discoveryCosts}) and
 *       counted in the endpoint's first run ({@link DiscoveryAwareFetchers});
 *   <li>for an existing table, its columns plus the fields recent rows had to keep in {@code _ingest_extra}
 *       because the table had no column for them. No request is made: the schema evolves from the data (that is
 *       how a field that appeared during an earlier run becomes a column at the next job start, see docs/tables.md,
 *       schema evolution).
 * </ul>
 *
 * <p>A discovery that fails ({@link EndpointException}: unreachable host, HTTP error, a records path that matches
 * nothing) fails only that endpoint: it gets no table and is returned in {@link TablePlan#failed}; the others are
 * planned as usual.
 */
public final class TablePlanner {
  private static final Logger LOG = LoggerFactory.getLogger(TablePlanner.class);

  /** At most this many {@code _ingest_extra} values are read per table to find fields that need a column. */
  static final int MAX_EXTRA_SAMPLES = 1_000;

  /** The run id of the discovery requests (they belong to no run of the source). */
  static final String DISCOVERY_RUN = "discovery";

  private final Catalog catalog;
  private final PageFetcherFactory fetchers;

  public TablePlanner(Catalog catalog, PageFetcherFactory fetchers) {
    this.catalog = catalog;
    this.fetchers = fetchers;
  }

  /**
   * Creates missing tables (and widens existing ones with newly seen columns); returns their plans and the
   * endpoints whose discovery failed.
   *
   * @throws IllegalArgumentException naming the endpoint when its layout does not fit its columns (a primary key
   *     or partition column that is not a top-level column)
   */
  public TablePlan plan(PipelineSpec pipeline) throws InterruptedException {
    Namespace namespace = Namespace.of(pipeline.name());
    List<EndpointTable> tables = new ArrayList<>();
    Map<String, EndpointException> failed = new LinkedHashMap<>();
    Map<String, FetchStats> costs = new LinkedHashMap<>();
    for (String endpoint : pipeline.endpointNames()) {
      TableIdentifier id = TableIdentifier.of(namespace, endpoint);
      Schema dataSchema;
      try {
        dataSchema = dataSchema(pipeline, endpoint, id, costs);
      } catch (EndpointException e) {
        LOG.warn("Schema discovery of {}.{} failed ({}): {}; the endpoint has no table and its run is recorded as "
            + "FAILED", pipeline.name(), endpoint, e.errorClass(), e.getMessage());
        failed.put(endpoint, e);
        continue;
      }
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
    return new TablePlan(tables, failed, costs);
  }

  /** At most this many pages are read to find a first record when discovering a table's schema. */
  static final int DISCOVERY_PAGES = 10;

  private Schema dataSchema(PipelineSpec pipeline, String endpoint, TableIdentifier id, Map<String, FetchStats> costs)
      throws EndpointException, InterruptedException {
    EndpointSpec spec = pipeline.connector().endpoints().get(endpoint);
    if (spec.declaredSchema().isPresent()) {
      return JsonSchemaMapper.fromJsonSchema(spec.declaredSchema().get());
    }
    if (catalog.tableExists(id)) {
      Table table = catalog.loadTable(id);
      Schema seen = SchemaInference.infer(ExtraFieldSamples.read(table, MAX_EXTRA_SAMPLES));
      return dataColumns(EndpointTables.addColumns(table, seen));
    }
    LOG.info("Discovering the schema of {}.{} from its first page with records", pipeline.name(), endpoint);
    Page first = firstPage(endpoint);
    costs.put(endpoint, first.stats());
    return SchemaInference.infer(first.records());
  }

  /** The table's columns without the metadata columns (which {@link EndpointTables#ensure} adds itself). */
  private static Schema dataColumns(Schema tableSchema) {
    return new Schema(tableSchema.columns().stream().filter(c -> !MetadataColumns.isMetadata(c.name())).toList());
  }

  /**
   * The first page with records, walking past empty ones (the empty first windows of a manifest's
   * {@code DatetimeBasedCursor}, an empty first parent) up to {@value #DISCOVERY_PAGES} pages; the stats are those
   * of every page read.
   */
  private Page firstPage(String endpoint) throws EndpointException, InterruptedException {
    try (PageFetcher fetcher = fetchers.open(FetchTarget.of(endpoint, DISCOVERY_RUN))) {
      Page page = fetcher.fetch(PageCursor.first());
      FetchStats spent = page.stats();
      for (int read = 1; page.records().isEmpty() && !page.isLast() && read < DISCOVERY_PAGES; read++) {
        page = fetcher.fetch(page.next().orElseThrow());
        spent = spent.plus(page.stats());
      }
      return new Page(page.records(), page.next(), spent);
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
