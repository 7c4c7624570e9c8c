package dev.ingest.control.cli;

import dev.ingest.sinks.runs.RunReport;
import java.io.PrintStream;

/** Prints a run report as a small table: one line per endpoint, then where the tables are. */
final class ReportPrinter {
  private ReportPrinter() {}

  static void print(RunReport report, PrintStream out) {
    out.printf("%nrun %s of pipeline %s%n", report.runId(), report.pipeline());
    out.printf("  %-24s %-10s %10s %8s %9s %10s %12s%n",
        "endpoint", "status", "rows", "pages", "requests", "ms", "table rows");
    for (RunReport.EndpointResult e : report.endpoints()) {
      out.printf("  %-24s %-10s %10d %8d %9d %10d %12d%n",
          e.endpoint(), e.status(), e.rows(), e.pages(), e.requests(), e.durationMs(), e.tableRows());
      if (e.failed()) {
        out.printf("      %s%n", FailureText.of(e.errorClass(), e.errorMessage()));
      }
    }
    out.printf("tables: %s/%s/ (Iceberg, one table per endpoint; run history in %s._ingest_runs)%n",
        report.warehouse(), report.pipeline(), report.pipeline());
  }
}
