package dev.ingest.control.cli;

import dev.ingest.jobs.IngestHome;
import dev.ingest.sinks.runs.RunReader;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.catalog.DestinationConfig;
import dev.ingest.sinks.catalog.DestinationProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./ingest tables [PIPELINE.yaml]}: tables with their live row counts (deletes applied). With a pipeline
 * file, the pipeline's tables in its destination, through the same catalog the job writes (any destination type);
 * without one, every table of the local warehouse folder.
 */
@Command(name = "tables", description = "List tables and their live row counts: a pipeline's, in its destination "
    + "(any type), or with no PIPELINE.yaml every table of the local warehouse folder.")
final class TablesCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PIPELINE.yaml",
      description = "List this pipeline's tables in its destination") Path file;

  @Option(names = "--warehouse", description = "Local warehouse folder (default: <home>/warehouse)") Path warehouse;

  @Mixin HomeOption homeOption;

  @Override
  public Integer call() throws Exception {
    if (file != null) {
      return pipelineTables();
    }
    IngestHome home = homeOption.home();
    Path dir = warehouse == null ? home.warehouse() : warehouse;
    if (!Files.isDirectory(dir)) {
      System.out.println("no warehouse at " + dir + " yet: run ./ingest demo or ./ingest run first");
      return IngestCli.OK;
    }
    Catalog catalog = Catalogs.open(DestinationConfig.local(dir.toString()));
    print(catalog, ((SupportsNamespaces) catalog).listNamespaces());
    System.out.println("warehouse: " + dir);
    return IngestCli.OK;
  }

  private int pipelineTables() {
    Optional<PipelineTarget> loaded = PipelineTarget.loadOrReport(file, homeOption);
    if (loaded.isEmpty()) {
      return IngestCli.INVALID;
    }
    PipelineTarget target = loaded.get();
    DestinationConfig d = target.pipeline().destination();
    Namespace namespace = Namespace.of(target.pipeline().name());
    try {
      boolean exists = ((SupportsNamespaces) target.catalog()).namespaceExists(namespace);
      print(target.catalog(), exists ? List.of(namespace) : List.of());
    } catch (RuntimeException e) {
      System.err.println("cannot list the tables of " + target.pipeline().name() + " in its " + d.type()
          + " destination " + DestinationProbe.describe(d) + ": " + Failures.describe(e));
      return IngestCli.FAILED;
    }
    System.out.println("destination: " + d.type() + " " + DestinationProbe.describe(d));
    return IngestCli.OK;
  }

  private static void print(Catalog catalog, List<Namespace> namespaces) {
    RunReader reader = new RunReader(catalog);
    System.out.printf("%-48s %12s%n", "table", "rows");
    for (Namespace ns : namespaces.stream().sorted(Comparator.comparing(Namespace::toString)).toList()) {
      for (TableIdentifier id : catalog.listTables(ns).stream()
          .sorted(Comparator.comparing(TableIdentifier::toString)).toList()) {
        System.out.printf("%-48s %12d%n", id, reader.tableRows(id));
      }
    }
  }
}
