package dev.ingest.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RequirementTest {
  @Test
  void aMissingDependencyFailsUnderCi() {
    assertThatThrownBy(() -> Requirement.require(false, "s3rver (npm)", "npm ci --prefix testing/node", true))
        .isInstanceOf(AssertionError.class)
        .hasMessage("CI=true and s3rver (npm) is missing: npm ci --prefix testing/node");
  }

  @Test
  void aMissingDependencySkipsLocally() {
    assertThatThrownBy(() -> Requirement.require(false, "s3rver (npm)", "npm ci --prefix testing/node", false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("s3rver (npm) is missing: npm ci --prefix testing/node");
  }

  @Test
  void aPresentDependencyNeitherFailsNorSkips() {
    assertThatCode(() -> Requirement.require(true, "s3rver (npm)", "npm ci", true)).doesNotThrowAnyException();
  }
}
