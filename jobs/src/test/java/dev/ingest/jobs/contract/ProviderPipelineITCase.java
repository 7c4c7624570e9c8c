package dev.ingest.jobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.sinks.write.WriteMode;
import dev.ingest.sources.spec.ConnectorCatalog;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.schema.MetadataColumns;
import dev.ingest.sources.incremental.CursorValues;
import dev.ingest.sources.records.JsonPath;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sources.contract.ProviderFakes;
import dev.ingest.sources.contract.fake.ProviderFake;
import dev.ingest.sources.secret.LocalFileSecretStore;
import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import dev.ingest.sources.spec.EndpointSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * and the run report agrees.
 *
 * <p>Then the fake's data changes ({@link ProviderFake#advance}) and a second, separate run-once job runs: it
 * starts every incremental endpoint from the high-water mark the first job recorded in {@code _ingest_runs}, so
 * it lands only the changed records. Endpoints whose changes update existing records are written as upserts (one
 * live row per key afterwards; the changed keys carry the second run's id); endpoints whose changes are new
 * records are appended (the second run adds exactly the new records). Either way the second run may re-read the
 * records at the mark itself (inclusive filters, lookbacks) and nothing else.
 */
class ProviderPipelineITCase {
  private static final String SECRET = "contract";
  private static final Map<String, WriteMode> MODES = new ConcurrentHashMap<>();

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
      Map<String, Set<String>> atMark = new HashMap<>();
      for (EndpointSpec endpoint : pipeline.connector().endpoints().values()) {
        List<JsonNode> expected = fake.expected(endpoint.name());
        List<String> landed = keys(pipeline, endpoint, null);
        assertThat(landed).as("%s.%s primary keys", fake.connector(), endpoint.name())
            .containsExactlyInAnyOrderElementsOf(expected.stream().map(r -> key(r, endpoint)).toList());
        assertThat(result(report, endpoint).rows()).as("%s.%s rows", fake.connector(), endpoint.name())
            .isEqualTo(expected.size());
        if (endpoint.incremental() != null) {
          atMark.put(endpoint.name(), keysAtMark(expected, endpoint));
        }
      }
      if (atMark.isEmpty()) {
        return;
      }

      Map<String, List<JsonNode>> changed = new HashMap<>();
      atMark.keySet().forEach(name -> changed.put(name, fake.advance(name)));
      RunReport second = new LocalPipelineRunner(home, new LocalFileSecretStoreProvider(home.secretsFile()
          .toString())).progress(false).runOnce(pipeline);

      assertThat(second.failed()).as("%s second report %s", fake.connector(), second).isFalse();
      assertThat(second.runId()).isNotEqualTo(report.runId());
      for (String name : atMark.keySet()) {
        EndpointSpec endpoint = pipeline.connector().endpoints().get(name);
        Set<String> changedKeys = changed.get(name).stream().map(r -> key(r, endpoint)).collect(Collectors.toSet());
        List<String> landedBySecond = keys(pipeline, endpoint, second.runId());
        assertThat(landedBySecond).as("%s.%s rows of the second run", fake.connector(), name)
            .containsAll(changedKeys).doesNotHaveDuplicates()
            .allMatch(k -> changedKeys.contains(k) || atMark.get(name).contains(k));
        assertThat(keys(pipeline, endpoint, null)).as("%s.%s after the second run", fake.connector(), name)
            .hasSize(mode(fake, endpoint) == WriteMode.UPSERT ? fake.expected(name).size()
                : (int) result(report, endpoint).rows() + landedBySecond.size())
            .containsAll(fake.expected(name).stream().map(r -> key(r, endpoint)).toList());
        assertThat(result(second, endpoint).rows()).as("%s.%s rows of the second run", fake.connector(), name)
            .isEqualTo(landedBySecond.size());
      }
    }
  }

  private static RunReport.EndpointResult result(RunReport report, EndpointSpec endpoint) {
    return report.endpoints().stream().filter(e -> e.endpoint().equals(endpoint.name())).findFirst().orElseThrow();
  }

  /**
   * The keys of the records a second run may re-read: those whose cursor is at the first run's high-water mark
   * (inclusive filters) or within the endpoint's lookback before it.
   */
  private static Set<String> keysAtMark(List<JsonNode> records, EndpointSpec endpoint) {
    JsonPath field = JsonPath.parse(endpoint.incremental().cursorField());
    String mark = records.stream().map(r -> field.findText(r).orElse(null)).reduce(null, CursorValues::max);
    String from = CursorValues.minus(mark, endpoint.incremental().lookback());
    return records.stream().filter(r -> CursorValues.compare(field.findText(r).orElseThrow(), from) >= 0)
        .map(r -> key(r, endpoint)).collect(Collectors.toSet());
  }

  /**
   * Upsert for incremental endpoints whose changes update records (a fresh fake, advanced, changes only keys it
   * had), append for those whose changes are new records; the other endpoints append.
   */
  private static WriteMode mode(ProviderFake fake, EndpointSpec endpoint) {
    return MODES.computeIfAbsent(fake.connector() + "." + endpoint.name(), k -> {
      if (endpoint.incremental() == null) {
        return WriteMode.APPEND;
      }
      ProviderFake probe = ProviderFakes.all().stream().map(Supplier::get)
          .filter(f -> f.connector().equals(fake.connector())).findFirst().orElseThrow();
      Set<String> before = probe.expected(endpoint.name()).stream().map(r -> key(r, endpoint))
          .collect(Collectors.toSet());
      return probe.advance(endpoint.name()).stream().map(r -> key(r, endpoint)).allMatch(before::contains)
          ? WriteMode.UPSERT : WriteMode.APPEND;
    });
  }

  private PipelineSpec load(IngestHome home, ProviderFake fake) throws Exception {
    return ContractPipelines.load(dir, home, fake, fake.connector() + "_contract", SECRET, endpointList(fake));
  }

  private static String endpointList(ProviderFake fake) {
    ConnectorSpec connector = ConnectorCatalog.builtIn().find(fake.connector()).orElseThrow();
    return ProviderFakes.endpointsOf(fake.connector()).stream()
        .map(name -> "  - {name: " + name + ", write_mode: " + mode(fake, connector.endpoints().get(name)).yamlName()
            + "}")
        .collect(Collectors.joining("\n"));
  }

  private static String key(JsonNode record, EndpointSpec endpoint) {
    return endpoint.primaryKey().stream().map(k -> record.get(k).asText()).collect(Collectors.joining("|"));
  }

  /** The primary keys of the table's live rows; of those a run wrote when {@code runId} is given. */
  private static List<String> keys(PipelineSpec pipeline, EndpointSpec endpoint, String runId) throws Exception {
    List<String> keys = new ArrayList<>();
    var table = Catalogs.open(pipeline.destination())
        .loadTable(TableIdentifier.of(Namespace.of(pipeline.name()), endpoint.name()));
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      for (Record row : rows) {
        if (runId != null && !runId.equals(row.getField(MetadataColumns.RUN_ID))) {
          continue;
        }
        keys.add(endpoint.primaryKey().stream().map(k -> String.valueOf(row.getField(k)))
            .collect(Collectors.joining("|")));
      }
    }
    return keys;
  }
}
