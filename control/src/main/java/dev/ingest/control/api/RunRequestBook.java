package dev.ingest.control.api;

import dev.ingest.sources.source.request.RunRequestMark;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run requests of deployed pipelines, until their jobs have taken them: "Run now" adds one, the job's
 * enumerator polls for those above its watermark and reports where it stands ({@link RunRequestMark}), which gives
 * each request its state and, once started, its run. Request ids increase across control-plane restarts (the
 * clock's milliseconds, or one more than the last id), so a job restored with a watermark from before a restart
 * never mistakes a new request for an old one. Held in memory: a request the job has not yet taken is lost if the
 * control plane restarts (the caller asks again); the job's own state holds every request it accepted.
 */
final class RunRequestBook {
  /** Requests kept per pipeline once their run has started (the newest ones). */
  static final int KEEP_STARTED = 100;

  /** Where a request stands. */
  enum State { WAITING, ACCEPTED, STARTED }

  /**
   * One request and what its pipeline's job said about it.
   *
   * @param id the request id (increasing)
   * @param requestedAt when it was asked for
   * @param state waiting (the job has not taken it), accepted (queued behind the run in progress) or started
   * @param runId the run that serves it, once started
   */
  record Request(long id, Instant requestedAt, State state, Optional<String> runId) {}

  /** The latest poll of a pipeline's job: what it reported and when. */
  record Poll(RunRequestMark mark, Instant at) {}

  private final Clock clock;
  private long lastId;
  private final Map<String, List<Entry>> requests = new HashMap<>();
  private final Map<String, Poll> polls = new HashMap<>();

  RunRequestBook(Clock clock) {
    this.clock = clock;
  }

  /** Records a new request of {@code pipeline}. */
  synchronized Request add(String pipeline) {
    lastId = Math.max(lastId + 1, clock.millis());
    Entry entry = new Entry(lastId, clock.instant());
    requests.computeIfAbsent(pipeline, p -> new ArrayList<>()).add(entry);
    return view(pipeline, entry);
  }

  /**
   * A poll of {@code pipeline}'s job: records its mark and returns the requests above its watermark. A mark whose
   * started watermark went back (the job restored from an earlier checkpoint) clears the runs given after it.
   */
  synchronized List<Request> poll(String pipeline, RunRequestMark mark) {
    List<Entry> entries = requests.computeIfAbsent(pipeline, p -> new ArrayList<>());
    for (Entry e : entries) {
      if (e.id > mark.startedThrough()) {
        e.runId = null;
      } else if (e.runId == null) {
        e.runId = mark.startedRun().orElse(null);
      }
    }
    polls.put(pipeline, new Poll(mark, clock.instant()));
    prune(entries, mark);
    return entries.stream().filter(e -> e.id > mark.acceptedThrough()).map(e -> view(pipeline, e)).toList();
  }

  /** The request, if it is still kept. */
  synchronized Optional<Request> get(String pipeline, long id) {
    return requests.getOrDefault(pipeline, List.of()).stream().filter(e -> e.id == id).findFirst()
        .map(e -> view(pipeline, e));
  }

  /** The latest poll of the pipeline's job, if it polled since this control plane started. */
  synchronized Optional<Poll> lastPoll(String pipeline) {
    return Optional.ofNullable(polls.get(pipeline));
  }

  /** Drops the pipeline's requests (undeploy, delete): a new job starts with no watermark to compare them to. */
  synchronized void forget(String pipeline) {
    requests.remove(pipeline);
    polls.remove(pipeline);
  }

  private Request view(String pipeline, Entry e) {
    RunRequestMark mark = Optional.ofNullable(polls.get(pipeline)).map(Poll::mark).orElse(RunRequestMark.NONE);
    State state = e.id <= mark.startedThrough() ? State.STARTED
        : e.id <= mark.acceptedThrough() ? State.ACCEPTED : State.WAITING;
    return new Request(e.id, e.requestedAt, state, state == State.STARTED ? Optional.ofNullable(e.runId)
        : Optional.empty());
  }

  private static void prune(List<Entry> entries, RunRequestMark mark) {
    long started = entries.stream().filter(e -> e.id <= mark.startedThrough()).count();
    for (int i = 0; started > KEEP_STARTED && i < entries.size(); ) {
      if (entries.get(i).id <= mark.startedThrough()) {
        entries.remove(i);
        started--;
      } else {
        i++;
      }
    }
  }

  /** A request as kept: its run filled in by polls. */
  private static final class Entry {
    final long id;
    final Instant requestedAt;
    String runId;

    Entry(long id, Instant requestedAt) {
      this.id = id;
      this.requestedAt = requestedAt;
    }
  }
}
