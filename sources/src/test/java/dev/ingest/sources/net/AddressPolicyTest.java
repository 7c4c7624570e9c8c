package dev.ingest.sources.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {
  /** A resolver that knows a few names and fails for the rest, as an offline DNS would. */
  private static final AddressPolicy.Resolver DNS = host -> switch (host) {
    case "metadata.attacker.example" -> new InetAddress[] {InetAddress.getByName("169.254.169.254")};
    case "rebind.example" -> new InetAddress[] {InetAddress.getByName("93.184.215.14"),
        InetAddress.getByName("10.1.2.3")};
    case "api.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.215.14")};
    default -> {
      if (host.matches("[0-9a-fA-F:.]+")) {
        yield InetAddress.getAllByName(host); // literals only: never a DNS query
      }
      throw new UnknownHostException(host);
    }
  };

  private final AddressPolicy strict = AddressPolicy.strict().withResolver(DNS);

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://169.254.169.254/latest/meta-data | cloud metadata",
      "http://[fd00:ec2::254]/latest          | cloud metadata",
      "http://metadata.attacker.example/      | cloud metadata",
      "http://127.0.0.1:8089                  | loopback",
      "http://2130706433/                     | loopback",
      "http://[::1]:8080                      | loopback",
      "http://[::ffff:127.0.0.1]/             | loopback",
      "http://169.254.10.20/                  | link-local",
      "http://[fe80::1]/                      | link-local",
      "http://10.0.0.5/                       | private-network",
      "http://172.16.3.4/                     | private-network",
      "http://192.168.1.1/                    | private-network",
      "http://100.64.0.1/                     | private-network",
      "http://[fd12:3456::1]/                 | private-network",
      "http://0.0.0.0:80/                     | unspecified",
      "http://rebind.example/                 | private-network",
  })
  void refusesNonPublicAddressesNamingTheKind(String url, String kind) {
    assertThat(strict.problem(url)).hasValueSatisfying(p -> assertThat(p)
        .contains("a " + kind + " address").contains("INGEST_ALLOW_PRIVATE_NETWORKS").contains("allowed_hosts"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://api.example.com/v2", "http://93.184.215.14", "https://unresolvable.invalid/x",
      "not a url at all"})
  void allowsPublicOrUnresolvableHosts(String url) {
    assertThat(strict.problem(url)).isEmpty();
  }

  @Test
  void anAllowedHostIsAllowedOnAnyPortOrOnlyOnItsPort() {
    AddressPolicy anyPort = strict.allowingHost("127.0.0.1");
    AddressPolicy onePort = strict.allowingHost("127.0.0.1:8089");

    assertThat(anyPort.problem("http://127.0.0.1:9999")).isEmpty();
    assertThat(onePort.problem("http://127.0.0.1:8089/api")).isEmpty();
    assertThat(onePort.problem("http://127.0.0.1:9999")).isPresent();
    assertThat(onePort.problem("http://169.254.169.254/")).isPresent();
  }

  @Test
  void allowingPrivateNetworksAllowsEverything() {
    AddressPolicy open = strict.allowingPrivateNetworks(true);

    assertThat(open.problem("http://169.254.169.254/")).isEmpty();
    assertThat(open.problem("http://10.0.0.5/")).isEmpty();
    assertThat(strict.allowingPrivateNetworks(false).problem("http://10.0.0.5/")).isPresent();
  }
}
