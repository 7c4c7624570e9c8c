package dev.ingest.sinks.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.io.TaskWriter;
import org.apache.iceberg.io.WriteResult;

/**
 * Writes Flink rows to an Iceberg table without a cluster, through the same Parquet writers the Flink sink
 * uses, and commits them in one append. For tests of row conversion.
 */
public final class RowWrites {

  private RowWrites() {}

  /** Writes the rows in one Parquet file per partition and commits them. */
  public static void append(Table table, List<RowData> rows) {
    RowDataTaskWriterFactory factory =
        new RowDataTaskWriterFactory(
            table, FlinkSchemaUtil.convert(table.schema()), 128L << 20, FileFormat.PARQUET, Map.of(), List.of(), false);
    factory.initialize(0, 0);
    try (TaskWriter<RowData> writer = factory.create()) {
      for (RowData row : rows) {
        writer.write(row);
      }
      WriteResult result = writer.complete();
      AppendFiles append = table.newAppend();
      for (DataFile f : result.dataFiles()) {
        append.appendFile(f);
      }
      append.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
