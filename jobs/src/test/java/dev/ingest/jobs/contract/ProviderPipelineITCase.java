package dev.ingest.jobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.jobs.local.RunReport;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.spec.ConnectorCatalog;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sources.contract.ProviderFakes;
import dev.ingest.sources.contract.fake.ProviderFake;
import dev.ingest.sources.secret.LocalFileSecretStore;
import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import dev.ingest.sources.spec.EndpointSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint of every provider connector lands in Iceberg through the real job graph on a MiniCluster (one
 * run per connector, against the provider's fake): each table holds exactly the fake's records, by primary key,
 * and the run report agrees. Incremental second runs are proven per fetch in {@code ProviderContractTest}.
 */
class ProviderPipelineITCase {
  private static final String SECRET = "contract";

  @TempDir Path dir;

  static Stream<Arguments> providers() {
    return ProviderFakes.all().stream().map(s -> Arguments.of(s.get().connector(), s));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void landsEveryEndpointOfTheConnector(String connector, Supplier<ProviderFake> supplier) throws Exception {
    try (ProviderFake fake = supplier.get().start()) {
      IngestHome home = new IngestHome(dir);
      new LocalFileSecretStore(home.secretsFile()).write(SECRET, fake.secret());
      PipelineSpec pipeline = load(home, fake);

      RunReport report = new LocalPipelineRunner(home, new LocalFileSecretStoreProvider(home.secretsFile()
          .toString())).progress(false).runOnce(pipeline);

      assertThat(report.failed()).as("%s report %s", fake.connector(), report).isFalse();
      for (EndpointSpec endpoint : pipeline.connector().endpoints().values()) {
        List<JsonNode> expected = fake.expected(endpoint.name());
        List<String> landed = keys(pipeline, endpoint);
        assertThat(landed).as("%s.%s primary keys", fake.connector(), endpoint.name())
            .containsExactlyInAnyOrderElementsOf(expected.stream().map(r -> key(r, endpoint)).toList());
        RunReport.EndpointResult result = report.endpoints().stream()
            .filter(e -> e.endpoint().equals(endpoint.name())).findFirst().orElseThrow();
        assertThat(result.rows()).as("%s.%s rows", fake.connector(), endpoint.name()).isEqualTo(expected.size());
      }
    }
  }

  private PipelineSpec load(IngestHome home, ProviderFake fake) throws Exception {
    String config = fake.config().entrySet().stream()
        .map(e -> "  " + e.getKey() + ": \"" + e.getValue() + "\"").collect(Collectors.joining("\n"));
    String yaml = """
        name: %s_contract
        connector: %s
        config:
        %s
        credentials:
          secret: %s
        endpoints: [%s]
        schedule: "0 * * * *"
        runtime: {parallelism: 1, checkpoint_interval: 500ms}
        """.formatted(fake.connector(), fake.connector(), config, SECRET,
        String.join(", ", ProviderFakes.endpointsOf(fake.connector())));
    Path file = dir.resolve(fake.connector() + ".yaml");
    Files.createDirectories(dir);
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return new PipelineLoader(home, ConnectorCatalog.builtIn(), AddressPolicy.strict().allowingHost("127.0.0.1"))
        .load(file);
  }

  private static String key(JsonNode record, EndpointSpec endpoint) {
    return endpoint.primaryKey().stream().map(k -> record.get(k).asText()).collect(Collectors.joining("|"));
  }

  private static List<String> keys(PipelineSpec pipeline, EndpointSpec endpoint) throws Exception {
    List<String> keys = new ArrayList<>();
    var table = Catalogs.open(pipeline.destination())
        .loadTable(TableIdentifier.of(Namespace.of(pipeline.name()), endpoint.name()));
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      for (Record row : rows) {
        keys.add(endpoint.primaryKey().stream().map(k -> String.valueOf(row.getField(k)))
            .collect(Collectors.joining("|")));
      }
    }
    return keys;
  }
}
