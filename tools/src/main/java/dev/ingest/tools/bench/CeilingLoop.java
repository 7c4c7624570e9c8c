package dev.ingest.tools.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ingest.sinks.schema.MetadataColumns;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * The ceiling: the best sequential single-thread loop for the same work as the pipeline. One keep-alive connection
 * ({@link KeepAliveClient}, blocking, on this thread), each page parsed with Jackson's streaming parser straight into
 * Iceberg generic records ({@link RecordReader}, no tree), written by Iceberg's generic Parquet writer to one file,
 * one commit. No Flink, no checkpoints, no state, no second thread: fetch, parse and write never overlap.
 */
final class CeilingLoop {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * One pass: records written, bytes on the wire and decoded, seconds from the first request to the commit, the
   * loop thread's CPU time and the JIT compilation time (all compiler threads) during the pass.
   */
  record Result(long records, long wireBytes, long jsonBytes, double seconds, long cpuNanos, long jitMillis) {
    double recordsPerSecond() {
      return records / seconds;
    }

    /** JIT compilation time as a fraction of the pass's wall-clock time. */
    double jitFraction() {
      return jitMillis / 1000.0 / seconds;
    }
  }

  private final String baseUrl;
  private final String token;
  private final boolean gzip;

  CeilingLoop(String baseUrl, String token, boolean gzip) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.gzip = gzip;
  }

  /** Fetches pages for offsets {@code [0, records)} and writes their records to {@code table} in one commit. */
  Result run(Table table, long records, int pageSize) throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    RecordReader reader = new RecordReader(table.schema().asStruct());
    // the table's write properties (Parquet dictionary size, codec) as the pipeline's writer applies them
    GenericAppenderFactory appenders = new GenericAppenderFactory(table.schema(), table.spec());
    appenders.setAll(table.properties());
    OutputFileFactory files = OutputFileFactory.builderFor(table, 1, System.nanoTime()).format(FileFormat.PARQUET)
        .build();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String runId = "ceiling-" + UUID.randomUUID();
    GenericRecord template = GenericRecord.create(table.schema());
    template.setField(MetadataColumns.INGESTED_AT, now);
    PartitionKey partition = new PartitionKey(table.spec(), table.schema());
    partition.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(template));
    int runIdPos = position(table, MetadataColumns.RUN_ID);
    int ingestedAtPos = position(table, MetadataColumns.INGESTED_AT);

    long jit0 = jit.getTotalCompilationTime();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long written = 0;
    long wireBytes = 0;
    long jsonBytes = 0;
    DataWriter<Record> writer = appenders.newDataWriter(files.newOutputFile(partition), FileFormat.PARQUET,
        partition);
    try (KeepAliveClient http = new KeepAliveClient(baseUrl, token, gzip); writer) {
      for (long offset = 0; offset < records; offset += pageSize) {
        http.get(PageFile.PATH + "?offset=" + offset + "&limit=" + pageSize);
        wireBytes += http.wireLength();
        jsonBytes += http.bodyLength();
        try (JsonParser parser = JSON.createParser(http.body(), 0, http.bodyLength())) {
          written += writePage(parser, reader, writer, runIdPos, runId, ingestedAtPos, now);
        }
      }
    }
    DataFile file = writer.toDataFile();
    table.newAppend().appendFile(file).set("ingest.bench", "ceiling").commit();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(written, wireBytes, jsonBytes, seconds, threads.getCurrentThreadCpuTime() - cpu0,
        jit.getTotalCompilationTime() - jit0);
  }

  private static int position(Table table, String column) {
    var fields = table.schema().asStruct().fields();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("table " + table.name() + " has no column " + column);
  }

  /** Streams the page's top-level {@code data} array, one record at a time. */
  private static long writePage(JsonParser parser, RecordReader reader, DataWriter<Record> writer, int runIdPos,
      String runId, int ingestedAtPos, OffsetDateTime now) throws IOException {
    long count = 0;
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("page is not a JSON object");
    }
    for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
      boolean data = "data".equals(parser.currentName());
      JsonToken value = parser.nextToken();
      if (data && value == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          Record record = reader.read(parser);
          record.set(runIdPos, runId);
          record.set(ingestedAtPos, now);
          writer.write(record);
          count++;
        }
      } else {
        parser.skipChildren();
      }
    }
    return count;
  }
}
