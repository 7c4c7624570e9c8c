package dev.ingest.control.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTokenTest {
  @TempDir Path home;

  @Test
  void staysTheSameAcrossStartsInAnOwnerOnlyFile() throws Exception {
    String first = SandboxToken.load(home);
    String second = SandboxToken.load(home);

    assertThat(first).matches("sbx_[0-9a-f]{32}").isEqualTo(second);
    Path file = home.resolve("sandbox-token");
    assertThat(Files.readString(file)).isEqualTo(first + "\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void aDamagedFileIsReplacedAndDeletingItRotates() throws Exception {
    Files.writeString(home.resolve("sandbox-token"), "not a token\n");
    String replaced = SandboxToken.load(home);
    assertThat(replaced).matches("sbx_[0-9a-f]{32}");

    Files.delete(home.resolve("sandbox-token"));
    assertThat(SandboxToken.load(home)).isNotEqualTo(replaced).matches("sbx_[0-9a-f]{32}");
  }
}
