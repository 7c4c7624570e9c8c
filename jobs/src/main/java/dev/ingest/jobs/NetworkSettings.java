package dev.ingest.jobs;

import dev.ingest.sources.net.AddressPolicy;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which hosts connectors may call on this installation ({@link AddressPolicy}): public addresses only, unless the
 * operator allows more in the {@code network:} section of {@code $INGEST_HOME/config.yaml}
 *
 * <pre>
 * network:
 *   allow_private_networks: false      # true: loopback, link-local, metadata and private ranges too
 *   allowed_hosts: [10.0.4.12, "sandbox.internal:8089"]   # host (any port) or host:port
 * </pre>
 *
 * or with {@code INGEST_ALLOW_PRIVATE_NETWORKS=true} and {@code INGEST_ALLOWED_HOSTS=host,host:port}, which add
 * to the file's settings. See docs/reliability.md (server-side request forgery).
 */
public final class NetworkSettings {
  public static final String ENV_ALLOW_PRIVATE = "INGEST_ALLOW_PRIVATE_NETWORKS";
  public static final String ENV_ALLOWED_HOSTS = "INGEST_ALLOWED_HOSTS";
  private static final String SECTION = "network";
  /** host:port of servers this JVM started itself (the embedded sandbox): allowed in this process only. */
  private static final Set<String> EMBEDDED = ConcurrentHashMap.newKeySet();

  private NetworkSettings() {}

  /**
   * Allows {@code hostPort} for the rest of this process: only for a server the process started itself, such as
   * the sandbox API `./ingest up` serves, which issue-8's rule allows explicitly. Never persisted, never global
   * to the installation.
   */
  public static void allowEmbeddedServer(String hostPort) {
    EMBEDDED.add(hostPort);
  }

  /** The policy for {@code home} with this process's environment. */
  public static AddressPolicy policy(IngestHome home) {
    return policy(home, System.getenv());
  }

  /** The policy for {@code home} with the given environment; bad settings fail naming the key and the file. */
  public static AddressPolicy policy(IngestHome home, Map<String, String> env) {
    Map<String, String> settings = HomeConfig.section(home.configFile(), SECTION);
    for (String key : settings.keySet()) {
      if (!key.equals("allow_private_networks") && !key.equals("allowed_hosts")) {
        throw new IllegalArgumentException(home.configFile() + ": " + SECTION + "." + key
            + ": unknown setting (expected allow_private_networks, allowed_hosts)");
      }
    }
    boolean allowPrivate = bool(home.configFile() + ": " + SECTION + ".allow_private_networks",
        settings.get("allow_private_networks")) || bool(ENV_ALLOW_PRIVATE, env.get(ENV_ALLOW_PRIVATE));
    AddressPolicy policy = AddressPolicy.strict().allowingPrivateNetworks(allowPrivate);
    for (String embedded : EMBEDDED) {
      policy = policy.allowingHost(embedded);
    }
    for (String list : new String[] {settings.get("allowed_hosts"), env.get(ENV_ALLOWED_HOSTS)}) {
      if (list != null) {
        for (String host : Arrays.stream(list.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList()) {
          policy = policy.allowingHost(host);
        }
      }
    }
    return policy;
  }

  private static boolean bool(String where, String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException(where + ": expected true or false, got '" + value + "'");
    };
  }
}
