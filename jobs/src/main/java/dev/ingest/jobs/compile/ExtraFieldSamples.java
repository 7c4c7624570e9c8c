package dev.ingest.jobs.compile;

import dev.ingest.sinks.schema.MetadataColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads non-null {@code _ingest_extra} values of a table (JSON objects of the fields a row had no column for), so
 * schema inference can turn fields that appeared in earlier runs into columns. Files whose statistics say the column
 * is all null are skipped without being opened.
 */
final class ExtraFieldSamples {
  private ExtraFieldSamples() {}

  /** Up to {@code limit} values, or none when the table has no {@code _ingest_extra} column or no data. */
  static List<String> read(Table table, int limit) {
    List<String> samples = new ArrayList<>();
    if (table.currentSnapshot() == null || table.schema().findField(MetadataColumns.EXTRA) == null) {
      return samples;
    }
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table)
        .select(MetadataColumns.EXTRA)
        .where(Expressions.notNull(MetadataColumns.EXTRA))
        .build()) {
      for (Record row : rows) {
        Object extra = row.getField(MetadataColumns.EXTRA);
        if (extra != null) {
          samples.add(extra.toString());
          if (samples.size() >= limit) {
            break;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return samples;
  }
}
