package dev.ingest.sources.net;

import java.io.Serializable;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which hosts a connector may call: the guard against server-side request forgery. A base URL whose host is, or
 * resolves to, a loopback, link-local (including the cloud metadata service at {@code 169.254.169.254} and
 * {@code fd00:ec2::254}), private (RFC 1918, carrier-grade NAT, IPv6 unique-local), unspecified or multicast
 * address is refused, unless the operator allowed private networks as a whole or named the host (or host:port) in
 * the allowlist.
 *
 * <p>This is the validation-time check: pipelines are refused before anything is stored, deployed or created.
 * A host that does not resolve at validation is not refused here (the runtime cannot reach it either, as it uses
 * the same JDK resolver); re-checking the address of every connection (DNS rebinding) belongs to the HTTP
 * runtime. Immutable.
 */
public final class AddressPolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Resolves a host name to its addresses (the JDK resolver in production). */
  @FunctionalInterface
  public interface Resolver extends Serializable {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** How to allow a refused host, quoted in every refusal. */
  public static final String HOW_TO_ALLOW = "the operator can allow it with INGEST_ALLOW_PRIVATE_NETWORKS=true, "
      + "or by naming the host in network.allowed_hosts of $INGEST_HOME/config.yaml";

  private static final AddressPolicy STRICT = new AddressPolicy(false, Set.of(), InetAddress::getAllByName);

  private final boolean allowPrivateNetworks;
  private final Set<String> allowedHosts;
  private final Resolver resolver;

  private AddressPolicy(boolean allowPrivateNetworks, Set<String> allowedHosts, Resolver resolver) {
    this.allowPrivateNetworks = allowPrivateNetworks;
    this.allowedHosts = Set.copyOf(allowedHosts);
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /** Public addresses only: the default. */
  public static AddressPolicy strict() {
    return STRICT;
  }

  /** Every address, private networks included (an operator's explicit choice). */
  public static AddressPolicy allowAll() {
    return new AddressPolicy(true, Set.of(), InetAddress::getAllByName);
  }

  /** This policy, also allowing private networks when {@code allow} is true. */
  public AddressPolicy allowingPrivateNetworks(boolean allow) {
    return new AddressPolicy(allowPrivateNetworks || allow, allowedHosts, resolver);
  }

  /**
   * This policy, also allowing {@code host} ({@code 10.0.0.5}, {@code sandbox.internal}, {@code [::1]}) on any
   * port, or only on one port ({@code 127.0.0.1:8089}).
   */
  public AddressPolicy allowingHost(String host) {
    Set<String> hosts = new TreeSet<>(allowedHosts);
    hosts.add(normalize(host));
    return new AddressPolicy(allowPrivateNetworks, hosts, resolver);
  }

  /**
   * This policy, also allowing the host and port of {@code baseUrl}: how the embedded sandbox (started on loopback
   * by {@code ./ingest demo} and the harnesses) is allowed explicitly.
   */
  public AddressPolicy allowingBaseUrl(String baseUrl) {
    URI uri = URI.create(baseUrl);
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    return allowingHost(uri.getHost() + ":" + port);
  }

  /** This policy with another resolver (tests). */
  public AddressPolicy withResolver(Resolver other) {
    return new AddressPolicy(allowPrivateNetworks, allowedHosts, other);
  }

  public boolean allowsPrivateNetworks() {
    return allowPrivateNetworks;
  }

  public Set<String> allowedHosts() {
    return allowedHosts;
  }

  /** Why a connector must not call {@code url}, or empty when it may. */
  public Optional<String> problem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.empty(); // the URL's syntax is checked (and reported) by the spec validation
    }
    String host = uri.getHost();
    if (host == null || allowPrivateNetworks) {
      return Optional.empty();
    }
    String bare = normalize(host);
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    if (allowedHosts.contains(bare) || allowedHosts.contains(bare + ":" + port)) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(bare.startsWith("[") ? bare.substring(1, bare.length() - 1) : bare);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    for (InetAddress address : addresses) {
      Optional<String> kind = AddressClass.refused(address);
      if (kind.isPresent()) {
        String resolved = address.getHostAddress();
        return Optional.of("host " + host + (sameHost(bare, resolved) ? "" : " resolves to " + resolved)
            + ", a " + kind.get() + " address: connectors may not call it unless allowed (" + HOW_TO_ALLOW + ")");
      }
    }
    return Optional.empty();
  }

  private static boolean sameHost(String host, String address) {
    return host.equalsIgnoreCase(address) || host.equalsIgnoreCase("[" + address + "]");
  }

  private static String normalize(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  @Override
  public String toString() {
    return allowPrivateNetworks ? "AddressPolicy[private networks allowed]" : "AddressPolicy[public only, allowed "
        + allowedHosts + "]";
  }

  /** Classifies addresses. */
  static final class AddressClass {
    private AddressClass() {}

    /** The kind of address a connector may not call, or empty for a public address. */
    static Optional<String> refused(InetAddress address) {
      byte[] b = address.getAddress();
      if (address instanceof Inet6Address && isMappedOrCompatibleV4(b)) {
        try {
          return refused(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e); // four bytes are always a valid IPv4 address
        }
      }
      if (isMetadata(address, b)) {
        return Optional.of("cloud metadata");
      }
      if (address.isLoopbackAddress()) {
        return Optional.of("loopback");
      }
      if (address.isLinkLocalAddress()) {
        return Optional.of("link-local");
      }
      if (address.isAnyLocalAddress()) {
        return Optional.of("unspecified");
      }
      if (address.isMulticastAddress()) {
        return Optional.of("multicast");
      }
      if (address.isSiteLocalAddress() || isCarrierGradeNat(address, b) || isUniqueLocal(address, b)
          || address instanceof Inet4Address && (b[0] & 0xFF) == 0) {
        return Optional.of("private-network");
      }
      return Optional.empty();
    }

    private static boolean isMetadata(InetAddress address, byte[] b) {
      if (address instanceof Inet4Address) {
        return (b[0] & 0xFF) == 169 && (b[1] & 0xFF) == 254 && (b[2] & 0xFF) == 169 && (b[3] & 0xFF) == 254;
      }
      // fd00:ec2::254, the EC2 instance metadata service over IPv6
      byte[] ec2 = {(byte) 0xfd, 0, (byte) 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
      return java.util.Arrays.equals(b, ec2);
    }

    private static boolean isCarrierGradeNat(InetAddress address, byte[] b) {
      return address instanceof Inet4Address && (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64;
    }

    private static boolean isUniqueLocal(InetAddress address, byte[] b) {
      return address instanceof Inet6Address && (b[0] & 0xFE) == 0xFC;
    }

    private static boolean isMappedOrCompatibleV4(byte[] b) {
      for (int i = 0; i < 10; i++) {
        if (b[i] != 0) {
          return false;
        }
      }
      boolean mapped = (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
      boolean compatible = b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0);
      return mapped || compatible;
    }
  }
}
