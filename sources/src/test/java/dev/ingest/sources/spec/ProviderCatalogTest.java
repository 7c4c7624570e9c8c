package dev.ingest.sources.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled provider connectors as data: all fifteen load, together they cover at least 60 endpoints, and each
 * declares what the catalog promises (primary keys, a credential form with help, a rate limit, current API
 * versions).
 */
class ProviderCatalogTest {
  static final List<String> PROVIDERS = List.of("asana", "github", "greenhouse", "hubspot", "intercom", "jira",
      "linear", "mailchimp", "notion", "pipedrive", "salesforce", "shopify", "slack", "stripe", "zendesk");

  private final ConnectorCatalog catalog = ConnectorCatalog.builtIn();

  @Test
  void bundlesFifteenProvidersWithAtLeastSixtyEndpoints() {
    assertThat(catalog.names()).containsAll(PROVIDERS);
    int endpoints = PROVIDERS.stream().mapToInt(p -> catalog.find(p).orElseThrow().endpoints().size()).sum();
    assertThat(endpoints).isGreaterThanOrEqualTo(60);
  }

  @Test
  void everyEndpointHasAPrimaryKeyAndADescription() {
    for (String provider : PROVIDERS) {
      for (EndpointSpec endpoint : catalog.find(provider).orElseThrow().endpoints().values()) {
        assertThat(endpoint.primaryKey()).as(provider + "." + endpoint.name()).isNotEmpty();
        assertThat(endpoint.description()).as(provider + "." + endpoint.name()).isNotBlank();
      }
    }
  }

  @Test
  void everyCredentialFieldSaysHowToObtainItAndEveryConnectorDeclaresARateLimit() {
    for (String provider : PROVIDERS) {
      ConnectorSpec spec = catalog.find(provider).orElseThrow();
      assertThat(spec.credentials()).as(provider).isNotEmpty();
      spec.credentials().values().forEach(field -> {
        assertThat(field.help()).as(provider + " " + field.key()).isNotBlank();
        assertThat(field.label()).as(provider + " " + field.key()).isNotEqualTo(field.key());
      });
      assertThat(spec.rateLimit().requestsPerSecond()).as(provider).isPositive();
      assertThat(spec.description()).as(provider).isNotBlank();
    }
  }

  @Test
  void usesCurrentApiVersions() {
    assertThat(catalog.find("jira").orElseThrow().endpoint("issues").orElseThrow().path())
        .isEqualTo("/rest/api/3/search/jql");
    assertThat(catalog.find("greenhouse").orElseThrow().config().get("base_url").defaultValue())
        .endsWith("/v3");
    assertThat(catalog.find("pipedrive").orElseThrow().endpoint("deals").orElseThrow().path())
        .startsWith("/v2/");
    assertThat(catalog.find("notion").orElseThrow().headers()).containsEntry("Notion-Version", "2025-09-03");
    assertThat(catalog.find("github").orElseThrow().headers()).containsEntry("X-GitHub-Api-Version", "2022-11-28");
  }

  @Test
  void childEndpointsNameAParentOfTheSameConnector() {
    long children = PROVIDERS.stream().flatMap(p -> catalog.find(p).orElseThrow().endpoints().values().stream())
        .filter(e -> e.parent() != null).count();
    assertThat(children).isGreaterThanOrEqualTo(10);
  }
}
