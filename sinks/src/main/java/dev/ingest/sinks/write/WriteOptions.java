package dev.ingest.sinks.write;

import dev.ingest.sinks.refresh.StagedRunPublisher;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link IcebergSinks} writes a stream into its table, as its {@link WriteMode} decides: append to {@code main},
 * upsert into {@code main} by the equality fields, or append to the staging branch of a full refresh.
 *
 * @param upsertKey the equality-field columns of an upsert (Iceberg v2 equality deletes), empty for plain appends
 * @param branch the branch the commits go to, or {@code null} for {@code main}
 * @param runIdColumn the string column holding each row's run id: every commit then names the runs of the rows it
 *     adds in its snapshot summary ({@code ingest.run-id}); {@code null} for no run tracing
 */
record WriteOptions(List<String> upsertKey, String branch, String runIdColumn) implements Serializable {

  /** Validates the branch name. */
  WriteOptions {
    upsertKey = List.copyOf(upsertKey);
    if (branch != null && branch.isBlank()) {
      throw new IllegalArgumentException("branch must not be blank");
    }
    if (runIdColumn != null && runIdColumn.isBlank()) {
      throw new IllegalArgumentException("runIdColumn must not be blank");
    }
  }

  /**
   * The options of {@code mode}: {@link WriteMode#APPEND} appends to {@code main}; {@link WriteMode#UPSERT} upserts
   * into {@code main} by {@code equalityFields} (per key, the last row written wins); {@link WriteMode#FULL_REFRESH}
   * appends to {@link StagedRunPublisher#STAGING_BRANCH}, from where a finished run is published.
   *
   * @param equalityFields the key of an upsert; must be empty for the other modes
   */
  static WriteOptions forMode(WriteMode mode, List<String> equalityFields) {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(equalityFields, "equalityFields");
    if (mode != WriteMode.UPSERT && !equalityFields.isEmpty()) {
      throw new IllegalArgumentException("equality fields " + equalityFields + " are only used by an upsert, not by "
          + mode.yamlName());
    }
    return switch (mode) {
      case APPEND -> new WriteOptions(List.of(), null, null);
      case UPSERT -> {
        if (equalityFields.isEmpty()) {
          throw new IllegalArgumentException("an upsert needs at least one key column");
        }
        yield new WriteOptions(equalityFields, null, null);
      }
      case FULL_REFRESH -> new WriteOptions(List.of(), StagedRunPublisher.STAGING_BRANCH, null);
    };
  }

  /** These options, with every commit naming the run ids found in {@code column} (see {@code SnapshotRunIds}). */
  WriteOptions tracingRuns(String column) {
    return new WriteOptions(upsertKey, branch, Objects.requireNonNull(column, "column"));
  }

  /** The run-id column commits are traced by, if any. */
  Optional<String> traceColumn() {
    return Optional.ofNullable(runIdColumn);
  }

  /** Whether rows are upserted. */
  boolean isUpsert() {
    return !upsertKey.isEmpty();
  }

  /** The target branch, if not {@code main}. */
  Optional<String> targetBranch() {
    return Optional.ofNullable(branch);
  }
}
