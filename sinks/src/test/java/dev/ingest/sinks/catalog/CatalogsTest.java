package dev.ingest.sinks.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sinks.testing.TempWarehouseExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CatalogsTest {

  @RegisterExtension final TempWarehouseExtension warehouse = new TempWarehouseExtension();

  @Test
  void opensAHadoopCatalogOnTheWarehouseDirectory() throws Exception {
    Catalog catalog = warehouse.catalog();
    catalog.createTable(TableIdentifier.of("ns", "t"), new Schema(Types.NestedField.optional(1, "a", Types.LongType.get())));

    assertThat(catalog).isInstanceOf(HadoopCatalog.class);
    assertThat(warehouse.path().resolve("ns/t/metadata")).isDirectory();
  }

  @Test
  void loaderSurvivesSerializationAndSeesTheSameTables() throws Exception {
    warehouse.catalog().createTable(TableIdentifier.of("ns", "t"), new Schema(Types.NestedField.optional(1, "a", Types.LongType.get())));
    CatalogLoader loader = Catalogs.loader(warehouse.destination());

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(loader);
    }
    CatalogLoader copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (CatalogLoader) in.readObject();
    }

    Catalog catalog = copy.loadCatalog();
    assertThat(catalog.name()).isEqualTo(Catalogs.catalogName(warehouse.destination())).isEqualTo("ingest");
    assertThat(catalog.tableExists(TableIdentifier.of("ns", "t"))).isTrue();
    ((HadoopCatalog) catalog).close();
  }

  @Test
  void rejectsUnknownTypesAndMissingSettingsNamingTheField() {
    assertThatThrownBy(() -> Catalogs.open(new DestinationConfig("ftp", "/tmp/w", Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("destination.type: unknown destination type 'ftp' (expected one of [local, s3, rest, glue, jdbc])");
    assertThatThrownBy(() -> Catalogs.loader(new DestinationConfig("rest", null, Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("destination.uri: required (the REST catalog's base URI)");
    assertThatThrownBy(() -> Catalogs.loader(new DestinationConfig("glue", null, Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("destination.warehouse: required (an s3:// location)");
    assertThatThrownBy(() -> Catalogs.open(new DestinationConfig("local", " ", Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("destination.warehouse: required for a local destination");
  }

  @Test
  void glueUsesTheGlueCatalogWithS3FileIoAndTheDefaultCredentialChain() {
    SecretResolvingCatalogLoader loader = (SecretResolvingCatalogLoader) Catalogs.loader(
        new DestinationConfig("glue", "s3://lake/ingest", Map.of("client.region", "eu-west-1")));

    assertThat(loader.toString()).contains(Catalogs.GLUE_CATALOG).contains("secrets=[]");
    assertThat(loader.property("io-impl")).isEqualTo(Catalogs.S3_FILE_IO);
    assertThat(loader.property("warehouse")).isEqualTo("s3://lake/ingest");
    assertThat(loader.propertyNames()).doesNotContain("s3.access-key-id", "s3.secret-access-key");
  }

  @Test
  void aCustomS3EndpointGetsPlainUploadsAndChecksumsWhenRequiredUnlessTheDestinationSaysOtherwise() {
    SecretResolvingCatalogLoader custom = (SecretResolvingCatalogLoader) Catalogs.loader(new DestinationConfig("s3",
        "s3://lake/w", "jdbc:sqlite:/tmp/c.db", Map.of("s3.endpoint", "http://127.0.0.1:4568"), null, null));
    assertThat(custom.property("s3.chunked-encoding-enabled")).isEqualTo("false");
    assertThat(custom.property(S3ChecksumClientFactory.REQUEST_CHECKSUM)).isEqualTo("when_required");
    assertThat(custom.property(S3ChecksumClientFactory.RESPONSE_CHECKSUM)).isEqualTo("when_required");
    assertThat(custom.property("s3.client-factory-impl")).isEqualTo(S3ChecksumClientFactory.class.getName());

    SecretResolvingCatalogLoader aws = (SecretResolvingCatalogLoader) Catalogs.loader(
        new DestinationConfig("s3", "s3://lake/w", "jdbc:sqlite:/tmp/c.db", Map.of(), null, null));
    assertThat(aws.propertyNames()).as("AWS itself keeps the SDK's defaults")
        .doesNotContain("s3.chunked-encoding-enabled", "s3.client-factory-impl", S3ChecksumClientFactory.REQUEST_CHECKSUM);

    SecretResolvingCatalogLoader chosen = (SecretResolvingCatalogLoader) Catalogs.loader(new DestinationConfig("s3",
        "s3://lake/w", "jdbc:sqlite:/tmp/c.db", Map.of("s3.endpoint", "http://minio:9000",
            "s3.chunked-encoding-enabled", "true", S3ChecksumClientFactory.REQUEST_CHECKSUM, "when_supported"),
        null, null));
    assertThat(chosen.property("s3.chunked-encoding-enabled")).isEqualTo("true");
    assertThat(chosen.property(S3ChecksumClientFactory.REQUEST_CHECKSUM)).isEqualTo("when_supported");
    assertThat(S3ChecksumClientFactory.requestChecksum(Map.of(S3ChecksumClientFactory.REQUEST_CHECKSUM,
        "when_required"))).isEqualTo(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED);

    assertThatThrownBy(() -> Catalogs.loader(new DestinationConfig("s3", "s3://lake/w", "jdbc:sqlite:/tmp/c.db",
        Map.of("s3.endpoint", "http://x", S3ChecksumClientFactory.RESPONSE_CHECKSUM, "never"), null, null)))
        .hasMessage(S3ChecksumClientFactory.RESPONSE_CHECKSUM + ": expected when_supported or when_required, got 'never'");
  }

  @Test
  void destinationConfigIsImmutableAndHidesPropertyValues() {
    Map<String, String> props = new HashMap<>(Map.of("s3.secret-access-key", "hunter2"));
    DestinationConfig d = new DestinationConfig("local", "/w", props);
    props.clear();

    assertThat(d.properties()).containsEntry("s3.secret-access-key", "hunter2");
    assertThat(d.toString()).contains("s3.secret-access-key").doesNotContain("hunter2");
    assertThat(new DestinationConfig("local", "/w", null).properties()).isEmpty();
    assertThatThrownBy(() -> d.properties().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
  }
}
