package dev.ingest.jobs.spec;

import dev.ingest.sinks.write.Partitioning;
import dev.ingest.sinks.write.TableLayout;
import dev.ingest.sinks.write.WriteMode;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint ticked in a pipeline, with how its table is written.
 *
 * @param name the connector's endpoint name (also the table name)
 * @param writeMode append, upsert or full refresh
 * @param primaryKey the key of an upsert (the pipeline's override or the connector's {@code primary_key}); empty
 *     for the other modes
 * @param partitioning the configured partitioning, or null for the write mode's default
 * @param keepDeleted full refresh only: rows that disappeared stay, marked in {@code _ingest_deleted_at}
 *     ({@code keep_deleted: true}; needs the primary key)
 */
public record EndpointSelection(String name, WriteMode writeMode, List<String> primaryKey, Partitioning partitioning,
    boolean keepDeleted) implements Serializable {

  public EndpointSelection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(writeMode, "writeMode");
    primaryKey = List.copyOf(primaryKey);
    if (writeMode == WriteMode.UPSERT && primaryKey.isEmpty()) {
      throw new IllegalArgumentException("endpoint " + name + ": an upsert needs a primary key");
    }
    if (keepDeleted && (writeMode != WriteMode.FULL_REFRESH || primaryKey.isEmpty())) {
      throw new IllegalArgumentException("endpoint " + name + ": keep_deleted needs write_mode full_refresh and a "
          + "primary key");
    }
  }

  /** An endpoint that does not keep deleted rows. */
  public EndpointSelection(String name, WriteMode writeMode, List<String> primaryKey, Partitioning partitioning) {
    this(name, writeMode, primaryKey, partitioning, false);
  }

  /** An append endpoint with the default partitioning. */
  public EndpointSelection(String name, WriteMode writeMode) {
    this(name, writeMode, List.of(), null);
  }

  /** The equality fields of an upsert; empty for the other modes (a keep_deleted key is not one). */
  public List<String> upsertKey() {
    return writeMode == WriteMode.UPSERT ? primaryKey : List.of();
  }

  /** The configured partitioning, if any. */
  public Optional<Partitioning> configuredPartitioning() {
    return Optional.ofNullable(partitioning);
  }

  /** The table layout its write mode needs (see {@link TableLayout#forMode}). */
  public TableLayout layout() {
    if (keepDeleted) {
      return TableLayout.fullRefreshKeepingDeleted(primaryKey,
          partitioning == null ? TableLayout.INGESTION_DAY : partitioning);
    }
    return TableLayout.forMode(writeMode, primaryKey, partitioning);
  }
}
