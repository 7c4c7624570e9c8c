package dev.ingest.jobs.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sinks.write.WriteMode;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.spec.SpecException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write mode an endpoint gets in pipeline YAML when neither it nor the pipeline names one. */
class WriteModeDefaultsTest {
  @TempDir Path dir;

  @BeforeEach
  void writeConnector() throws Exception {
    Files.writeString(dir.resolve("shop.yaml"), """
        name: shop
        base_url: http://127.0.0.1:1
        paging: {type: page_number, page_param: page}
        endpoints:
          orders:
            path: /orders
            records: $
            primary_key: [id]
            incremental: {cursor_field: updated_at, param: updated_since}
          events:
            path: /events
            records: $
            incremental: {cursor_field: created_at, param: created_since}
          products:
            path: /products
            records: $
            primary_key: [sku]
        """, StandardCharsets.UTF_8);
  }

  private PipelineSpec load(String body) throws SpecException {
    String yaml = """
        name: demo
        connector_file: shop.yaml
        schedule: "0 * * * *"
        """ + body;
    return new PipelineLoader(new SpecDefaults(dir.resolve("warehouse"), dir.resolve("catalog.db"),
        AddressPolicy.strict().allowingHost("127.0.0.1"))).parse("p.yaml", yaml.getBytes(StandardCharsets.UTF_8), dir);
  }

  private static Map<String, WriteMode> modes(PipelineSpec spec) {
    return spec.endpoints().stream().collect(Collectors.toMap(EndpointSelection::name, EndpointSelection::writeMode));
  }

  @Test
  void incrementalWithKeyUpsertsIncrementalWithoutKeyAppendsAndTheRestIsAFullRefresh() throws Exception {
    PipelineSpec spec = load("endpoints: [orders, events, products]\n");

    assertThat(modes(spec)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "orders", WriteMode.UPSERT, "events", WriteMode.APPEND, "products", WriteMode.FULL_REFRESH));
    assertThat(spec.endpoint("orders").primaryKey()).containsExactly("id");
    assertThat(spec.endpoint("products").primaryKey()).isEmpty();
  }

  @Test
  void anIncrementalEndpointWithItsOwnKeyUpsertsByIt() throws Exception {
    PipelineSpec spec = load("endpoints: [{name: events, primary_key: [event_id]}]\n");

    assertThat(spec.endpoint("events").writeMode()).isEqualTo(WriteMode.UPSERT);
    assertThat(spec.endpoint("events").primaryKey()).containsExactly("event_id");
  }

  @Test
  void explicitAppendIsKeptPerEndpointAndAtTheTop() throws Exception {
    PipelineSpec perEndpoint = load("endpoints: [{name: orders, write_mode: append}, "
        + "{name: products, write_mode: append}, events]\n");
    assertThat(modes(perEndpoint)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "orders", WriteMode.APPEND, "products", WriteMode.APPEND, "events", WriteMode.APPEND));

    PipelineSpec topLevel = load("write_mode: append\nendpoints: [orders, products, {name: events, "
        + "write_mode: append}]\n");
    assertThat(modes(topLevel)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "orders", WriteMode.APPEND, "products", WriteMode.APPEND, "events", WriteMode.APPEND));
  }

  @Test
  void aTopLevelWriteModeAppliesToEveryEndpointThatNamesNone() throws Exception {
    PipelineSpec spec = load("write_mode: full_refresh\nendpoints: [orders, {name: products, write_mode: upsert}]\n");

    assertThat(modes(spec)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "orders", WriteMode.FULL_REFRESH, "products", WriteMode.UPSERT));
    assertThat(spec.endpoint("products").primaryKey()).containsExactly("sku");
  }

  @Test
  void theRuleFollowsTheConnectorsEndpoint() throws Exception {
    var connector = load("endpoints: [orders]\n").connector();

    assertThat(List.of("orders", "events", "products").stream()
        .map(name -> WriteModeDefaults.of(connector.endpoints().get(name))).toList())
        .containsExactly(WriteMode.UPSERT, WriteMode.APPEND, WriteMode.FULL_REFRESH);
  }
}
