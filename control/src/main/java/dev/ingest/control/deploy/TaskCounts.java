package dev.ingest.control.deploy;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How many of a job's tasks (vertex subtasks) are in which execution state, as Flink's REST API reports them per
 * vertex in {@code GET /jobs/:id} ({@code vertices[].tasks}). A job whose status reads {@code RUNNING} may still
 * have every task {@code CREATED} or {@code SCHEDULED}, waiting for task slots the cluster does not have: this is
 * what tells the two apart.
 *
 * @param byState task count per execution state ({@code CREATED}, {@code SCHEDULED}, {@code DEPLOYING},
 *     {@code INITIALIZING}, {@code RUNNING}, {@code FINISHED}, …); states with no task may be absent
 */
public record TaskCounts(Map<String, Integer> byState) {
  public TaskCounts {
    byState = Map.copyOf(byState);
  }

  /** Tasks of the job. */
  public int total() {
    return byState.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Tasks doing their work or done with it ({@code RUNNING}, {@code FINISHED}). */
  public int running() {
    return byState.getOrDefault("RUNNING", 0) + byState.getOrDefault("FINISHED", 0);
  }

  /** Whether every task runs (or finished); false for a job without tasks. */
  public boolean allRunning() {
    return total() > 0 && running() == total();
  }

  /** For people: {@code 0 of 3 tasks running (CREATED 3)}. */
  public String describe() {
    String others = new TreeMap<>(byState).entrySet().stream()
        .filter(e -> e.getValue() > 0 && !e.getKey().equals("RUNNING") && !e.getKey().equals("FINISHED"))
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    return running() + " of " + total() + " tasks running" + (others.isEmpty() ? "" : " (" + others + ")");
  }
}
