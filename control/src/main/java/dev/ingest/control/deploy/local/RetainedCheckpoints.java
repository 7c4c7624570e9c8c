package dev.ingest.control.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints a pipeline's job left behind: jobs keep them on cancellation and when their cluster dies
 * ({@code RETAIN_ON_CANCELLATION}), in Flink's layout {@code <checkpoint dir>/<job id>/chk-<n>/_metadata}. A job the
 * cluster lost without a savepoint (the control plane was killed) restarts from the latest of them.
 */
final class RetainedCheckpoints {
  private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");

  private RetainedCheckpoints() {}

  /** The URI of the latest complete checkpoint of {@code jobId} under {@code checkpointDir}, if any. */
  static Optional<String> latest(Path checkpointDir, String jobId) {
    Path job = checkpointDir.resolve(jobId);
    if (!Files.isDirectory(job)) {
      return Optional.empty();
    }
    try (Stream<Path> entries = Files.list(job)) {
      return entries
          .filter(p -> CHECKPOINT.matcher(p.getFileName().toString()).matches())
          .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
          .max(Comparator.comparingLong(RetainedCheckpoints::number))
          .map(p -> p.toUri().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the checkpoints in " + job, e);
    }
  }

  private static long number(Path checkpoint) {
    Matcher m = CHECKPOINT.matcher(checkpoint.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }
}
