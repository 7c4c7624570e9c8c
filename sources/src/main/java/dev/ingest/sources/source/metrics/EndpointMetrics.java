package dev.ingest.sources.source.metrics;

import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.source.event.EndpointRun;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The metrics of one endpoint on one reader, registered under {@code <reader group>.endpoint.<name>}: counters
 * {@code rows}, {@code pages}, {@code requests}, {@code bytes}, {@code retries}, {@code throttled}, {@code errors};
 * gauges {@code lastRunDurationMs}, {@code lastRunRows}, {@code lastRunStatus} (0 succeeded, 1 failed).
 *
 * <p>Counters count work done, including pages refetched after a restore; the exact per-run totals are in the
 * emitted {@code EndpointRun}. Updated on the task thread only; gauges are read by the metric reporters.
 */
public final class EndpointMetrics {
  private final Counter rows;
  private final Counter pages;
  private final Counter requests;
  private final Counter bytes;
  private final Counter retries;
  private final Counter throttled;
  private final Counter errors;
  private volatile long lastRunDurationMs;
  private volatile long lastRunRows;
  private volatile int lastRunStatus;

  EndpointMetrics(MetricGroup endpointGroup) {
    rows = endpointGroup.counter("rows");
    pages = endpointGroup.counter("pages");
    requests = endpointGroup.counter("requests");
    bytes = endpointGroup.counter("bytes");
    retries = endpointGroup.counter("retries");
    throttled = endpointGroup.counter("throttled");
    errors = endpointGroup.counter("errors");
    endpointGroup.gauge("lastRunDurationMs", () -> lastRunDurationMs);
    endpointGroup.gauge("lastRunRows", () -> lastRunRows);
    endpointGroup.gauge("lastRunStatus", () -> lastRunStatus);
  }

  /** One record emitted. */
  public void recordEmitted() {
    rows.inc();
  }

  /** One page completed at the cost of {@code stats}. */
  public void pageCompleted(FetchStats stats) {
    pages.inc();
    requestsSent(stats);
  }

  /** Requests sent at the cost of {@code stats}, for a page still being emitted or for a failure. */
  public void requestsSent(FetchStats stats) {
    requests.inc(stats.requests());
    bytes.inc(stats.bytes());
    retries.inc(stats.retries());
    throttled.inc(stats.throttled());
  }

  /** The endpoint's run ended; a failed run also counts one error. */
  public void runFinished(EndpointRun run) {
    boolean failed = EndpointRun.FAILED.equals(run.status);
    if (failed) {
      errors.inc();
    }
    lastRunDurationMs = run.durationMillis();
    lastRunRows = run.rows;
    lastRunStatus = failed ? 1 : 0;
  }
}
