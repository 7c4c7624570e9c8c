package dev.ingest.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.net.AddressPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IngestJobArgumentsTest {
  private static final String YAML = "name: p\nconnector: sandbox\n";

  @Test
  void networkPolicyTravelsWithThePipeline() {
    AddressPolicy validated = AddressPolicy.strict().allowingHost("127.0.0.1:8089").allowingHost("10.0.4.12");

    IngestJob.Arguments parsed = IngestJob.Arguments.parse(IngestJob.arguments(YAML, true, "/opt/ingest", validated));

    assertThat(new String(parsed.pipelineYaml(), StandardCharsets.UTF_8)).isEqualTo(YAML);
    assertThat(parsed.once()).isTrue();
    assertThat(parsed.home()).isEqualTo(Path.of("/opt/ingest"));
    assertThat(parsed.network().allowsPrivateNetworks()).isFalse();
    assertThat(parsed.network().allowedHosts()).containsExactlyInAnyOrder("127.0.0.1:8089", "10.0.4.12");
    assertThat(parsed.network().problem("http://127.0.0.1:8089/api")).isEmpty();
    assertThat(parsed.network().problem("http://127.0.0.1:9999/api")).isPresent();
    assertThat(parsed.network().problem("http://169.254.169.254/latest/meta-data")).isPresent();
  }

  @Test
  void privateNetworksOnlyWhenTheOperatorAllowedThem() {
    String[] allowed = IngestJob.arguments(YAML, false, null, AddressPolicy.strict().allowingPrivateNetworks(true));
    assertThat(IngestJob.Arguments.parse(allowed).network().allowsPrivateNetworks()).isTrue();

    String[] strict = IngestJob.arguments(YAML, false, null, AddressPolicy.strict());
    assertThat(strict).doesNotContain("--allow-private-networks", "--allowed-host");
    assertThat(IngestJob.Arguments.parse(strict).network().problem("http://10.1.2.3/")).isPresent();
  }

  @Test
  void withoutPolicyArgumentsTheJobAllowsPublicAddressesOnly() {
    IngestJob.Arguments parsed = IngestJob.Arguments.parse(new String[] {"--pipeline", "p.yaml"});

    assertThat(parsed.network().allowsPrivateNetworks()).isFalse();
    assertThat(parsed.network().allowedHosts()).isEmpty();
  }

  @Test
  void allowedHostNeedsAValue() {
    assertThatThrownBy(() -> IngestJob.Arguments.parse(new String[] {"--pipeline", "p.yaml", "--allowed-host"}))
        .hasMessageContaining("--allowed-host needs a value");
  }

  @Test
  void aControlUrlMakesTheJobLeaseRateBudgetsWithTheLeaseTokenFromTheSecretStore() {
    String[] args = IngestJob.arguments(YAML, false, null, AddressPolicy.strict(), false,
        java.net.URI.create("http://ingest-control:8080"));
    IngestJob.Arguments parsed = IngestJob.Arguments.parse(args);
    dev.ingest.sources.secret.SecretStoreProvider store =
        new dev.ingest.sources.secret.LocalFileSecretStoreProvider("/tmp/none.json");

    var budget = IngestJob.compileOptions(parsed, store).rateBudget().orElseThrow();

    assertThat(budget.controlUrl()).hasToString("http://ingest-control:8080");
    assertThat(budget.tokenSecret()).isEqualTo(dev.ingest.sources.ratelimit.RateBudgetSettings.LEASE_TOKEN_SECRET);
    assertThat(budget.secrets()).isSameAs(store);
    assertThat(String.join(" ", args)).doesNotContain("ingest_rl_"); // the token itself never travels in arguments
  }

  @Test
  void withoutAControlUrlEachJvmKeepsItsOwnBudget() {
    IngestJob.Arguments parsed = IngestJob.Arguments.parse(IngestJob.arguments(YAML, true, null, AddressPolicy.strict()));

    assertThat(parsed.controlUrl()).isNull();
    assertThat(IngestJob.compileOptions(parsed, null).rateBudget()).isEmpty();
  }

  @Test
  void aControlUrlMustBeHttp() {
    assertThatThrownBy(() -> IngestJob.Arguments.parse(new String[] {"--pipeline", "p.yaml", "--control-url",
        "ftp://x"})).hasMessageContaining("--control-url");
  }
}
