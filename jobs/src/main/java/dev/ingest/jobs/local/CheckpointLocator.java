package dev.ingest.jobs.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the latest completed checkpoint a pipeline's earlier local job left behind (a crash or SIGKILL keeps
 * retained checkpoints under {@code <checkpoints>/<job id>/chk-<n>/_metadata}), so the next local start resumes
 * from it instead of starting over.
 */
public final class CheckpointLocator {
  private CheckpointLocator() {}

  public static Optional<Path> latest(Path pipelineCheckpoints) {
    if (!Files.isDirectory(pipelineCheckpoints)) {
      return Optional.empty();
    }
    try (Stream<Path> jobs = Files.list(pipelineCheckpoints)) {
      return jobs.filter(Files::isDirectory)
          .flatMap(CheckpointLocator::completed)
          .max(Comparator.comparing(CheckpointLocator::modified))
          .map(Path::getParent);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Stream<Path> completed(Path jobDir) {
    try (Stream<Path> children = Files.list(jobDir)) {
      return children.filter(p -> p.getFileName().toString().startsWith("chk-"))
          .map(p -> p.resolve("_metadata"))
          .filter(Files::isRegularFile)
          .toList()
          .stream();
    } catch (IOException e) {
      return Stream.empty();
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
