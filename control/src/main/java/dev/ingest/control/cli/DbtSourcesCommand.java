package dev.ingest.control.cli;

import dev.ingest.jobs.export.DbtSources;
import dev.ingest.sources.spec.SpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./ingest dbt-sources PIPELINE.yaml}: writes a dbt sources.yml with the pipeline's tables and columns. */
@Command(name = "dbt-sources", description = "Write a dbt sources.yml listing a pipeline's tables and columns.")
final class DbtSourcesCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PIPELINE.yaml") Path file;

  @Option(names = {"-o", "--output"}, defaultValue = "sources.yml",
      description = "File to write (default: ${DEFAULT-VALUE}); - for standard output")
  String output;

  @Mixin HomeOption homeOption;

  @Override
  public Integer call() {
    try {
      PipelineTarget target = PipelineTarget.load(file, homeOption);
      if (target.tables().isEmpty()) {
        System.err.println("pipeline " + target.pipeline().name() + " has no tables yet: run it once first");
        return IngestCli.FAILED;
      }
      String yaml = DbtSources.yaml(target.pipeline().name(), target.pipeline().connector().name(), target.tables());
      if (output.equals("-")) {
        System.out.print(yaml);
      } else {
        Path path = Path.of(output);
        Files.writeString(path, yaml, StandardCharsets.UTF_8);
        System.out.println("wrote " + path.toAbsolutePath() + " (" + target.tables().size() + " tables)");
      }
      return IngestCli.OK;
    } catch (SpecException e) {
      System.err.println(e.getMessage());
      return IngestCli.INVALID;
    } catch (IOException e) {
      System.err.println("cannot write " + output + ": " + e.getMessage());
      return IngestCli.FAILED;
    }
  }
}
