package dev.ingest.jobs.destination;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.compile.StoreCatalogSecrets;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.testing.S3ProxyServer;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.secret.LocalFileSecretStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code glue} destination against {@link FakeGlue} (AWS Glue's JSON protocol, SigV4, optimistic versions) with
 * table metadata and data on S3Proxy through S3FileIO: a pipeline lands there and is read back with Iceberg's
 * reader; Glue and S3 keys come from secrets in the local store.
 */
class GlueDestinationITCase {
  @TempDir Path dir;
  private SandboxApi sandbox;
  private S3ProxyServer s3;
  private FakeGlue glue;
  private PipelineFixture fixture;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxApi.builder().port(0).requireBearerToken(PipelineFixture.TOKEN)
        .datasetSize("tickets", 420).datasetSize("issues", 130).build().start();
    s3 = S3ProxyServer.start();
    glue = new FakeGlue(S3ProxyServer.REGION, S3ProxyServer.ACCESS_KEY); // one AWS identity for Glue and S3
    fixture = new PipelineFixture(dir, sandbox);
    LocalFileSecretStore store = new LocalFileSecretStore(fixture.home().secretsFile());
    store.write("aws-keys", S3ProxyServer.keysSecret());
  }

  @AfterEach
  void stop() throws Exception {
    glue.close();
    s3.close();
    sandbox.close();
  }

  @Test
  void landsAPipelineInGlueWithS3StorageAndReadsItBack() throws Exception {
    PipelineSpec pipeline = fixture.load(fixture.yaml("glued", List.of("tickets", "issues"), "0 * * * *",
        "runtime: {parallelism: 1, checkpoint_interval: 500ms}\n" + glueDestination("glue")));

    RunReport report = new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).runOnce(pipeline);

    assertThat(report.failed()).as("report %s", report).isFalse();
    Catalog catalog = Catalogs.open(pipeline.destination(), new StoreCatalogSecrets(fixture.secrets()));
    for (String endpoint : List.of("tickets", "issues")) {
      Table table = catalog.loadTable(TableIdentifier.of(pipeline.name(), endpoint));
      assertThat(table.location()).startsWith("s3://" + S3ProxyServer.BUCKET + "/glue/");
      Set<String> ids = read(table).stream().map(r -> String.valueOf(r.getField("id"))).collect(Collectors.toSet());
      assertThat(ids).hasSize(sandbox.size(endpoint)).isEqualTo(sandbox.records(endpoint).stream()
          .map(r -> r.get("id").asText()).collect(Collectors.toSet()));
      JsonNode stored = glue.table(pipeline.name(), endpoint);
      assertThat(stored.path("Parameters").path("table_type").asText()).isEqualToIgnoringCase("ICEBERG");
      assertThat(stored.path("Parameters").path("metadata_location").asText())
          .isEqualTo(((org.apache.iceberg.HasTableOperations) table).operations().current().metadataFileLocation());
      assertThat(Long.parseLong(stored.path("VersionId").asText())).as("commits went through UpdateTable")
          .isGreaterThan(1);
    }
    assertThat(read(catalog.loadTable(TableIdentifier.of(pipeline.name(), "_ingest_runs")))).hasSize(2);
    assertThat(glue.calls()).extracting(dev.ingest.sources.testing.AwsJsonServer.Call::operation)
        .contains("CreateDatabase", "CreateTable", "UpdateTable", "GetTable")
        .allSatisfy(op -> assertThat(op).isNotBlank());
    assertThat(glue.calls()).allSatisfy(call -> assertThat(call.authorization())
        .startsWith("AWS4-HMAC-SHA256 Credential=" + S3ProxyServer.ACCESS_KEY + "/"));
  }

  @Test
  void concurrentCommitsToOneTableAllLandThroughGluesVersionCheck() throws Exception {
    PipelineSpec pipeline =
        fixture.load(fixture.yaml("racing", List.of("tickets"), "0 * * * *", glueDestination("race")));
    Catalog first = Catalogs.open(pipeline.destination(), new StoreCatalogSecrets(fixture.secrets()));
    Catalog second = Catalogs.open(pipeline.destination(), new StoreCatalogSecrets(fixture.secrets()));
    ((SupportsNamespaces) first).createNamespace(Namespace.of("racing"));
    TableIdentifier id = TableIdentifier.of("racing", "events");
    first.createTable(id, new Schema(Types.NestedField.required(1, "id", Types.LongType.get())),
        PartitionSpec.unpartitioned());

    int perWriter = 6;
    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> appendFiles(first.loadTable(id), "a", perWriter));
    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> appendFiles(second.loadTable(id), "b", perWriter));
    CompletableFuture.allOf(a, b).get();

    Table table = first.loadTable(id);
    List<String> files = new ArrayList<>();
    table.newScan().planFiles().forEach(task -> files.add(task.file().location()));
    assertThat(files).hasSize(2 * perWriter);
    // every commit was an UpdateTable guarded by the VersionId its writer read (Glue's optimistic lock)
    assertThat(glue.calls()).filteredOn(c -> c.operation().equals("UpdateTable")).hasSizeGreaterThanOrEqualTo(
        2 * perWriter).allSatisfy(c -> assertThat(c.body().path("VersionId").asText()).isNotEmpty());
    assertThat(glue.table("racing", "events").path("VersionId").asLong()).isEqualTo(1 + 2L * perWriter);
  }

  /** The pipeline's destination block: the fake Glue, files under {@code s3://lake/<prefix>} on S3Proxy. */
  private String glueDestination(String prefix) {
    return """
        destination:
          type: glue
          warehouse: s3://%s/%s
          glue: {endpoint: "%s"}
          credentials: {secret: aws-keys}
          s3: {endpoint: "%s", region: %s, path_style_access: true}
        """.formatted(S3ProxyServer.BUCKET, prefix, glue.endpoint(), s3.endpoint(), S3ProxyServer.REGION);
  }

  /** Appends {@code n} (metadata-only) data files one commit at a time, each under a distinct path. */
  private static void appendFiles(Table table, String writer, int n) {
    IntStream.range(0, n).forEach(i -> {
      DataFile file = DataFiles.builder(PartitionSpec.unpartitioned())
          .withPath(table.location() + "/data/" + writer + "-" + i + ".parquet")
          .withFileSizeInBytes(10).withRecordCount(1).build();
      table.newAppend().appendFile(file).commit();
    });
  }

  private static List<Record> read(Table table) throws Exception {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
      it.forEach(r -> rows.add(r.copy()));
    }
    return rows;
  }
}
