package dev.ingest.jobs.compile;

import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.ratelimit.RateBudgetSettings;
import dev.ingest.sources.source.request.RunRequestSettings;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * How {@link PipelineCompiler} (and {@link PipelineGraphs}) build a pipeline's job: whether it runs once or on the
 * schedule, and the runner's hooks. Immutable; start from {@link #once()} or {@link #scheduled()} and change it with
 * the {@code with…} methods.
 *
 * @param mode whether the job runs one run and ends ({@code --once}) or runs on the schedule forever
 * @param fetcherDecorator applied to the pipeline's fetcher factory (chaos runs inject failures this way); the
 *     decorated factory is shipped in the job graph, so it must be serializable and hold no secret
 * @param catalogDecorator applied to the pipeline's catalog loader (chaos runs inject commit failures this way);
 *     shipped in the job graph like the fetchers
 * @param evolveColumnsWithinRun whether a field first seen during a run fails the job with a
 *     {@link NewColumnsException} after adding its column ({@link NewColumnGuard}), for runners that rebuild the
 *     graph and resume ({@code LocalPipelineRunner}); off by default: the value then stays in {@code _ingest_extra}
 *     and the column appears at the next job start
 * @param runOnStart scheduled jobs: the first run starts when the job starts fresh, not at the first fire time
 *     (a deploy's first run); off by default
 * @param runRequests {@link Mode#SCHEDULED} only: where the job's enumerator asks the control plane for run
 *     requests ("Run now" inside the deployed job); empty: the job takes none
 * @param rateBudget where the job leases its credentials' rate budgets (the control API's address; the budget is
 *     named by a hash of connector and secret name, never a secret); empty: one budget per credential per JVM
 */
public record CompileOptions(Mode mode, UnaryOperator<PageFetcherFactory> fetcherDecorator,
    UnaryOperator<CatalogLoader> catalogDecorator, boolean evolveColumnsWithinRun, boolean runOnStart,
    Optional<RunRequestSettings> runRequests, Optional<RateBudgetSettings> rateBudget) {

  /** Whether the job runs one run and ends ({@code --once}) or runs on the schedule forever. */
  public enum Mode { ONCE, SCHEDULED }

  /** Rejects missing parts. */
  public CompileOptions {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(fetcherDecorator, "fetcherDecorator");
    Objects.requireNonNull(catalogDecorator, "catalogDecorator");
    Objects.requireNonNull(runRequests, "runRequests");
    Objects.requireNonNull(rateBudget, "rateBudget");
    if (runRequests.isPresent() && mode != Mode.SCHEDULED) {
      throw new IllegalArgumentException("runRequests: only a scheduled job takes run requests, not a " + mode
          + " job");
    }
  }

  /** Options without a run on start that take no run requests. */
  public CompileOptions(Mode mode, UnaryOperator<PageFetcherFactory> fetcherDecorator,
      UnaryOperator<CatalogLoader> catalogDecorator, boolean evolveColumnsWithinRun) {
    this(mode, fetcherDecorator, catalogDecorator, evolveColumnsWithinRun, false, Optional.empty(), Optional.empty());
  }

  /** The options of a job in {@code mode}, without decorators and without column evolution within a run. */
  public static CompileOptions of(Mode mode) {
    return new CompileOptions(mode, UnaryOperator.identity(), UnaryOperator.identity(), false);
  }

  /** {@link #of} {@link Mode#ONCE}. */
  public static CompileOptions once() {
    return of(Mode.ONCE);
  }

  /** {@link #of} {@link Mode#SCHEDULED}. */
  public static CompileOptions scheduled() {
    return of(Mode.SCHEDULED);
  }

  /** These options with the pipeline's fetchers passed through {@code decorate}. */
  public CompileOptions withFetcherDecorator(UnaryOperator<PageFetcherFactory> decorate) {
    return new CompileOptions(mode, decorate, catalogDecorator, evolveColumnsWithinRun, runOnStart, runRequests,
        rateBudget);
  }

  /** These options with the pipeline's catalog loader passed through {@code decorate}. */
  public CompileOptions withCatalogDecorator(UnaryOperator<CatalogLoader> decorate) {
    return new CompileOptions(mode, fetcherDecorator, decorate, evolveColumnsWithinRun, runOnStart, runRequests,
        rateBudget);
  }

  /** These options with new fields becoming columns within a run, or not. */
  public CompileOptions withColumnsEvolvingWithinRun(boolean enabled) {
    return new CompileOptions(mode, fetcherDecorator, catalogDecorator, enabled, runOnStart, runRequests,
        rateBudget);
  }

  /** These options with the first run of a scheduled job at its start, or not. */
  public CompileOptions withRunOnStart(boolean enabled) {
    return new CompileOptions(mode, fetcherDecorator, catalogDecorator, evolveColumnsWithinRun, enabled,
        runRequests, rateBudget);
  }

  /** These options with the job's enumerator polling for run requests as {@code settings} say. */
  public CompileOptions withRunRequests(RunRequestSettings settings) {
    return new CompileOptions(mode, fetcherDecorator, catalogDecorator, evolveColumnsWithinRun, runOnStart,
        Optional.of(settings), rateBudget);
  }

  /** These options with the job's rate budgets leased from the control plane as {@code settings} say. */
  public CompileOptions withRateBudget(RateBudgetSettings settings) {
    return new CompileOptions(mode, fetcherDecorator, catalogDecorator, evolveColumnsWithinRun, runOnStart,
        runRequests, Optional.of(settings));
  }
}
