package dev.ingest.sources.airbyte;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.spec.SpecException;
import dev.ingest.testkit.AirbyteCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests offered by name from operator folders: both layouts, collisions, refusals naming the setting. */
class ManifestDirectoryTest {
  @TempDir Path dir;

  /** A folder as an operator would fill it: a manifest file, Airbyte's folder layout, and YAML that is not one. */
  private Path folder() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("manifests"));
    Files.copy(AirbyteCorpus.manifest("source-todoist.yaml"), folder.resolve("source-todoist.yaml"));
    Files.copy(AirbyteCorpus.manifest("source-workable.yaml"),
        Files.createDirectories(folder.resolve("source-workable")).resolve("manifest.yaml"));
    Files.writeString(folder.resolve("notes.yaml"), "type: SomethingElse\n");
    Files.writeString(folder.resolve("README.md"), "# manifests\n");
    Files.createDirectories(folder.resolve("empty-folder"));
    return folder;
  }

  @Test
  void offersEachManifestByItsConnectorNameInBothLayouts() throws Exception {
    Path folder = folder();
    ManifestDirectory found = ManifestDirectory.scan(List.of(folder), "airbyte.manifest_dirs", Set.of("github"));

    assertThat(found.names()).containsExactly("todoist", "workable");
    assertThat(found.find("todoist")).contains(folder.resolve("source-todoist.yaml"));
    assertThat(found.find("workable")).contains(folder.resolve("source-workable").resolve("manifest.yaml"));
    assertThat(found.find("notes")).isEmpty();
    ManifestConnector todoist = found.load("todoist", AirbyteManifests.standardInterpolation());
    assertThat(todoist.name()).isEqualTo("todoist");
    assertThat(todoist.streams()).extracting(StreamEntry::name).containsExactly("tasks", "projects");
  }

  @Test
  void aBuiltInNameIsKeptAndTheManifestIsOfferedWithAPrefix() throws Exception {
    ManifestDirectory found = ManifestDirectory.scan(List.of(folder()), "airbyte.manifest_dirs",
        Set.of("todoist"));

    assertThat(found.names()).containsExactly("airbyte_todoist", "workable");
    assertThat(found.load("airbyte_todoist", AirbyteManifests.standardInterpolation()).name())
        .isEqualTo("airbyte_todoist");
  }

  @Test
  void twoManifestsWithOneNameAndAMissingFolderAreRefusedNamingTheSetting() throws Exception {
    Path folder = folder();
    Path other = Files.createDirectories(dir.resolve("more"));
    Files.copy(AirbyteCorpus.manifest("source-todoist.yaml"), other.resolve("source-todoist.yml"));

    assertThatThrownBy(() -> ManifestDirectory.scan(List.of(folder, other, dir.resolve("absent")),
        "airbyte.manifest_dirs", Set.of()))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("airbyte.manifest_dirs[1]: two manifests are named 'todoist': "
            + folder.resolve("source-todoist.yaml") + " and " + other.resolve("source-todoist.yml"))
        .hasMessageContaining("airbyte.manifest_dirs[2]: not a folder: " + dir.resolve("absent"));
  }

  @Test
  void theCachedScanSeesAManifestAddedToTheFolder() throws Exception {
    Path folder = folder();
    ManifestDirectory first = ManifestDirectory.scanCached(List.of(folder), "airbyte.manifest_dirs", Set.of());
    assertThat(ManifestDirectory.scanCached(List.of(folder), "airbyte.manifest_dirs", Set.of())).isSameAs(first);

    Files.copy(AirbyteCorpus.manifest("source-configcat.yaml"), folder.resolve("source-configcat.yaml"));
    Files.setLastModifiedTime(folder, java.nio.file.attribute.FileTime.fromMillis(
        Files.getLastModifiedTime(folder).toMillis() + 2_000)); // coarse file-system clocks
    assertThat(ManifestDirectory.scanCached(List.of(folder), "airbyte.manifest_dirs", Set.of()).names())
        .containsExactly("configcat", "todoist", "workable");
    assertThat(ManifestDirectory.scanCached(List.of(), "airbyte.manifest_dirs", Set.of()))
        .isSameAs(ManifestDirectory.EMPTY);
  }
}
