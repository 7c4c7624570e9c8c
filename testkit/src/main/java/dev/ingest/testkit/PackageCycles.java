package dev.ingest.testkit;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * Fails when the packages under a root depend on each other in a cycle (ArchUnit's slice rule). Every package is its
 * own slice, the root package included, so a cycle between a package and its parent counts as much as one between
 * siblings. Each module's {@code PackageCyclesTest} calls {@link #assertNone(String)} with its root package.
 */
public final class PackageCycles {
  private PackageCycles() {}

  /** Checks the main classes (not tests, not jars) under {@code root} on the class path, e.g. "dev.ingest.sources". */
  public static void assertNone(String root) {
    assertNone(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(root), root);
  }

  /** Checks {@code classes}, whose packages under {@code root} are the slices. */
  public static void assertNone(JavaClasses classes, String root) {
    if (classes.stream().noneMatch(c -> inRoot(c, root))) {
      throw new AssertionError("no classes under " + root + " to check for package cycles (is it compiled?)");
    }
    EvaluationResult result = slices().assignedFrom(eachPackage(root)).should().beFreeOfCycles()
        .allowEmptyShould(false).evaluate(classes);
    if (result.hasViolation()) {
      throw new AssertionError("package cycles under " + root + " (each package a slice; a package and its parent"
          + " count as two): break each cycle below by moving the type or the dependency\n"
          + String.join("\n", result.getFailureReport().getDetails()));
    }
  }

  private static boolean inRoot(JavaClass type, String root) {
    String name = type.getPackageName();
    return name.equals(root) || name.startsWith(root + ".");
  }

  private static SliceAssignment eachPackage(String root) {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass type) {
        return inRoot(type, root) ? SliceIdentifier.of(type.getPackageName()) : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "every package under " + root;
      }
    };
  }
}
