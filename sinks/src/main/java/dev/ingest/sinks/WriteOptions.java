package dev.ingest.sinks;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link IcebergSinks} writes a stream into its table.
 *
 * @param upsertKey the equality-field columns of an upsert (Iceberg v2 equality deletes), empty for plain appends
 * @param branch the branch the commits go to, or {@code null} for {@code main}
 * @param runIdColumn the string column holding each row's run id: every commit then names the runs of the rows it
 *     adds in its snapshot summary ({@code ingest.run-id}); {@code null} for no run tracing
 */
public record WriteOptions(List<String> upsertKey, String branch, String runIdColumn) implements Serializable {

  /** Validates the branch name. */
  public WriteOptions {
    upsertKey = List.copyOf(upsertKey);
    if (branch != null && branch.isBlank()) {
      throw new IllegalArgumentException("branch must not be blank");
    }
    if (runIdColumn != null && runIdColumn.isBlank()) {
      throw new IllegalArgumentException("runIdColumn must not be blank");
    }
  }

  /** Appends to {@code main}. */
  public static WriteOptions append() {
    return new WriteOptions(List.of(), null, null);
  }

  /** Upserts into {@code main}: per key, the last row written wins. */
  public static WriteOptions upsert(List<String> key) {
    if (Objects.requireNonNull(key, "key").isEmpty()) {
      throw new IllegalArgumentException("an upsert needs at least one key column");
    }
    return new WriteOptions(key, null, null);
  }

  /** Appends to {@code branch} instead of {@code main}. */
  public static WriteOptions appendToBranch(String branch) {
    return new WriteOptions(List.of(), Objects.requireNonNull(branch, "branch"), null);
  }

  /** These options, with every commit naming the run ids found in {@code column} (see {@code SnapshotRunIds}). */
  public WriteOptions tracingRuns(String column) {
    return new WriteOptions(upsertKey, branch, Objects.requireNonNull(column, "column"));
  }

  /** The run-id column commits are traced by, if any. */
  public Optional<String> traceColumn() {
    return Optional.ofNullable(runIdColumn);
  }

  /** Whether rows are upserted. */
  public boolean isUpsert() {
    return !upsertKey.isEmpty();
  }

  /** The target branch, if not {@code main}. */
  public Optional<String> targetBranch() {
    return Optional.ofNullable(branch);
  }
}
