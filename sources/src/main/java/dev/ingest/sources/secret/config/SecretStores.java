package dev.ingest.sources.secret.config;

import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import dev.ingest.sources.secret.SecretStoreProvider;
import dev.ingest.sources.secret.aws.AwsSecretsManagerStoreProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses the secret store from settings (the {@code secrets:} section of the Ingest home's {@code config.yaml},
 * or {@code INGEST_SECRETS_*} environment variables):
 *
 * <pre>
 * secrets:
 *   type: local            # default: encrypted file store
 *   file: /path/secrets.enc        # default $INGEST_HOME/secrets.enc
 *   key_file: /path/secrets.key    # default $INGEST_HOME/keys/secrets.key
 *
 * secrets:
 *   type: aws              # AWS Secrets Manager
 *   region: eu-west-1
 *   endpoint: https://…    # optional override
 *   prefix: ingest/        # optional secret-id prefix
 * </pre>
 */
public final class SecretStores {
  public static final String LOCAL = "local";
  public static final String AWS = "aws";
  private static final Map<String, Set<String>> KEYS = Map.of(
      LOCAL, Set.of("type", "file", "key_file"),
      AWS, Set.of("type", "region", "endpoint", "prefix"));

  private SecretStores() {}

  /**
   * The provider the settings select; the local store defaults to {@code defaultFile} and {@code defaultKeyFile}.
   * Unknown types or keys fail naming {@code secrets.<key>}.
   */
  public static SecretStoreProvider provider(Map<String, String> settings, Path defaultFile, Path defaultKeyFile) {
    String type = settings.getOrDefault("type", LOCAL);
    Set<String> allowed = KEYS.get(type);
    if (allowed == null) {
      throw new IllegalArgumentException("secrets.type: unknown secret store '" + type + "' (expected one of "
          + new TreeSet<>(KEYS.keySet()) + ")");
    }
    for (String key : new TreeSet<>(settings.keySet())) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException("secrets." + key + ": not a setting of the " + type
            + " secret store (expected one of " + new TreeSet<>(allowed) + ")");
      }
    }
    if (AWS.equals(type)) {
      return new AwsSecretsManagerStoreProvider(settings.get("region"), settings.get("endpoint"),
          settings.get("prefix"));
    }
    return new LocalFileSecretStoreProvider(settings.getOrDefault("file", defaultFile.toString()),
        settings.getOrDefault("key_file", defaultKeyFile.toString()));
  }
}
