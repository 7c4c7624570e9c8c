package dev.ingest.tools.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingest.sinks.schema.MetadataColumns;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * The in-process ceiling: the same page requests the pipeline sends (gzip accepted, as the runtime does), fetched
 * one after another with the JDK client, each body parsed with Jackson, each record converted to an Iceberg generic record and written to Parquet
 * with Iceberg's {@link GenericAppenderFactory}, one file, one commit. No Flink, no checkpoints, no state.
 */
final class CeilingLoop {
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Result of one loop: records written and the seconds from the first request to the commit. */
  record Result(long records, long wireBytes, long jsonBytes, double seconds) {
    double recordsPerSecond() {
      return records / seconds;
    }
  }

  Result run(String baseUrl, String token, long records, int pageSize, Table table) throws Exception {
    JsonToRecord converter = new JsonToRecord(table.schema());
    GenericAppenderFactory appenders = new GenericAppenderFactory(table.schema(), table.spec());
    OutputFileFactory files = OutputFileFactory.builderFor(table, 1, 1).format(FileFormat.PARQUET).build();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String runId = "ceiling-" + UUID.randomUUID();
    Record template = converter.convert(json.createObjectNode());
    template.setField(MetadataColumns.INGESTED_AT, now);
    PartitionKey partition = new PartitionKey(table.spec(), table.schema());
    partition.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(template));
    EncryptedOutputFile out = files.newOutputFile(partition);

    long start = System.nanoTime();
    long written = 0;
    long bytes = 0;
    long jsonBytes = 0;
    DataWriter<Record> writer = appenders.newDataWriter(out, FileFormat.PARQUET, partition);
    try (writer) {
      for (long offset = 0; offset < records; offset += pageSize) {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                URI.create(baseUrl + "/v1/events?offset=" + offset + "&limit=" + pageSize))
            .header("Authorization", "Bearer " + token).header("Accept", "application/json")
            .header("Accept-Encoding", "gzip").GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
          throw new IOException("ceiling loop: HTTP " + response.statusCode() + " at offset " + offset);
        }
        byte[] wire;
        try (InputStream in = response.body()) {
          wire = in.readAllBytes();
        }
        boolean gzip = response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent();
        byte[] body = gzip ? new GZIPInputStream(new ByteArrayInputStream(wire)).readAllBytes() : wire;
        bytes += wire.length;
        jsonBytes += body.length;
        written += writePage(body, converter, writer, runId, now);
      }
    }
    DataFile file = writer.toDataFile();
    table.newAppend().appendFile(file).set("ingest.bench", "ceiling").commit();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(written, bytes, jsonBytes, seconds);
  }

  /** Streams the page's {@code data} array: one tree per record, never the whole page as a tree. */
  private long writePage(byte[] body, JsonToRecord converter, DataWriter<Record> writer, String runId,
      OffsetDateTime now) throws IOException {
    long count = 0;
    try (JsonParser parser = json.createParser(body)) {
      while (parser.nextToken() != null) {
        if (parser.currentToken() == JsonToken.FIELD_NAME && "data".equals(parser.currentName())
            && parser.nextToken() == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            JsonNode node = json.readTree(parser);
            Record record = converter.convert(node);
            record.setField(MetadataColumns.RUN_ID, runId);
            record.setField(MetadataColumns.INGESTED_AT, now);
            writer.write(record);
            count++;
          }
        }
      }
    }
    return count;
  }
}
