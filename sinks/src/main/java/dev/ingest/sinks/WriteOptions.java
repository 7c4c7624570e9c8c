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
 */
public record WriteOptions(List<String> upsertKey, String branch) implements Serializable {

  /** Validates the branch name. */
  public WriteOptions {
    upsertKey = List.copyOf(upsertKey);
    if (branch != null && branch.isBlank()) {
      throw new IllegalArgumentException("branch must not be blank");
    }
  }

  /** Appends to {@code main}. */
  public static WriteOptions append() {
    return new WriteOptions(List.of(), null);
  }

  /** Upserts into {@code main}: per key, the last row written wins. */
  public static WriteOptions upsert(List<String> key) {
    if (Objects.requireNonNull(key, "key").isEmpty()) {
      throw new IllegalArgumentException("an upsert needs at least one key column");
    }
    return new WriteOptions(key, null);
  }

  /** Appends to {@code branch} instead of {@code main}. */
  public static WriteOptions appendToBranch(String branch) {
    return new WriteOptions(List.of(), Objects.requireNonNull(branch, "branch"));
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
