package dev.ingest.sources.secret.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import dev.ingest.sources.secret.SecretStoreProvider;
import dev.ingest.sources.secret.aws.AwsSecretsManagerStoreProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoresTest {
  private static final String VALUE = "tok_CANARY_91ab";

  @TempDir Path dir;

  @Test
  void defaultsToTheEncryptedLocalStoreInTheHome() {
    SecretStoreProvider provider = SecretStores.provider(Map.of(), dir.resolve("secrets.enc"), dir.resolve("k/key"));
    assertThat(provider).isEqualTo(new LocalFileSecretStoreProvider(dir.resolve("secrets.enc").toString(),
        dir.resolve("k/key").toString()));
  }

  @Test
  void selectsAwsWithRegionEndpointAndPrefix() {
    SecretStoreProvider provider = SecretStores.provider(
        Map.of("type", "aws", "region", "eu-west-1", "endpoint", "http://127.0.0.1:4566", "prefix", "p/"),
        dir.resolve("secrets.enc"), dir.resolve("key"));
    assertThat(provider).isEqualTo(new AwsSecretsManagerStoreProvider("eu-west-1", "http://127.0.0.1:4566", "p/"));
  }

  @Test
  void rejectsUnknownTypesKeysAndMissingRegionNamingTheSetting() {
    Path f = dir.resolve("f");
    assertThatThrownBy(() -> SecretStores.provider(Map.of("type", "vault"), f, f))
        .hasMessageContaining("secrets.type").hasMessageContaining("vault");
    assertThatThrownBy(() -> SecretStores.provider(Map.of("type", "aws", "region", "x", "file", "y"), f, f))
        .hasMessageContaining("secrets.file: not a setting of the aws secret store");
    assertThatThrownBy(() -> SecretStores.provider(Map.of("type", "aws"), f, f))
        .hasMessageContaining("secrets.region: required");
    assertThatThrownBy(() -> SecretStores.provider(Map.of("type", "aws", "region", "r", "endpoint", "ftp://x"), f, f))
        .hasMessageContaining("secrets.endpoint");
  }

  @Test
  void providersSerializeWithoutAnySecretValueAndStillOpenTheStore() throws Exception {
    LocalFileSecretStoreProvider local = new LocalFileSecretStoreProvider(dir.resolve("secrets.enc").toString());
    local.open().write("demo", Map.of("token", VALUE));
    byte[] bytes = serialize(local);
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(VALUE);
    SecretStoreProvider copy = deserialize(bytes);
    assertThat(copy.open().read("demo")).contains(Map.of("token", VALUE));

    AwsSecretsManagerStoreProvider aws = new AwsSecretsManagerStoreProvider("us-east-1", null, null);
    assertThat(deserialize(serialize(aws))).isEqualTo(aws);
  }

  private static byte[] serialize(Object o) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
      oos.writeObject(o);
    }
    return out.toByteArray();
  }

  private static SecretStoreProvider deserialize(byte[] bytes) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (SecretStoreProvider) in.readObject();
    }
  }
}
