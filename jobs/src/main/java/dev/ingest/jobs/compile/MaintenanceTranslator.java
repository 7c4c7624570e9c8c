package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.MaintenanceOptions;
import dev.ingest.jobs.spec.MaintenanceSchedule;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.maintenance.MaintenancePlan;
import dev.ingest.sinks.maintenance.StreamingMaintenance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;

/**
 * Adds the maintenance of every endpoint table ({@link StreamingMaintenance}, uids {@code maintenance-<endpoint>})
 * to a job, on the pipeline's {@code maintenance} schedule: inside the pipeline's scheduled job, or as a job of its
 * own ({@link #translate} on an empty environment). Adds nothing when the pipeline schedules no maintenance.
 */
public final class MaintenanceTranslator {
  private final CatalogLoader catalogLoader;

  public MaintenanceTranslator(CatalogLoader catalogLoader) {
    this.catalogLoader = catalogLoader;
  }

  /** Adds the planned tables' maintenance to {@code env} (the pipeline's job); returns how many it maintains. */
  int translate(StreamExecutionEnvironment env, PipelineSpec pipeline, List<EndpointTable> tables) {
    Map<String, TableIdentifier> identifiers = new LinkedHashMap<>();
    tables.forEach(t -> identifiers.put(t.endpoint(), t.identifier()));
    return translate(env, pipeline, identifiers);
  }

  /**
   * Adds the maintenance of the pipeline's endpoint tables that exist in {@code catalog} to {@code env}: a
   * maintenance job of its own. Returns how many tables it maintains.
   */
  public int translateExisting(StreamExecutionEnvironment env, PipelineSpec pipeline, Catalog catalog) {
    Map<String, TableIdentifier> identifiers = new LinkedHashMap<>();
    for (String endpoint : pipeline.endpointNames()) {
      TableIdentifier id = TableIdentifier.of(Namespace.of(pipeline.name()), endpoint);
      if (catalog.tableExists(id)) {
        identifiers.put(endpoint, id);
      }
    }
    return translate(env, pipeline, identifiers);
  }

  private int translate(StreamExecutionEnvironment env, PipelineSpec pipeline, Map<String, TableIdentifier> tables) {
    if (!pipeline.maintenance().schedule().enabled()) {
      return 0;
    }
    MaintenancePlan plan = plan(pipeline.maintenance());
    tables.forEach((endpoint, id) -> StreamingMaintenance.append(env, TableLoader.fromCatalog(catalogLoader, id),
        plan, "maintenance-" + endpoint, 1));
    return tables.size();
  }

  static MaintenancePlan plan(MaintenanceOptions options) {
    MaintenanceSchedule schedule = options.schedule();
    return new MaintenancePlan(options.targetFileSizeBytes(), options.snapshotRetention(), options.retainLast(),
        options.orphanMinAge(), schedule.afterCommits(), schedule.every(), schedule.checkInterval());
  }
}
