package dev.ingest.control;

import dev.ingest.testkit.PackageCycles;
import org.junit.jupiter.api.Test;

/** The control module's packages depend on each other without a cycle (each package a slice; see PackageCycles). */
class PackageCyclesTest {
  @Test
  void packagesAreFreeOfCycles() {
    PackageCycles.assertNone("dev.ingest.control");
  }
}
