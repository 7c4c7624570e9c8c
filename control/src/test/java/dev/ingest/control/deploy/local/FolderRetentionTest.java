package dev.ingest.control.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Savepoints and job checkpoint folders: the newest few and those in use stay, the rest are deleted. */
class FolderRetentionTest {
  @TempDir Path dir;

  @Test
  void keepsTheNewestAndThoseInUseAndDeletesTheRest() throws Exception {
    for (int i = 1; i <= 6; i++) {
      Path entry = Files.createDirectories(dir.resolve("job" + i).resolve("chk-" + i));
      Files.writeString(entry.resolve("_metadata"), "m");
      Files.setLastModifiedTime(dir.resolve("job" + i), FileTime.fromMillis(1_000_000L * i));
    }

    assertThat(FolderRetention.keepNewest(dir, 3, Set.of("job1"))).hasSize(2);

    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("job1", "job4", "job5", "job6");
    }
  }

  @Test
  void findsTheEntryAStartingPointLiesIn() {
    assertThat(FolderRetention.entryOf(dir, dir.resolve("job7/chk-3").toUri().toString())).isEqualTo("job7");
    assertThat(FolderRetention.entryOf(dir, "/elsewhere/savepoint-1")).isEmpty();
    assertThat(FolderRetention.entryOf(dir, null)).isEmpty();
    assertThat(FolderRetention.keepNewest(dir.resolve("absent"), 3, Set.of())).isEmpty();
  }
}
