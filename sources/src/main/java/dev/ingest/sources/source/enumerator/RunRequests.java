package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.source.request.RunRequestMark;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run requests a job has accepted, on the coordinator thread. A request above the checkpointed watermark is
 * accepted once; it waits until no run is in progress, and every request waiting then shares the next run
 * (coalesced). Any run that starts, scheduled or requested, serves the requests accepted before it: it fetches
 * everything up to its start. The mark is published through a volatile field for the poll thread to report.
 */
final class RunRequests {
  private static final Logger LOG = LoggerFactory.getLogger(RunRequests.class);

  private final String pipeline;
  private volatile RunRequestMark mark;

  RunRequests(String pipeline, RunRequestMark mark) {
    this.pipeline = pipeline;
    this.mark = mark;
  }

  /** Accepts the ids above the watermark; returns how many were new (repeats after a restore are ignored). */
  int accept(Collection<Long> ids) {
    RunRequestMark before = mark;
    long highest = ids.stream().mapToLong(Long::longValue).max().orElse(0);
    int added = (int) ids.stream().filter(id -> id > before.acceptedThrough()).distinct().count();
    if (added > 0) {
      mark = before.accepted(highest);
      LOG.info("pipeline {}: accepted {} run request(s) through id {}", pipeline, added, highest);
    }
    return added;
  }

  /** True when an accepted request waits for its run. */
  boolean waiting() {
    return mark.waiting();
  }

  /** A run started: it serves every request accepted so far. */
  void runStarted(String runId) {
    RunRequestMark before = mark;
    if (before.waiting()) {
      mark = before.started(runId);
      LOG.info("pipeline {}: run {} serves the run requests ({}, {}]", pipeline, runId, before.startedThrough(),
          before.acceptedThrough());
    }
  }

  /** The current mark: checkpointed by the enumerator, reported by the poll (any thread). */
  RunRequestMark mark() {
    return mark;
  }
}
