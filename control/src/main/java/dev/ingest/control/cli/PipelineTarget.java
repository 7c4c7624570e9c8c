package dev.ingest.control.cli;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.compile.StoreCatalogSecrets;
import dev.ingest.jobs.export.PipelineTables;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.catalog.LegacyCatalogTables;
import dev.ingest.sources.spec.SpecException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;

/** A loaded pipeline and its destination's catalog: what the table commands (maintain, exports) work on. */
record PipelineTarget(PipelineSpec pipeline, Catalog catalog) {

  /** Loads the pipeline file and opens its catalog (secrets read from the home's secret store). */
  static PipelineTarget load(Path file, HomeOption homeOption) throws SpecException {
    IngestHome home = homeOption.home();
    PipelineSpec pipeline = new PipelineLoader(home.specDefaults()).load(file);
    StoreCatalogSecrets secrets = new StoreCatalogSecrets(homeOption.secrets());
    LegacyCatalogTables.adopt(pipeline.destination(), secrets, pipeline.name());
    Catalog catalog = Catalogs.open(pipeline.destination(), secrets);
    return new PipelineTarget(pipeline, catalog);
  }

  /** {@link #load}, printing an invalid pipeline's message to standard error (the caller exits with 2). */
  static Optional<PipelineTarget> loadOrReport(Path file, HomeOption homeOption) {
    try {
      return Optional.of(load(file, homeOption));
    } catch (SpecException e) {
      System.err.println(e.getMessage());
      return Optional.empty();
    }
  }

  /** The pipeline's existing tables. */
  List<Table> tables() {
    return PipelineTables.load(catalog, pipeline);
  }
}
