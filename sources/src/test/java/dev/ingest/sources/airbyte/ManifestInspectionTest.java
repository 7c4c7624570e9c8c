package dev.ingest.sources.airbyte;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.testkit.AirbyteCorpus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inspect listing names every stream, runnable or not and why, and the config form. */
class ManifestInspectionTest {

  @Test
  void listsEveryStreamOfARunnableManifest() throws Exception {
    ManifestConnector calendly = AirbyteManifests.load(AirbyteCorpus.manifest("source-calendly.yaml"),
        new NoInterpolation());

    assertThat(ManifestInspection.lines(calendly)).containsExactly(
        "manifest calendly: 6 of 6 streams can run",
        "  event_types               runnable  (primary key uri)",
        "  api_user                  runnable  (primary key uri)",
        "  groups                    runnable  (primary key uri)",
        "  organization_memberships  runnable  (primary key uri)",
        "  scheduled_events          runnable  (primary key uri)",
        "  event_invitees            runnable  (primary key uri)",
        "config: start_date",
        "secret (credentials.secret): api_key");
  }

  @Test
  void listsEveryStreamWithWhyItCannotRun(@TempDir Path dir) throws Exception {
    ManifestConnector calendly = AirbyteManifests.load(AirbyteCorpus.calendlyWithNestedDependency(dir),
        new NoInterpolation());

    assertThat(ManifestInspection.lines(calendly)).containsExactly(
        "manifest calendly: 5 of 6 streams can run",
        "  event_types               runnable  (primary key uri)",
        "  api_user                  runnable  (primary key uri)",
        "  groups                    runnable  (primary key uri)",
        "  organization_memberships  runnable  (primary key uri)",
        "  scheduled_events          runnable  (primary key uri)",
        "  event_invitees            not runnable: streams[5].retriever.partition_router.parent_stream_configs[0]"
            + ".incremental_dependency: not supported on a parent stream that itself sets incremental_dependency on "
            + "its own parent",
        "config: start_date",
        "secret (credentials.secret): api_key");
  }
}
