package dev.ingest.sources.secret.aws;

import dev.ingest.sources.secret.SecretStoreProvider;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Opens an {@link AwsSecretsManagerStore}: region, optional endpoint override (VPC endpoints, LocalStack, tests) and
 * the secret-id prefix. It travels in the job graph, so it holds no credential: the AWS SDK's default chain
 * finds them where the job runs (IAM roles for service accounts on EKS, instance profiles, environment).
 */
public final class AwsSecretsManagerStoreProvider implements SecretStoreProvider {
  private static final long serialVersionUID = 1L;
  /** The default secret-id prefix. */
  public static final String DEFAULT_PREFIX = "ingest/";

  private final String region;
  private final String endpoint;
  private final String prefix;
  private transient volatile AwsSecretsManagerStore store;

  /**
   * @param region an AWS region id such as {@code eu-west-1}
   * @param endpoint an endpoint URL overriding the region's, or null
   * @param prefix prepended to every secret name, or null for {@value #DEFAULT_PREFIX}
   */
  public AwsSecretsManagerStoreProvider(String region, String endpoint, String prefix) {
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("secrets.region: required for the aws secret store (e.g. eu-west-1)");
    }
    this.region = region;
    this.endpoint = endpoint == null || endpoint.isBlank() ? null : checkEndpoint(endpoint);
    this.prefix = prefix == null ? DEFAULT_PREFIX : prefix;
  }

  private static String checkEndpoint(String endpoint) {
    URI uri;
    try {
      uri = URI.create(endpoint);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secrets.endpoint: not a URL: " + endpoint);
    }
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("secrets.endpoint: expected an http(s) URL with a host, got " + endpoint);
    }
    return endpoint;
  }

  public String region() {
    return region;
  }

  public Optional<String> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  public String prefix() {
    return prefix;
  }

  /**
   * The store; the first call builds its client, later calls on this provider instance share it (an SDK client is
   * thread-safe and meant to be reused; it lives as long as the task that deserialized this provider).
   */
  @Override
  public AwsSecretsManagerStore open() {
    AwsSecretsManagerStore current = store;
    if (current == null) {
      synchronized (this) {
        if (store == null) {
          store = new AwsSecretsManagerStore(client(), prefix);
        }
        current = store;
      }
    }
    return current;
  }

  private SecretsManagerClient client() {
    SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
        .region(Region.of(region))
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .httpClientBuilder(UrlConnectionHttpClient.builder());
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AwsSecretsManagerStoreProvider p && p.region.equals(region)
        && Objects.equals(p.endpoint, endpoint) && p.prefix.equals(prefix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(region, endpoint, prefix);
  }

  @Override
  public String toString() {
    return "AwsSecretsManagerStoreProvider{region=" + region + (endpoint == null ? "" : ", endpoint=" + endpoint)
        + ", prefix=" + prefix + "}";
  }
}
