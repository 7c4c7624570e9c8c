package dev.ingest.tools.chaos;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Chaos: a {@link CatalogLoader} whose catalog makes the {@code failAtCommit}-th snapshot commit of one table fail
 * once (per {@code marker} file), in one of two places:
 *
 * <ul>
 *   <li>{@link Phase#BEFORE}: the catalog throws before the new metadata is written, as an unreachable metastore
 *       or a failed write would. Nothing was committed; Iceberg cleans up the manifests it wrote for the attempt.
 *   <li>{@link Phase#AFTER}: the commit went through (the new metadata is the table's current one), then the
 *       catalog throws {@code CommitStateUnknownException}, as a catalog does when the answer to a commit is lost:
 *       the job never learns that its checkpoint's files are already in the table.
 * </ul>
 *
 * Either way the committer's task fails and Flink restarts the job from its latest checkpoint; the restored
 * committer must commit the checkpoint's files exactly once. Only commits that add a snapshot count (schema and
 * property updates do not); other tables are untouched. Used by the chaos harness only: nothing in a pipeline
 * definition or configuration can install it.
 */
public final class FailOnceCommitCatalogs implements CatalogLoader {
  private static final long serialVersionUID = 1L;

  /** Where in the commit the failure happens. */
  public enum Phase {
    BEFORE, AFTER;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final CatalogLoader delegate;
  private final String table;
  private final int failAtCommit;
  private final Phase phase;
  private final OnceMarker marker;

  /**
   * @param table the table's name within its namespace (the endpoint's name)
   * @param failAtCommit which snapshot commit of a committer fails, counted from 1 in each job attempt
   */
  public FailOnceCommitCatalogs(CatalogLoader delegate, String table, int failAtCommit, Phase phase, Path marker) {
    this(delegate, table, failAtCommit, phase, new OnceMarker(marker));
  }

  private FailOnceCommitCatalogs(CatalogLoader delegate, String table, int failAtCommit, Phase phase,
      OnceMarker marker) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.table = Objects.requireNonNull(table, "table");
    if (failAtCommit < 1) {
      throw new IllegalArgumentException("failAtCommit must be at least 1, got " + failAtCommit);
    }
    this.failAtCommit = failAtCommit;
    this.phase = Objects.requireNonNull(phase, "phase");
    this.marker = marker;
  }

  @Override
  public Catalog loadCatalog() {
    // the committer reloads its table after every commit: count commits across the tables of one catalog
    AtomicInteger commits = new AtomicInteger();
    return new CommitFaultCatalog(delegate.loadCatalog(), table,
        ops -> new CommitFaultOperations(ops, table, failAtCommit, phase, marker, commits));
  }

  @Override
  @SuppressWarnings({"checkstyle:NoClone", "checkstyle:SuperClone"})
  public CatalogLoader clone() {
    return new FailOnceCommitCatalogs(delegate.clone(), table, failAtCommit, phase, marker);
  }

  /** Whether the failure was injected. */
  public static boolean fired(Path marker) {
    return OnceMarker.fired(marker);
  }

  @Override
  public String toString() {
    return "FailOnceCommitCatalogs{" + delegate + ", table=" + table + ", commit=" + failAtCommit + ", phase="
        + phase.label() + "}";
  }
}
