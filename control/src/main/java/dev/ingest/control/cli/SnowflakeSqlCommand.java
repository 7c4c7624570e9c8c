package dev.ingest.control.cli;

import dev.ingest.jobs.export.SnowflakeSql;
import dev.ingest.sources.spec.SpecException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./ingest snowflake-sql PIPELINE.yaml}: prints CREATE ICEBERG TABLE statements (see docs/snowflake.md). */
@Command(name = "snowflake-sql", description = "Print Snowflake CREATE ICEBERG TABLE statements for a pipeline's tables.")
final class SnowflakeSqlCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PIPELINE.yaml") Path file;

  @Option(names = "--external-volume", defaultValue = "ingest_volume",
      description = "Snowflake external volume on the warehouse location (default: ${DEFAULT-VALUE})")
  String externalVolume;

  @Option(names = "--catalog-integration", defaultValue = "ingest_catalog",
      description = "Snowflake catalog integration (default: ${DEFAULT-VALUE})")
  String catalogIntegration;

  @Mixin HomeOption homeOption;

  @Override
  public Integer call() {
    try {
      PipelineTarget target = PipelineTarget.load(file, homeOption);
      if (target.tables().isEmpty()) {
        System.err.println("pipeline " + target.pipeline().name() + " has no tables yet: run it once first");
        return IngestCli.FAILED;
      }
      System.out.print(SnowflakeSql.statements(target.pipeline().name(), target.pipeline().destination(),
          target.tables(), externalVolume, catalogIntegration));
      return IngestCli.OK;
    } catch (SpecException e) {
      System.err.println(e.getMessage());
      return IngestCli.INVALID;
    }
  }
}
