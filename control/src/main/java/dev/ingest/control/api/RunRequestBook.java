package dev.ingest.control.api;

import dev.ingest.control.store.RunRequestStore;
import dev.ingest.sources.source.request.RunRequestMark;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run requests of deployed pipelines, until their jobs have taken them: "Run now" adds one, the job's
 * enumerator polls for those above its watermark and reports where it stands ({@link RunRequestMark}), which gives
 * each request its state and, once started, its run. Request ids increase across control-plane restarts (the
 * clock's milliseconds, or one more than the last id), so a job restored with a watermark from before a restart
 * never mistakes a new request for an old one. The requests are kept in the control-plane database
 * ({@link RunRequestStore}), so one the job has not yet taken is still served after a control-plane restart; the
 * job's own state holds every request it accepted, so none is served twice. The job's latest poll is held in memory
 * (it polls again within seconds).
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
  private final RunRequestStore store;
  private final Map<String, Poll> polls = new HashMap<>();

  RunRequestBook(RunRequestStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Records a new request of {@code pipeline}. */
  synchronized Request add(String pipeline) {
    return view(pipeline, store.add(pipeline, clock.millis(), clock.instant()));
  }

  /**
   * A poll of {@code pipeline}'s job: records its mark and returns the requests above its watermark. A mark whose
   * started watermark went back (the job restored from an earlier checkpoint) clears the runs given after it.
   */
  synchronized List<Request> poll(String pipeline, RunRequestMark mark) {
    store.applyPoll(pipeline, mark.startedThrough(), mark.startedRun(), KEEP_STARTED);
    polls.put(pipeline, new Poll(mark, clock.instant()));
    return store.list(pipeline).stream().filter(e -> e.id() > mark.acceptedThrough()).map(e -> view(pipeline, e))
        .toList();
  }

  /** The request, if it is still kept. */
  synchronized Optional<Request> get(String pipeline, long id) {
    return store.list(pipeline).stream().filter(e -> e.id() == id).findFirst().map(e -> view(pipeline, e));
  }

  /** The latest poll of the pipeline's job, if it polled since this control plane started. */
  synchronized Optional<Poll> lastPoll(String pipeline) {
    return Optional.ofNullable(polls.get(pipeline));
  }

  /** Drops the pipeline's requests (undeploy, delete): a new job starts with no watermark to compare them to. */
  synchronized void forget(String pipeline) {
    store.forget(pipeline);
    polls.remove(pipeline);
  }

  private Request view(String pipeline, RunRequestStore.Row e) {
    RunRequestMark mark = Optional.ofNullable(polls.get(pipeline)).map(Poll::mark).orElse(RunRequestMark.NONE);
    State state = e.id() <= mark.startedThrough() ? State.STARTED
        : e.id() <= mark.acceptedThrough() ? State.ACCEPTED : State.WAITING;
    return new Request(e.id(), e.requestedAt(), state, state == State.STARTED ? e.runId() : Optional.empty());
  }
}
