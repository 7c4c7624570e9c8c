package dev.ingest.tools.chaos;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

/** The {@link TableOperations} of {@link FailOnceCommitCatalogs}: counts snapshot commits and fails one. */
final class CommitFaultOperations implements TableOperations {
  private final TableOperations delegate;
  private final String table;
  private final int failAtCommit;
  private final FailOnceCommitCatalogs.Phase phase;
  private final OnceMarker marker;
  private final AtomicInteger snapshotCommits;

  CommitFaultOperations(TableOperations delegate, String table, int failAtCommit, FailOnceCommitCatalogs.Phase phase,
      OnceMarker marker, AtomicInteger snapshotCommits) {
    this.delegate = delegate;
    this.table = table;
    this.failAtCommit = failAtCommit;
    this.phase = phase;
    this.marker = marker;
    this.snapshotCommits = snapshotCommits;
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    boolean addsSnapshot = !Objects.equals(snapshotId(base), snapshotId(metadata));
    int commit = addsSnapshot ? snapshotCommits.incrementAndGet() : 0;
    boolean fail = addsSnapshot && commit >= failAtCommit && marker.fire(table + " commit " + commit + " "
        + phase.label());
    if (fail && phase == FailOnceCommitCatalogs.Phase.BEFORE) {
      throw new UncheckedIOException(new IOException(
          "chaos: injected catalog failure before commit " + commit + " of " + table));
    }
    delegate.commit(base, metadata);
    if (fail) {
      throw new CommitStateUnknownException(new IllegalStateException(
          "chaos: injected lost answer after commit " + commit + " of " + table + " succeeded"));
    }
  }

  private static Long snapshotId(TableMetadata metadata) {
    Snapshot current = metadata == null ? null : metadata.currentSnapshot();
    return current == null ? null : current.snapshotId();
  }

  @Override
  public TableMetadata current() {
    return delegate.current();
  }

  @Override
  public TableMetadata refresh() {
    return delegate.refresh();
  }

  @Override
  public FileIO io() {
    return delegate.io();
  }

  @Override
  public EncryptionManager encryption() {
    return delegate.encryption();
  }

  @Override
  public String metadataFileLocation(String fileName) {
    return delegate.metadataFileLocation(fileName);
  }

  @Override
  public LocationProvider locationProvider() {
    return delegate.locationProvider();
  }

  @Override
  public long newSnapshotId() {
    return delegate.newSnapshotId();
  }

  @Override
  public boolean requireStrictCleanup() {
    return delegate.requireStrictCleanup();
  }
}
