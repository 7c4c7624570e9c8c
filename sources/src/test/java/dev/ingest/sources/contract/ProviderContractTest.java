package dev.ingest.sources.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.contract.fake.Fakes;
import dev.ingest.sources.contract.fake.ProviderFake;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.spec.AuthSpec;
import dev.ingest.sources.spec.ConnectorCatalog;
import dev.ingest.sources.spec.EndpointSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in provider connector against its provider fake, through {@code ConnectorPageFetcherFactory}:
 * <ul>
 *   <li>each endpoint delivers exactly the fake's records, in the provider's order, across several pages;
 *   <li>each incremental endpoint's second run, from the first run's high-water mark, delivers exactly the records
 *       the provider's filter returns after the data changed;
 *   <li>a wrong credential fails as {@code AUTH_FAILED}; a 429 in the provider's shape is waited out.
 * </ul>
 * The fakes are written from the providers' documentation (see each fake's javadoc), not from the connector
 * definitions, so a wrong path, envelope, paging key or filter parameter in a definition fails here.
 */
class ProviderContractTest {

  @TestFactory
  Stream<DynamicNode> everyProviderConnectorMatchesItsProvider() {
    return ProviderFakes.all().stream().map(this::provider);
  }

  private DynamicContainer provider(Supplier<ProviderFake> supplier) {
    String name = supplier.get().connector();
    List<DynamicNode> tests = new ArrayList<>();
    tests.add(dynamicTest("endpoints and incremental runs", () -> {
      try (ProviderFake fake = supplier.get().start(); ContractClient client = new ContractClient(fake)) {
        for (EndpointSpec endpoint : client.connector().endpoints().values()) {
          ContractClient.Run full = client.fetch(endpoint.name(), null);
          assertThat(full.records()).as("%s.%s", name, endpoint.name())
              .isNotEmpty().containsExactlyElementsOf(normalized(fake.expected(endpoint.name())));
          assertThat(full.pages()).as("%s.%s pages", name, endpoint.name()).isGreaterThan(
              full.records().size() > ProviderFake.PAGE_CAP && endpoint.paging().type().name() != "NONE" ? 1 : 0);
          if (endpoint.incremental() != null) {
            assertThat(full.mark()).as("%s.%s high-water mark", name, endpoint.name()).isNotNull();
            var changed = fake.advance(endpoint.name());
            ContractClient.Run next = client.fetch(endpoint.name(), full.mark());
            // the changed records, plus at most the one at the mark (inclusive filters and lookbacks re-read it)
            assertThat(next.records()).as("%s.%s incremental run from %s", name, endpoint.name(), full.mark())
                .containsAll(normalized(changed)).hasSizeLessThanOrEqualTo(changed.size() + 1)
                .hasSizeLessThan(fake.expected(endpoint.name()).size());
          }
        }
      }
    }));
    tests.add(dynamicTest("wrong credential is AUTH_FAILED", () -> {
      try (ProviderFake fake = supplier.get().start(); ContractClient client = new ContractClient(fake)) {
        Map<String, String> wrong = new HashMap<>(fake.secret());
        wrong.replaceAll((k, v) -> k.contains("id") || k.contains("email") ? v : v + "-revoked");
        String first = client.connector().endpointNames().get(0);
        assertThatThrownBy(() -> client.fetch(first, null, wrong))
            .isInstanceOfSatisfying(EndpointException.class,
                e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH_FAILED))
            .hasMessageNotContaining("-revoked");
      }
    }));
    for (String method : ConnectorCatalog.builtIn().find(name).orElseThrow().authMethods().keySet().stream().skip(1)
        .toList()) {
      tests.add(dynamicTest("auth method " + method, () -> {
        try (ProviderFake fake = supplier.get().start(); ContractClient client = new ContractClient(fake, method)) {
          String first = client.connector().endpointNames().get(0);
          assertThat(client.fetch(first, null).records()).as("%s.%s with %s", name, first, method)
              .containsExactlyElementsOf(normalized(fake.expected(first)));
          if (client.connector().auth().type() == AuthSpec.Type.OAUTH2) {
            assertThat(fake.requests()).as("%s %s: the token endpoint issued the access token", name, method)
                .anyMatch(r -> r.path().endsWith("token") && r.method().equals("POST"));
          }
          AuthSpec auth = client.connector().auth();
          String header = auth.type() == AuthSpec.Type.OAUTH2 ? auth.oauth2().tokenHeader() : "Authorization";
          String prefix = auth.type() == AuthSpec.Type.OAUTH2 ? auth.oauth2().tokenPrefix() : "Bearer ";
          assertThat(fake.requests().stream().filter(r -> !r.path().endsWith("token")))
              .as("%s API requests carry the %s token in %s", name, method, header).isNotEmpty()
              .allSatisfy(r -> assertThat(r.header(header)).hasValueSatisfying(
                  h -> assertThat(h).startsWith(prefix).hasSizeGreaterThan(prefix.length())));
        }
      }));
    }
    tests.add(dynamicTest("a 429 in the provider's shape is waited out", () -> {
      try (ProviderFake fake = supplier.get().start(); ContractClient client = new ContractClient(fake)) {
        String first = client.connector().endpointNames().get(0);
        fake.throttleNext(1);
        assertThat(client.fetch(first, null).records()).containsExactlyElementsOf(normalized(fake.expected(first)));
        if (fake.signalsRateLimitWait()) {
          assertThat(client.environment().time().sleeps()).as("waited before retrying").isNotEmpty();
        }
      }
    }));
    return DynamicContainer.dynamicContainer(name, tests);
  }

  /** The records as parsed from their JSON text (number node types as a client sees them). */
  static List<JsonNode> normalized(List<JsonNode> records) {
    return records.stream().map(r -> Fakes.parse(Fakes.write(r))).toList();
  }
}
