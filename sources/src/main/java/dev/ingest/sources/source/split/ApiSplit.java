package dev.ingest.sources.source.split;

import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.PageCursor;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One endpoint of one run of a pipeline, and how far it got: the unit of work the enumerator hands to a reader and
 * the value a checkpoint stores. Immutable and validated here; {@link ApiSplitState} is its mutable twin.
 *
 * <p>The position is <em>exact to the record</em>: {@link #cursor()} is the page being emitted and
 * {@link #recordsToSkip()} how many of its records were already emitted. A restored split refetches that page and
 * skips those records, so a checkpoint between two records of a page neither loses nor repeats one.
 *
 * <p>Split id: {@code runId + "/" + endpoint}, plus {@code "@" + key} for the parts of a fanned-out endpoint (see
 * {@link SplitRole}).
 */
public final class ApiSplit implements SourceSplit {
  private final String pipeline;
  private final String endpoint;
  private final String runId;
  private final long runStartedAt;
  private final PageCursor cursor;
  private final long recordsToSkip;
  private final SplitProgress progress;
  private final SplitStatus status;
  private final Map<String, String> vars;
  private final String cursorMax;
  private final SplitRole role;

  /**
   * @param pipeline the pipeline name
   * @param endpoint the endpoint name as the connector defines it
   * @param runId the run this split belongs to
   * @param runStartedAt epoch millis the enumerator created the run
   * @param cursor the page being emitted ({@link PageCursor#first()} before the first page)
   * @param recordsToSkip records of that page already emitted
   * @param progress totals so far
   * @param status whether the split is still reading or finished (its {@code EndpointRun} emitted)
   * @param vars values for request templates ({@code incremental.*}, {@code parent.*}), may be empty
   */
  public ApiSplit(
      String pipeline, String endpoint, String runId, long runStartedAt, PageCursor cursor, long recordsToSkip,
      SplitProgress progress, SplitStatus status, Map<String, String> vars) {
    this(pipeline, endpoint, runId, runStartedAt, cursor, recordsToSkip, progress, status, vars, null);
  }

  /**
   * As above, with {@code cursorMax}: the highest incremental cursor value among the records of the pages fully
   * emitted so far, or null.
   */
  public ApiSplit(
      String pipeline, String endpoint, String runId, long runStartedAt, PageCursor cursor, long recordsToSkip,
      SplitProgress progress, SplitStatus status, Map<String, String> vars, String cursorMax) {
    this(pipeline, endpoint, runId, runStartedAt, cursor, recordsToSkip, progress, status, vars, cursorMax,
        SplitRole.WHOLE);
  }

  /** As above, with the split's {@code role} in a fanned-out endpoint ({@link SplitRole#WHOLE} otherwise). */
  public ApiSplit(
      String pipeline, String endpoint, String runId, long runStartedAt, PageCursor cursor, long recordsToSkip,
      SplitProgress progress, SplitStatus status, Map<String, String> vars, String cursorMax, SplitRole role) {
    this.role = Objects.requireNonNull(role, "role");
    this.cursorMax = cursorMax;
    this.pipeline = requireText(pipeline, "pipeline");
    this.endpoint = requireText(endpoint, "endpoint");
    this.runId = requireText(runId, "runId");
    if (runStartedAt < 0) {
      throw new IllegalArgumentException("runStartedAt must be >= 0, got " + runStartedAt);
    }
    if (recordsToSkip < 0) {
      throw new IllegalArgumentException("recordsToSkip must be >= 0, got " + recordsToSkip);
    }
    this.runStartedAt = runStartedAt;
    this.cursor = Objects.requireNonNull(cursor, "cursor");
    this.recordsToSkip = recordsToSkip;
    this.progress = Objects.requireNonNull(progress, "progress");
    this.status = Objects.requireNonNull(status, "status");
    this.vars = Map.copyOf(Objects.requireNonNull(vars, "vars"));
  }

  /** A fresh split: first page, nothing emitted yet. */
  public static ApiSplit start(
      String pipeline, String endpoint, String runId, long runStartedAt, Map<String, String> vars) {
    return new ApiSplit(pipeline, endpoint, runId, runStartedAt, PageCursor.first(), 0, SplitProgress.NONE,
        SplitStatus.ACTIVE, vars);
  }

  /** A fresh part or summary of a fanned-out endpoint (see {@link SplitRole}). */
  public static ApiSplit start(
      String pipeline, String endpoint, String runId, long runStartedAt, PageCursor cursor, Map<String, String> vars,
      SplitProgress progress, SplitRole role) {
    return new ApiSplit(pipeline, endpoint, runId, runStartedAt, cursor, 0, progress, SplitStatus.ACTIVE, vars,
        null, role);
  }

  /** The split id for an endpoint of a run. */
  public static String splitId(String runId, String endpoint) {
    return runId + "/" + endpoint;
  }

  /** The split id for a part ({@code key}) of an endpoint of a run: {@code runId/endpoint@key}. */
  public static String splitId(String runId, String endpoint, String key) {
    return key == null ? splitId(runId, endpoint) : splitId(runId, endpoint) + "@" + key;
  }

  @Override
  public String splitId() {
    return splitId(runId, endpoint, role.key());
  }

  /** What the HTTP runtime is asked to fetch for this split (a summary split fetches nothing). */
  public FetchTarget fetchTarget() {
    FetchTarget.Scope scope = switch (role.kind()) {
      case PARENTS -> FetchTarget.Scope.PARENTS;
      case CHILD -> FetchTarget.Scope.ONE_PARENT;
      case WHOLE, SUMMARY -> FetchTarget.Scope.ALL;
    };
    return new FetchTarget(endpoint, runId, vars, scope);
  }

  /** The split's part in its endpoint's run. */
  public SplitRole role() {
    return role;
  }

  public String pipeline() {
    return pipeline;
  }

  public String endpoint() {
    return endpoint;
  }

  public String runId() {
    return runId;
  }

  public long runStartedAt() {
    return runStartedAt;
  }

  public PageCursor cursor() {
    return cursor;
  }

  public long recordsToSkip() {
    return recordsToSkip;
  }

  public SplitProgress progress() {
    return progress;
  }

  public SplitStatus status() {
    return status;
  }

  /** True once the split's {@code EndpointRun} was emitted. */
  public boolean isCompleted() {
    return status.isCompleted();
  }

  public Map<String, String> vars() {
    return vars;
  }

  /** The highest incremental cursor value of the pages fully emitted so far, or null. */
  public String cursorMax() {
    return cursorMax;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiSplit s
        && runStartedAt == s.runStartedAt
        && recordsToSkip == s.recordsToSkip
        && pipeline.equals(s.pipeline)
        && endpoint.equals(s.endpoint)
        && runId.equals(s.runId)
        && cursor.encode().equals(s.cursor.encode())
        && progress.equals(s.progress)
        && status == s.status
        && vars.equals(s.vars)
        && Objects.equals(cursorMax, s.cursorMax)
        && role.equals(s.role);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pipeline, endpoint, runId, runStartedAt, cursor.encode(), recordsToSkip, progress, status,
        vars, cursorMax, role);
  }

  /** Log-safe: the cursor is described by its shape (see {@link CursorText}), vars by their names. */
  @Override
  public String toString() {
    return "ApiSplit{" + splitId() + " pipeline=" + pipeline + " status=" + status + " cursor="
        + CursorText.describe(cursor) + " skip=" + recordsToSkip + " rows=" + progress.rows() + " pages="
        + progress.pages() + (vars.isEmpty() ? "" : " vars=" + vars.keySet())
        + (role.kind() == SplitRole.Kind.WHOLE ? "" : " role=" + role.kind()) + "}";
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }
}
