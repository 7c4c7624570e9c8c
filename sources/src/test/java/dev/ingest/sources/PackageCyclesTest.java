package dev.ingest.sources;

import dev.ingest.testkit.PackageCycles;
import org.junit.jupiter.api.Test;

/** The sources module's packages depend on each other without a cycle (each package a slice; see PackageCycles). */
class PackageCyclesTest {
  @Test
  void packagesAreFreeOfCycles() {
    PackageCycles.assertNone("dev.ingest.sources");
  }
}
