package dev.ingest.testkit;

import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for a test whose dependency (a program, a package, a server) is missing: under CI ({@code CI=true})
 * the test fails, so a broken CI image can never pass by skipping; locally it is skipped with one line on standard
 * error that says what to install.
 */
public final class Requirement {
  private Requirement() {}

  /** True when the build runs under CI ({@code CI} is {@code true} or {@code 1}). */
  public static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && (ci.equalsIgnoreCase("true") || ci.equals("1"));
  }

  /**
   * Fails (CI) or skips (locally) the calling test unless {@code present}.
   *
   * @param what the missing thing, e.g. "json-server (npm)"
   * @param install how to get it, e.g. "npm ci --prefix testing/node"
   */
  public static void require(boolean present, String what, String install) {
    require(present, what, install, inCi());
  }

  static void require(boolean present, String what, String install, boolean ci) {
    if (present) {
      return;
    }
    String message = what + " is missing: " + install;
    if (ci) {
      throw new AssertionError("CI=true and " + message);
    }
    System.err.println("SKIPPED " + callerClass() + ": " + message);
    Assumptions.abort(message);
  }

  private static String callerClass() {
    for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
      String name = frame.getClassName();
      if (!name.startsWith("dev.ingest.testkit.") && !name.startsWith("java.")) {
        return name.substring(name.lastIndexOf('.') + 1);
      }
    }
    return "test";
  }
}
