package dev.ingest.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.secret.SecretStoreProvider;
import dev.ingest.sources.secret.SecretStores;
import dev.ingest.sources.spec.SafeYaml;
import dev.ingest.sources.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
    Map<String, String> settings = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return settings;
    }
    JsonNode root;
    try {
      root = SafeYaml.parse(file.toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (SpecException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    JsonNode secrets = root == null ? null : root.get("secrets");
    if (secrets == null || secrets.isNull()) {
      return settings;
    }
    if (!secrets.isObject()) {
      throw new IllegalArgumentException(file + ": secrets: expected a mapping of settings");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = secrets.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getValue().isValueNode() || field.getValue().isNull()) {
        throw new IllegalArgumentException(file + ": secrets." + field.getKey() + ": expected a text value");
      }
      settings.put(field.getKey(), field.getValue().asText());
    }
    return settings;
  }
}
