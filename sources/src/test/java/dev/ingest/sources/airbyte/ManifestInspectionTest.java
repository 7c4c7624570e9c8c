package dev.ingest.sources.airbyte;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.testkit.AirbyteCorpus;
import org.junit.jupiter.api.Test;

/** The inspect listing names every stream, runnable or not and why, and the config form. */
class ManifestInspectionTest {

  @Test
  void listsEveryStreamWithWhyItCannotRun() throws Exception {
    ManifestConnector mailgun = AirbyteManifests.load(AirbyteCorpus.manifest("source-mailgun.yaml"),
        new NoInterpolation());

    assertThat(ManifestInspection.lines(mailgun)).containsExactly(
        "manifest mailgun: 1 of 2 streams can run",
        "  domains  runnable  (primary key id)",
        "  logs     not runnable: streams[1].incremental_sync: incremental sync with DatetimeBasedCursor is not "
            + "supported yet",
        "config: start_date, domain_region",
        "secret (credentials.secret): private_key");
  }
}
