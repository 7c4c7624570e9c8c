package dev.ingest.control.api;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The task slots of the deployer's cluster and who holds them: every deployed pipeline's job takes as many slots as
 * its parallelism (Flink puts all operators of a job into one slot-sharing group), and so does a run-now job while
 * it runs. A deploy, resume or run now that needs more slots than are free is refused with a 409
 * {@code capacity} error that says who holds them, instead of a job that never starts.
 *
 * @param total the cluster's task slots, empty when the deployer has no fixed budget (nothing is refused)
 * @param claims who holds slots now
 */
record SlotBudget(OptionalInt total, List<Claim> claims) {
  SlotBudget {
    claims = List.copyOf(claims);
  }

  /**
   * Slots held by one job.
   *
   * @param pipeline the pipeline
   * @param slots how many
   * @param kind {@code deployed} (its scheduled job) or {@code run_now} (its run-now job)
   */
  record Claim(String pipeline, int slots, String kind) {}

  int used() {
    return claims.stream().mapToInt(Claim::slots).sum();
  }

  /** Free slots; empty without a budget. */
  OptionalInt free() {
    return total.isPresent() ? OptionalInt.of(Math.max(0, total.getAsInt() - used())) : OptionalInt.empty();
  }

  /** Refuses {@code action} of {@code pipeline} needing {@code needed} slots when fewer are free. */
  void require(String pipeline, int needed, String action) {
    if (total.isEmpty() || needed <= free().getAsInt()) {
      return;
    }
    String holders = claims.isEmpty() ? "none"
        : claims.stream().map(c -> c.pipeline() + (c.kind().equals("run_now") ? " (run now)" : "") + ": " + c.slots())
            .collect(Collectors.joining(", "));
    throw new ApiException(409, "capacity", "cannot " + action + " pipeline " + pipeline + ": it needs " + needed
        + " task slot" + (needed == 1 ? "" : "s") + " and " + free().getAsInt() + " of the cluster's "
        + total.getAsInt() + " are free (held by " + holders + "). Pause or undeploy a pipeline, lower its "
        + "runtime.parallelism, or give the cluster more slots (deployer.slots for the embedded cluster)");
  }
}
