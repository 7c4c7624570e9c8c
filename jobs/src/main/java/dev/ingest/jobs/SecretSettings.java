package dev.ingest.jobs;

import dev.ingest.sources.secret.SecretStoreProvider;
import dev.ingest.sources.secret.config.SecretStores;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Which secret store this installation uses: the {@code secrets:} section of {@code $INGEST_HOME/config.yaml},
 * overridden key by key by environment variables {@code INGEST_SECRETS_<KEY>} ({@code INGEST_SECRETS_TYPE},
 * {@code INGEST_SECRETS_REGION}, {@code INGEST_SECRETS_ENDPOINT}, {@code INGEST_SECRETS_PREFIX},
 * {@code INGEST_SECRETS_FILE}, {@code INGEST_SECRETS_KEY_FILE}). Without either, the encrypted local store in the
 * home. See {@link SecretStores} for the keys; docs/secrets.md for the whole picture.
 */
public final class SecretSettings {
  static final String ENV_PREFIX = "INGEST_SECRETS_";
  private static final String[] KEYS = {"type", "file", "key_file", "region", "endpoint", "prefix"};

  private SecretSettings() {}

  /** The provider for {@code home} with this process's environment. */
  public static SecretStoreProvider provider(IngestHome home) {
    return provider(home, System.getenv());
  }

  /** The provider for {@code home} with the given environment; bad settings fail naming the key and the file. */
  public static SecretStoreProvider provider(IngestHome home, Map<String, String> env) {
    Map<String, String> settings = fromFile(home.configFile());
    for (String key : KEYS) {
      String value = env.get(ENV_PREFIX + key.toUpperCase(Locale.ROOT));
      if (value != null && !value.isBlank()) {
        settings.put(key, value);
      }
    }
    try {
      return SecretStores.provider(settings, home.secretsFile(), home.secretsKeyFile());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(home.configFile() + " or " + ENV_PREFIX + "*: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> fromFile(Path file) {
    return HomeConfig.section(file, "secrets");
  }
}
