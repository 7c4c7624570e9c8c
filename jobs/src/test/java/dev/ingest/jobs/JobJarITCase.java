package dev.ingest.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The shaded job jar this module packages (its path comes from Failsafe, which runs after the package phase) holds
 * the job and its runtime, and none of the harnesses: the sandbox API (module sandbox), the benchmarks and the chaos
 * harnesses (module tools), nor the test kit. A dependency that brought one of them back fails `mvn verify`.
 */
class JobJarITCase {
  private static final List<String> HARNESSES = List.of("dev/ingest/sandbox/", "dev/ingest/tools/",
      "dev/ingest/testkit/", "dev/ingest/sources/sandbox/", "dev/ingest/sources/bench/", "dev/ingest/jobs/bench/",
      "dev/ingest/jobs/chaos/", "dev/ingest/control/");

  @Test
  void holdsTheJobAndNoHarness() throws Exception {
    Path jar = Path.of(System.getProperty("ingest.job.jar", "target/missing-job.jar"));
    assertThat(jar).as("the job jar (mvn package builds it)").isRegularFile();
    try (JarFile file = new JarFile(jar.toFile())) {
      List<String> names = file.stream().map(ZipEntry::getName).toList();
      assertThat(names).as("the job and the sources runtime").contains("dev/ingest/jobs/IngestJob.class",
          "connectors/index.txt");
      assertThat(names.stream().filter(n -> HARNESSES.stream().anyMatch(n::startsWith)).toList())
          .as("harness classes in %s (%d bytes)", jar, Files.size(jar)).isEmpty();
    }
  }
}
