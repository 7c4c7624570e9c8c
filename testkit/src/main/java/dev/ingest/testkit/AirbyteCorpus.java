package dev.ingest.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared corpus of unmodified Airbyte manifests ({@code fixtures/airbyte} beside the repository, or the folder
 * the {@code ingest.airbyte.corpus} system property names). Missing, it skips locally and fails under CI.
 */
public final class AirbyteCorpus {
  private AirbyteCorpus() {}

  /** The corpus folder; skips (or fails under CI) when it is absent. */
  public static Path dir() {
    String property = System.getProperty("ingest.airbyte.corpus");
    Path dir = property != null ? Path.of(property) : locate();
    Requirement.require(dir != null && Files.isDirectory(dir), "the Airbyte manifest corpus (fixtures/airbyte)",
        "set -Dingest.airbyte.corpus=/path/to/fixtures/airbyte");
    return dir;
  }

  /** One manifest file of the corpus. */
  public static Path manifest(String file) {
    return dir().resolve(file);
  }

  /**
   * A changed copy of a corpus manifest, written into {@code dir} (a test's temporary folder) under the same file
   * name: its text with the one occurrence of {@code find} replaced by {@code replacement}. Fails when {@code find}
   * does not occur exactly once, so a corpus change cannot make the variant silently equal to the original.
   */
  public static Path variant(String file, Path dir, String find, String replacement) throws IOException {
    String text = Files.readString(manifest(file));
    int at = text.indexOf(find);
    if (at < 0 || text.indexOf(find, at + 1) >= 0) {
      throw new IllegalStateException("'" + find + "' does not occur exactly once in " + file);
    }
    Path copy = dir.resolve(file);
    Files.writeString(copy, text.substring(0, at) + replacement + text.substring(at + find.length()));
    return copy;
  }

  /**
   * Calendly with {@code incremental_dependency} also on {@code scheduled_events}' parent ({@code api_user}), so
   * that {@code event_invitees} depends on a dependency: the corpus's example of a stream that cannot run.
   */
  public static Path calendlyWithNestedDependency(Path dir) throws IOException {
    String parent = "$ref: \"#/definitions/streams/api_user\"\n";
    String cursor = "      incremental_sync:\n        type: DatetimeBasedCursor\n        cursor_field: start_time\n";
    return variant("source-calendly.yaml", dir, parent + cursor,
        parent + "              incremental_dependency: true\n" + cursor);
  }

  /** Every manifest of the corpus (the component schema excluded). */
  public static List<Path> manifests() throws IOException {
    try (Stream<Path> files = Files.list(dir())) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
          .filter(f -> !f.getFileName().toString().equals("declarative_component_schema.yaml")).sorted().toList();
    }
  }

  private static Path locate() {
    Path at = Path.of("").toAbsolutePath();
    for (int up = 0; at != null && up < 6; up++, at = at.getParent()) {
      Path candidate = at.resolve("shared/fixtures/airbyte");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      Path sibling = at.resolve("fixtures/airbyte");
      if (Files.isDirectory(sibling)) {
        return sibling;
      }
    }
    return null;
  }
}
