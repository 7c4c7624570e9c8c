package dev.ingest.sinks.write;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * How an endpoint table is partitioned: a transform of one top-level column, or nothing.
 *
 * <p>The default is {@code day(_ingested_at)}. A record timestamp field may be used instead (e.g. {@code
 * day(updated_at)}); time transforms need a date or timestamp column, {@code identity} takes any primitive.
 *
 * @param column the source column, or {@code null} for an unpartitioned table
 * @param transform one of {@link #TRANSFORMS}, or {@code null} for an unpartitioned table
 */
public record Partitioning(String column, String transform) implements Serializable {

  /** Accepted transform names. */
  public static final List<String> TRANSFORMS = List.of("identity", "year", "month", "day", "hour");

  /** No partitioning. */
  public static final Partitioning NONE = new Partitioning(null, null);

  /** Validates the transform name. */
  public Partitioning {
    if ((column == null) != (transform == null)) {
      throw new IllegalArgumentException("give both a column and a transform, or neither");
    }
    if (transform != null) {
      transform = transform.toLowerCase(Locale.ROOT);
      if (!TRANSFORMS.contains(transform)) {
        throw new IllegalArgumentException("unknown partition transform '" + transform + "' (expected one of "
            + TRANSFORMS + ")");
      }
    }
  }

  /** {@code transform(column)}. */
  public static Partitioning of(String column, String transform) {
    return new Partitioning(Objects.requireNonNull(column, "column"), Objects.requireNonNull(transform, "transform"));
  }

  /** The source column, if partitioned. */
  public Optional<String> sourceColumn() {
    return Optional.ofNullable(column);
  }

  /** Adds this partition field to {@code builder}, checking the column exists and suits the transform. */
  void addTo(PartitionSpec.Builder builder, Schema schema) {
    if (column == null) {
      return;
    }
    Types.NestedField field = schema.findField(column);
    if (field == null) {
      throw new IllegalArgumentException("partition column '" + column + "' is not a column of the table");
    }
    Type.TypeID type = field.type().typeId();
    boolean temporal = type == Type.TypeID.TIMESTAMP || type == Type.TypeID.TIMESTAMP_NANO || type == Type.TypeID.DATE;
    if (!"identity".equals(transform) && !temporal) {
      throw new IllegalArgumentException("partition column '" + column + "' is " + field.type()
          + ": " + transform + "() needs a date or timestamp column");
    }
    if (!field.type().isPrimitiveType()) {
      throw new IllegalArgumentException("partition column '" + column + "' must be a primitive column");
    }
    switch (transform) {
      case "identity" -> builder.identity(column);
      case "year" -> builder.year(column);
      case "month" -> builder.month(column);
      case "day" -> builder.day(column);
      default -> builder.hour(column);
    }
  }

  @Override
  public String toString() {
    return column == null ? "unpartitioned" : transform + "(" + column + ")";
  }
}
