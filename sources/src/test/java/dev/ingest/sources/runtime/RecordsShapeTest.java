package dev.ingest.sources.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.retry.FakeTime;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.spec.ConnectorLoader;
import dev.ingest.sources.spec.SpecException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The records path must hold an array, unless the endpoint declares the response is one record
 * ({@code records: {path: ..., single: true}}): an object where an array belongs fails the endpoint as
 * {@code MALFORMED_RESPONSE} naming the path and the JSON type, instead of landing the object as one row.
 */
class RecordsShapeTest {
  private final ScriptedTransport transport = new ScriptedTransport();

  private Page fetch(String records) throws Exception {
    var spec = ConnectorLoader.parse("""
        name: shapes
        base_url: https://api.example.com
        endpoints:
          items: { path: /items, records: %s }
        """.formatted(records), "shapes.yaml");
    return new ConnectorPageFetcherFactory(spec, Map.of(), null, null, RetryPolicy.defaults(),
        new TestEnvironment(transport, new FakeTime())).open(FetchTarget.of("items", "run-1"))
        .fetch(PageCursor.first());
  }

  @Test
  void anObjectAtTheRecordsPathIsMalformedUnlessDeclaredSingle() {
    transport.respond(200, "{\"data\":{\"id\":1,\"error\":\"not a list\"}}");

    assertThatThrownBy(() -> fetch("data")).isInstanceOfSatisfying(EndpointException.class, e -> {
      assertThat(e.errorClass()).isEqualTo(ErrorClass.MALFORMED_RESPONSE);
      assertThat(e.getMessage()).startsWith("records path 'data' holds an object, not an array of records (if the "
          + "response is one record, declare records: {path: data, single: true}) in the response of GET "
          + "https://api.example.com/items");
      assertThat(e.stats().requests()).as("not retried: it would come out the same").isEqualTo(1);
    });
  }

  @Test
  void aScalarAtTheRecordsPathNamesItsType() {
    transport.respond(200, "{\"data\":\"none\"}");

    assertThatThrownBy(() -> fetch("data")).isInstanceOfSatisfying(EndpointException.class, e -> {
      assertThat(e.errorClass()).isEqualTo(ErrorClass.MALFORMED_RESPONSE);
      assertThat(e.getMessage()).startsWith("records path 'data' holds a string, not an array of records");
    });
  }

  @Test
  void aMissingRecordsPathSaysNotFound() {
    transport.respond(200, "{\"items\":[]}");

    assertThatThrownBy(() -> fetch("data")).isInstanceOfSatisfying(EndpointException.class,
        e -> assertThat(e.getMessage()).startsWith("records path 'data' not found in the response of GET"));
  }

  @Test
  void aDeclaredSingleRecordLandsAsOneRecord() throws Exception {
    transport.respond(200, "{\"data\":{\"id\":7,\"name\":\"me\"}}");

    Page page = fetch("{ path: data, single: true }");

    assertThat(page.records()).containsExactly("{\"id\":7,\"name\":\"me\"}");
    assertThat(page.isLast()).isTrue();
  }

  @Test
  void aDeclaredSingleRecordThatIsAnArrayIsMalformed() {
    transport.respond(200, "{\"data\":[{\"id\":7}]}");

    assertThatThrownBy(() -> fetch("{ path: data, single: true }"))
        .isInstanceOfSatisfying(EndpointException.class, e -> {
          assertThat(e.errorClass()).isEqualTo(ErrorClass.MALFORMED_RESPONSE);
          assertThat(e.getMessage()).startsWith("records path 'data' holds an array, but the endpoint declares a "
              + "single record (records.single: true), which must be an object");
        });
  }

  @Test
  void anArrayAndNullStillWork() throws Exception {
    transport.respond(200, "{\"data\":[{\"id\":1},{\"id\":2}]}").respond(200, "{\"data\":null}");

    assertThat(fetch("data").records()).containsExactly("{\"id\":1}", "{\"id\":2}");
    assertThat(fetch("data").records()).isEmpty();
  }

  @Test
  void theRecordsMappingIsValidated() {
    assertThatThrownBy(() -> fetch("{ path: data, single: 3, first: true }"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("endpoints.items.records.single")
        .hasMessageContaining("endpoints.items.records.first");
    assertThatThrownBy(() -> fetch("{ single: true }"))
        .isInstanceOf(SpecException.class).hasMessageContaining("endpoints.items.records.path");
    assertThatThrownBy(() -> fetch("[data]"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("endpoints.items.records: must be a JSON path or a mapping");
  }
}
