package dev.ingest.sources.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileSecretStoreTest {
  private static final String VALUE = "tok_CANARY_5d1e0c";

  @TempDir Path dir;

  private LocalFileSecretStore store() {
    return new LocalFileSecretStore(dir.resolve("secrets.enc"), dir.resolve("keys/secrets.key"));
  }

  @Test
  void writesReadsReplacesAndDeletes() throws IOException {
    LocalFileSecretStore store = store();
    assertThat(store.read("asana")).isEmpty();
    store.write("asana", Map.of("token", VALUE));
    store.write("hubspot", Map.of("client_id", "id", "client_secret", "s"));
    assertThat(store().read("asana")).contains(Map.of("token", VALUE));
    store.write("asana", Map.of("token", "rotated"));
    assertThat(store().read("asana")).contains(Map.of("token", "rotated"));
    assertThat(store.names()).containsExactly("asana", "hubspot");
    assertThat(store.delete("asana")).isTrue();
    assertThat(store.delete("asana")).isFalse();
    assertThat(store().read("asana")).isEmpty();
    assertThat(store().read("hubspot")).contains(Map.of("client_id", "id", "client_secret", "s"));
  }

  @Test
  void encryptsWithAKeyKeptApartAndOwnerOnlyModes() throws IOException {
    store().write("asana", Map.of("token", VALUE));
    Path data = dir.resolve("secrets.enc");
    Path key = dir.resolve("keys/secrets.key");
    assertThat(Files.readAllBytes(data)).startsWith("INGS".getBytes(StandardCharsets.US_ASCII));
    assertThat(new String(Files.readAllBytes(data), StandardCharsets.ISO_8859_1)).doesNotContain(VALUE, "asana");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent()))).isEqualTo("rwx------");
    assertThat(Files.readString(key).strip()).hasSize(44); // base64 of 32 bytes
  }

  @Test
  void drawsAFreshNonceOnEveryWrite() throws IOException {
    Path data = dir.resolve("secrets.enc");
    store().write("asana", Map.of("token", VALUE));
    byte[] first = Files.readAllBytes(data);
    store().write("asana", Map.of("token", VALUE));
    byte[] second = Files.readAllBytes(data);
    assertThat(second).hasSameSizeAs(first).isNotEqualTo(first);
    assertThat(java.util.Arrays.copyOfRange(second, 5, 17)).isNotEqualTo(java.util.Arrays.copyOfRange(first, 5, 17));
  }

  @Test
  void wrongKeyFailsNamingTheSecretNeverTheValue() throws IOException {
    store().write("asana", Map.of("token", VALUE));
    Files.writeString(dir.resolve("other.key"), java.util.Base64.getEncoder().encodeToString(new byte[32]));
    Files.setPosixFilePermissions(dir.resolve("other.key"), PosixFilePermissions.fromString("rw-------"));
    LocalFileSecretStore wrong = new LocalFileSecretStore(dir.resolve("secrets.enc"), dir.resolve("other.key"));
    assertThatThrownBy(() -> wrong.read("asana"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("secret 'asana'")
        .hasMessageContaining("wrong key")
        .hasMessageNotContaining(VALUE);
    assertThatThrownBy(() -> wrong.write("asana", Map.of("token", "x"))).hasMessageContaining("wrong key");
  }

  @Test
  void modifiedOrTruncatedFileFails() throws IOException {
    store().write("asana", Map.of("token", VALUE));
    Path data = dir.resolve("secrets.enc");
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length - 3] ^= 1;
    Files.write(data, bytes);
    assertThatThrownBy(() -> store().read("asana")).hasMessageContaining("secret 'asana'")
        .hasMessageContaining("the file was modified");
    Files.write(data, java.util.Arrays.copyOf(bytes, 10));
    assertThatThrownBy(() -> store().read("asana")).hasMessageContaining("truncated");
  }

  @Test
  void missingKeyFailsAndIsNotReplacedByANewOne() throws IOException {
    store().write("asana", Map.of("token", VALUE));
    Files.delete(dir.resolve("keys/secrets.key"));
    assertThatThrownBy(() -> store().read("asana"))
        .hasMessageContaining("secret 'asana'").hasMessageContaining("key file").hasMessageContaining("is missing");
    assertThatThrownBy(() -> store().write("other", Map.of("token", "x"))).hasMessageContaining("is missing");
    assertThat(dir.resolve("keys/secrets.key")).doesNotExist();
  }

  @Test
  void refusesFilesOtherUsersCanRead() throws IOException {
    store().write("asana", Map.of("token", VALUE));
    Files.setPosixFilePermissions(dir.resolve("keys/secrets.key"), PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> store().read("asana")).hasMessageContaining("chmod 600");
  }

  @Test
  void movesALegacyPlaintextStoreIntoTheEncryptedFile() throws IOException {
    Path legacy = dir.resolve(LocalFileSecretStore.LEGACY_FILE);
    Files.writeString(legacy, "{\"old\": {\"token\": \"" + VALUE + "\"}}");
    Files.setPosixFilePermissions(legacy, PosixFilePermissions.fromString("rw-------"));
    assertThat(store().read("old")).contains(Map.of("token", VALUE));
    store().write("new", Map.of("token", "n"));
    assertThat(legacy).doesNotExist();
    assertThat(store().names()).containsExactly("new", "old");
    assertThat(store().read("old")).contains(Map.of("token", VALUE));
  }

  @Test
  void concurrentWritersLoseNoUpdate() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String name = "s" + i;
        writes.add(pool.submit(() -> {
          store().write(name, Map.of("token", name));
          return null;
        }));
      }
      for (Future<?> write : writes) {
        write.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store().names()).hasSize(40);
    assertThat(store().read("s17")).contains(Map.of("token", "s17"));
  }

  @Test
  void rejectsBadNamesAndNullValues() {
    assertThatThrownBy(() -> store().write("has space", Map.of("token", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret name must match");
    java.util.HashMap<String, String> fields = new java.util.HashMap<>();
    fields.put("token", null);
    assertThatThrownBy(() -> store().write("ok", fields)).hasMessageContaining("value of field 'token' of secret 'ok'");
    assertThatThrownBy(() -> new LocalFileSecretStore(dir.resolve("a"), dir.resolve("a")))
        .hasMessageContaining("must not be the secret store file");
  }
}
