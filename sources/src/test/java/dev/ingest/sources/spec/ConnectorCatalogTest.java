package dev.ingest.sources.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.spec.PagingSpec.Stop;
import dev.ingest.sources.spec.PagingSpec.Type;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorCatalogTest {

  @Test
  void bundlesTheSandboxConnector() throws Exception {
    ConnectorCatalog catalog = ConnectorCatalog.builtIn();
    assertThat(catalog.names()).contains("sandbox");
    ConnectorSpec sandbox = catalog.get("sandbox");

    assertThat(sandbox.baseUrl()).isEqualTo("{{ config.base_url }}");
    assertThat(sandbox.config().get("base_url").defaultValue()).isEqualTo("http://127.0.0.1:8089");
    assertThat(sandbox.credentials()).containsOnlyKeys("token");
    assertThat(sandbox.auth()).isEqualTo(AuthSpec.bearer("{{ credentials.token }}"));
    assertThat(sandbox.endpointNames()).containsExactly("tickets", "contacts", "issues", "events");

    EndpointSpec tickets = sandbox.endpoint("tickets").orElseThrow();
    assertThat(tickets.path()).isEqualTo("/api/v2/tickets");
    assertThat(tickets.records()).isEqualTo("tickets");
    assertThat(tickets.primaryKey()).containsExactly("id");
    assertThat(tickets.paging()).isEqualTo(new PagingSpec(Type.PAGE_NUMBER, "page", "per_page", 100, 1,
        Stop.EMPTY_PAGE, null, null, null, null, PagingSpec.DEFAULT_MAX_PAGES, PagingSpec.ParamIn.QUERY, null,
        "count", null));

    EndpointSpec contacts = sandbox.endpoint("contacts").orElseThrow();
    assertThat(contacts.path()).isEqualTo("/crm/v3/objects/contacts");
    assertThat(contacts.paging().type()).isEqualTo(Type.BODY_CURSOR);
    assertThat(contacts.paging().cursorPath()).isEqualTo("paging.next.after");
    assertThat(contacts.paging().cursorParam()).isEqualTo("after");
    assertThat(contacts.paging().sizeParam()).isEqualTo("limit");

    EndpointSpec issues = sandbox.endpoint("issues").orElseThrow();
    assertThat(issues.path()).isEqualTo("/repos/acme/widgets/issues");
    assertThat(issues.records()).isEqualTo("$");
    assertThat(issues.paging().type()).isEqualTo(Type.LINK_HEADER);
    assertThat(issues.paging().sizeParam()).isEqualTo("per_page");
    for (String declared : List.of("tickets", "contacts", "issues")) {
      assertThat(sandbox.endpoint(declared).orElseThrow().declaredSchema()).as(declared).isPresent();
    }
    EndpointSpec events = sandbox.endpoint("events").orElseThrow();
    assertThat(events.paging().type()).isEqualTo(Type.OFFSET);
    assertThat(events.declaredSchema()).as("events: schema inferred from data").isEmpty();
  }

  @Test
  void unknownConnectorErrorListsTheKnownOnes() {
    assertThatThrownBy(() -> ConnectorCatalog.builtIn().get("salesforse"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("connector: unknown connector 'salesforse' (known: sandbox")
        .satisfies(e -> assertThat(((SpecException) e).errors().get(0).path()).isEqualTo("connector"));
    assertThat(ConnectorCatalog.builtIn().find("salesforse")).isEmpty();
  }

  @Test
  void resolvesConfigWithDefaultsAndNamesEachProblem() throws Exception {
    ConnectorSpec sandbox = ConnectorCatalog.builtIn().get("sandbox");
    assertThat(sandbox.resolveConfig(Map.of())).containsExactly(Map.entry("base_url", "http://127.0.0.1:8089"));
    assertThat(sandbox.resolveConfig(Map.of("base_url", "http://localhost:1")))
        .containsEntry("base_url", "http://localhost:1");

    assertThatThrownBy(() -> sandbox.resolveConfig(Map.of("base_url", "localhost:1", "nope", "x")))
        .isInstanceOf(SpecException.class)
        .satisfies(e -> assertThat(((SpecException) e).errors()).extracting(FieldError::toString).containsExactly(
            "config.nope: unknown config key of connector 'sandbox' (expected one of base_url)"));
    assertThatThrownBy(() -> sandbox.resolveConfig(Map.of("base_url", "localhost:1")))
        .hasMessageContaining("base_url: must resolve to an http(s) URL, got 'localhost:1'");
  }

  @Test
  void requiredConfigWithoutDefaultMustBeGiven() throws Exception {
    ConnectorSpec spec = ConnectorLoader.parse(ConnectorLoaderTest.FULL, "full.yaml");
    assertThatThrownBy(() -> spec.resolveConfig(Map.of()))
        .hasMessageContaining("config.subdomain: required (Your Acme subdomain)");
    assertThat(spec.resolveConfig(Map.of("subdomain", "eu")))
        .containsEntry("subdomain", "eu").containsEntry("version", "2024-01");
  }
}
