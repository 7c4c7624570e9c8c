package dev.ingest.control.cli;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.local.RunReader;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.catalog.DestinationConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./ingest tables}: the local warehouse's tables with their row counts, read from Iceberg metadata. */
@Command(name = "tables", description = "List the warehouse's tables and their row counts (from Iceberg metadata).")
final class TablesCommand implements Callable<Integer> {
  @Option(names = "--warehouse", description = "Warehouse folder (default: <home>/warehouse)") Path warehouse;

  @Mixin HomeOption homeOption;

  @Override
  public Integer call() throws Exception {
    IngestHome home = homeOption.home();
    Path dir = warehouse == null ? home.warehouse() : warehouse;
    if (!Files.isDirectory(dir)) {
      System.out.println("no warehouse at " + dir + " yet: run ./ingest demo or ./ingest run first");
      return IngestCli.OK;
    }
    Catalog catalog = Catalogs.open(new DestinationConfig("local", dir.toString(), Map.of()));
    RunReader reader = new RunReader(catalog);
    List<Namespace> namespaces = ((SupportsNamespaces) catalog).listNamespaces();
    System.out.printf("%-48s %12s%n", "table", "rows");
    for (Namespace ns : namespaces.stream().sorted(Comparator.comparing(Namespace::toString)).toList()) {
      for (TableIdentifier id : catalog.listTables(ns).stream()
          .sorted(Comparator.comparing(TableIdentifier::toString)).toList()) {
        System.out.printf("%-48s %12d%n", id, reader.tableRows(id));
      }
    }
    System.out.println("warehouse: " + dir);
    return IngestCli.OK;
  }
}
