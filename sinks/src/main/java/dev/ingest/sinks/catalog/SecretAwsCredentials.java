package dev.ingest.sinks.catalog;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * AWS credentials for the clients Iceberg's AWS module builds (Glue), from a secret: Iceberg instantiates it through
 * {@code client.credentials-provider} and passes the {@code client.credentials-provider.*} properties, which
 * {@link Catalogs} fills from the named secret only when the catalog is opened ({@link SecretResolvingCatalogLoader}).
 */
public final class SecretAwsCredentials implements AwsCredentialsProvider {
  /** Property (after Iceberg strips the {@code client.credentials-provider.} prefix) holding the access key id. */
  static final String ACCESS_KEY_ID = "access-key-id";
  static final String SECRET_ACCESS_KEY = "secret-access-key";
  static final String SESSION_TOKEN = "session-token";

  private final AwsCredentialsProvider keys;

  private SecretAwsCredentials(AwsCredentialsProvider keys) {
    this.keys = keys;
  }

  /** Called by Iceberg's {@code AwsClientProperties} with the provider's properties. */
  public static SecretAwsCredentials create(Map<String, String> properties) {
    String accessKey = properties.get(ACCESS_KEY_ID);
    String secretKey = properties.get(SECRET_ACCESS_KEY);
    if (accessKey == null || secretKey == null) {
      throw new IllegalArgumentException("the credentials secret needs access_key_id and secret_access_key");
    }
    String token = properties.get(SESSION_TOKEN);
    return new SecretAwsCredentials(StaticCredentialsProvider.create(token == null
        ? AwsBasicCredentials.create(accessKey, secretKey)
        : AwsSessionCredentials.create(accessKey, secretKey, token)));
  }

  @Override
  public AwsCredentials resolveCredentials() {
    return keys.resolveCredentials();
  }

  @Override
  public String toString() {
    return "SecretAwsCredentials[redacted]";
  }
}
