package dev.ingest.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** {@link PackageCycles} on fixture packages (test classes, so imported here directly) and on testkit itself. */
class PackageCyclesTest {
  private static final String FIXTURES = "dev.ingest.testkit.cycles";

  private static JavaClasses fixture(String name) {
    return new ClassFileImporter().importPackages(FIXTURES + "." + name);
  }

  @Test
  void aCycleBetweenSiblingPackagesFails() {
    assertThatThrownBy(() -> PackageCycles.assertNone(fixture("siblings"), FIXTURES + ".siblings"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("package cycles under " + FIXTURES + ".siblings")
        .hasMessageContaining("siblings.a").hasMessageContaining("siblings.b");
  }

  @Test
  void aCycleBetweenAPackageAndItsParentFails() {
    assertThatThrownBy(() -> PackageCycles.assertNone(fixture("parent"), FIXTURES + ".parent"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("parent.child.Child")
        .hasMessageContaining("parent.Parent");
  }

  @Test
  void packagesThatDependOneWayPass() {
    assertThatCode(() -> PackageCycles.assertNone(fixture("acyclic"), FIXTURES + ".acyclic"))
        .doesNotThrowAnyException();
  }

  @Test
  void aRootWithNoClassesFails() {
    assertThatThrownBy(() -> PackageCycles.assertNone("dev.ingest.nothing.here"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("no classes under dev.ingest.nothing.here");
  }

  @Test
  void testkitHasNoPackageCycles() {
    assertThatCode(() -> PackageCycles.assertNone("dev.ingest.testkit")).doesNotThrowAnyException();
  }
}
