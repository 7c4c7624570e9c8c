package dev.ingest.control.deploy;

import java.net.URI;

/** Links into the Flink web UI (the Angular dashboard served next to Flink's REST API). */
public final class FlinkWebUi {
  private FlinkWebUi() {}

  /**
   * The job's overview page: {@code <base>/#/job/running/<id>/overview} while it runs, {@code …/completed/…} once
   * it has ended (the UI lists the two apart).
   */
  public static String jobUrl(URI base, String jobId, boolean terminal) {
    String root = base.toString().replaceAll("/+$", "");
    return root + "/#/job/" + (terminal ? "completed" : "running") + "/" + jobId + "/overview";
  }
}
