package dev.ingest.sinks.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sinks.rows.JsonRowConverter;
import dev.ingest.sinks.schema.SchemaInference;
import dev.ingest.sinks.tables.EndpointTables;
import dev.ingest.sinks.testing.S3ProxyServer;
import dev.ingest.sinks.write.IcebergSinks;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.TestRestCatalogServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lands rows through the Flink sink into each destination against real servers started here (S3Proxy for S3,
 * Iceberg's REST catalog test server backed by S3 through S3Proxy, a SQLite JDBC catalog) and reads them back
 * with Iceberg's reader. Credentials come from secret references only.
 */
class DestinationsITCase {
  private static final String ACCESS_KEY = S3ProxyServer.ACCESS_KEY;
  private static final String SECRET_KEY = S3ProxyServer.SECRET_KEY;
  private static final String BUCKET = S3ProxyServer.BUCKET;
  private static S3ProxyServer s3;

  @TempDir Path dir;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3ProxyServer.start();
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  /** The test's secret store: S3 keys and OAuth2 client credentials by name. */
  private static final CatalogSecrets SECRETS = name -> switch (name) {
    case "lake-keys" -> S3ProxyServer.keysSecret();
    case "catalog-client" -> Map.of("client_id", "ingest", "client_secret", "client-secret-9d2e");
    default -> throw new IllegalArgumentException("no secret " + name);
  };

  private static Map<String, String> s3Options() {
    return s3.fileIoOptions();
  }

  @Test
  void landsInAnS3BucketThroughS3FileIo() throws Exception {
    DestinationConfig d = new DestinationConfig(DestinationConfig.S3, "s3://" + BUCKET + "/warehouse",
        "jdbc:sqlite:" + dir.resolve("catalog.db"), s3Options(), null, "lake-keys");

    Table table = landAndCheck(d, TableIdentifier.of("crm", "contacts"));

    assertThat(table.location()).startsWith("s3://" + BUCKET + "/warehouse/");
    assertThat(table.io().getClass().getSimpleName()).isEqualTo("S3FileIO");
  }

  @Test
  void landsThroughIcebergsRestCatalogServerWithOAuth2ClientCredentials() throws Exception {
    Map<String, String> backend = new java.util.HashMap<>(s3Options());
    backend.put("warehouse", "s3://" + BUCKET + "/rest");
    backend.put("io-impl", Catalogs.S3_FILE_IO);
    backend.put("uri", "jdbc:sqlite:" + dir.resolve("rest-backend.db"));
    backend.put("s3.access-key-id", ACCESS_KEY);
    backend.put("s3.secret-access-key", SECRET_KEY);
    try (TestRestCatalogServers.Started server = TestRestCatalogServers.start(backend)) {
      DestinationConfig d = new DestinationConfig(DestinationConfig.REST, "s3://" + BUCKET + "/rest",
          server.uri(), s3Options(), "catalog-client", "lake-keys");

      Table table = landAndCheck(d, TableIdentifier.of("support", "tickets"));

      assertThat(table.location()).startsWith("s3://" + BUCKET + "/rest/");
    }
  }

  @Test
  void landsInAJdbcCatalog() throws Exception {
    DestinationConfig d = new DestinationConfig(DestinationConfig.JDBC, dir.resolve("jdbc-warehouse").toString(),
        "jdbc:sqlite:" + dir.resolve("jdbc.db"), Map.of(), null, null);

    landAndCheck(d, TableIdentifier.of("billing", "invoices"));
  }

  @Test
  void theLoaderCarriesSecretNamesNeverValues() throws Exception {
    DestinationConfig d = new DestinationConfig(DestinationConfig.REST, null, "http://127.0.0.1:1",
        s3Options(), "catalog-client", "lake-keys");
    CatalogLoader loader = Catalogs.loader(d, SECRETS);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(loader);
    }
    String serialized = bytes.toString(StandardCharsets.ISO_8859_1);
    assertThat(serialized).contains("catalog-client").doesNotContain("client-secret-9d2e").doesNotContain(SECRET_KEY);
    assertThat(loader.toString()).contains("catalog-client.client_secret").doesNotContain("client-secret-9d2e");
  }

  private Table landAndCheck(DestinationConfig d, TableIdentifier id) throws Exception {
    List<String> records = IntStream.range(0, 50)
        .mapToObj(i -> "{\"id\":" + i + ",\"name\":\"record " + i + "\"}").toList();
    CatalogLoader loader = Catalogs.loader(d, SECRETS);
    Catalog catalog = loader.loadCatalog();
    Table table = EndpointTables.ensure(catalog, id, SchemaInference.infer(records), Map.of());
    JsonRowConverter converter = new JsonRowConverter(table.schema());
    List<RowData> rows = new ArrayList<>();
    for (String json : records) {
      rows.add(converter.convert(json, "run-1", 1_700_000_000_000L));
    }

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    IcebergSinks.forRowData(env.fromData(rows, InternalTypeInfo.of(converter.rowType()))).table(loader, id)
        .uidPrefix("sink-" + id.name()).setSnapshotProperties(Map.of("ingest.pipeline", id.namespace().toString()))
        .writeParallelism(1).append();
    env.execute("land " + id);

    Table landed = catalog.loadTable(id);
    List<Long> ids = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(landed).build()) {
      it.forEach(r -> ids.add((Long) r.getField("id")));
    }
    assertThat(ids).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 50).mapToObj(i -> (long) i).toList());
    assertThat(landed.currentSnapshot().summary()).containsEntry("ingest.pipeline", id.namespace().toString());
    return landed;
  }
}
