package dev.ingest.sinks.write;

import dev.ingest.sinks.schema.MetadataColumns;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;

/**
 * The physical layout an endpoint's write mode needs from its table ({@link #forMode}).
 *
 * <ul>
 *   <li>{@link #append}: partitioned as configured (default {@code day(_ingested_at)}).
 *   <li>{@link #upsert}: the primary-key columns are required identifier fields (equality deletes key on them);
 *       unpartitioned unless a partition column is part of the key, because an equality delete only reaches rows
 *       in its own partition.
 *   <li>{@link #fullRefresh}: {@code identity(_ingest_run_id)} first, then the configured partitioning, so every
 *       data file belongs to exactly one run and a finished run can be published file by file (see
 *       {@code dev.ingest.sinks.refresh.StagedRunPublisher}).
 * </ul>
 *
 * @param partitioning the user-visible partitioning
 * @param primaryKey identifier columns (upsert only), empty otherwise
 * @param partitionedByRun whether {@code identity(_ingest_run_id)} leads the spec (full refresh)
 * @param keepsDeleted whether a full refresh keeps rows that disappeared, marked in {@code _ingest_deleted_at}
 *     ({@link #fullRefreshKeepingDeleted}); the primary key is then the table's identifier fields
 */
public record TableLayout(Partitioning partitioning, List<String> primaryKey, boolean partitionedByRun,
    boolean keepsDeleted) implements Serializable {

  /** The default partitioning of append and full-refresh tables. */
  public static final Partitioning INGESTION_DAY = Partitioning.of(MetadataColumns.INGESTED_AT, "day");

  /** Validates that an upsert partitioning is keyed. */
  public TableLayout {
    Objects.requireNonNull(partitioning, "partitioning");
    List<String> key = List.copyOf(primaryKey);
    primaryKey = key;
    if (keepsDeleted && (!partitionedByRun || key.isEmpty())) {
      throw new IllegalArgumentException("keeping deleted rows needs a full refresh with a primary key");
    }
    if (!keepsDeleted && !key.isEmpty() && partitioning.sourceColumn().filter(c -> !key.contains(c)).isPresent()) {
      throw new IllegalArgumentException("partition column '" + partitioning.column()
          + "' must be part of the primary key " + key + " for upserts");
    }
  }

  /** A layout that does not keep deleted rows. */
  public TableLayout(Partitioning partitioning, List<String> primaryKey, boolean partitionedByRun) {
    this(partitioning, primaryKey, partitionedByRun, false);
  }

  /**
   * The layout {@code mode} needs: append and full refresh partition by ingestion day unless configured; an upsert
   * table is unpartitioned unless configured (with a key column).
   *
   * @param primaryKey the key of an upsert, empty for the other modes
   * @param configured the configured partitioning, or {@code null} for the mode's default
   */
  public static TableLayout forMode(WriteMode mode, List<String> primaryKey, Partitioning configured) {
    return switch (mode) {
      case APPEND -> append(Objects.requireNonNullElse(configured, INGESTION_DAY));
      case UPSERT -> upsert(primaryKey, Objects.requireNonNullElse(configured, Partitioning.NONE));
      case FULL_REFRESH -> fullRefresh(Objects.requireNonNullElse(configured, INGESTION_DAY));
    };
  }

  /** Append: rows are only ever added. */
  public static TableLayout append(Partitioning partitioning) {
    return new TableLayout(partitioning, List.of(), false);
  }

  /** Upsert by {@code primaryKey}. */
  public static TableLayout upsert(List<String> primaryKey, Partitioning partitioning) {
    if (primaryKey.isEmpty()) {
      throw new IllegalArgumentException("an upsert needs a primary key");
    }
    return new TableLayout(partitioning, primaryKey, false);
  }

  /** Full refresh: every run replaces the table. */
  public static TableLayout fullRefresh(Partitioning partitioning) {
    return new TableLayout(partitioning, List.of(), true);
  }

  /**
   * Full refresh that keeps history: rows whose {@code primaryKey} a run no longer fetches stay, marked with
   * {@code _ingest_deleted_at} (see {@code dev.ingest.sinks.refresh.StagedRunPublisher}).
   */
  public static TableLayout fullRefreshKeepingDeleted(List<String> primaryKey, Partitioning partitioning) {
    if (primaryKey.isEmpty()) {
      throw new IllegalArgumentException("keeping deleted rows needs a primary key");
    }
    return new TableLayout(partitioning, primaryKey, true, true);
  }

  /** The partition spec for {@code schema} (the full table schema, metadata columns included). */
  public PartitionSpec partitionSpec(Schema schema) {
    PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
    if (partitionedByRun) {
      builder.identity(MetadataColumns.RUN_ID);
    }
    partitioning.addTo(builder, schema);
    return builder.build();
  }
}
