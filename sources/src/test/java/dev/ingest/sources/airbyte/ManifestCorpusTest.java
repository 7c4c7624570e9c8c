package dev.ingest.sources.airbyte;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.spec.SpecException;
import dev.ingest.testkit.AirbyteCorpus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every manifest of the corpus loads (references, parameters, refusals) with each stream runnable or refused with
 * its component path; the NEGATIVE manifest is refused naming the Python component.
 */
class ManifestCorpusTest {

  private static ManifestConnector load(String file) throws SpecException {
    return AirbyteManifests.load(AirbyteCorpus.manifest(file), new NoInterpolation());
  }

  @Test
  void everyPositiveManifestLoadsAndEveryStreamIsRunnableOrSaysWhy() throws Exception {
    Map<String, Integer> streams = new LinkedHashMap<>();
    for (Path file : AirbyteCorpus.manifests()) {
      if (file.getFileName().toString().startsWith("NEGATIVE-")) {
        continue;
      }
      ManifestConnector connector = AirbyteManifests.load(file, new NoInterpolation());
      assertThat(connector.streams()).as(file.toString()).isNotEmpty();
      for (StreamEntry stream : connector.streams()) {
        assertThat(stream.runnable() || stream.problem().startsWith(stream.path() + "."))
            .as("%s %s: %s", file, stream.name(), stream.problem()).isTrue();
      }
      streams.put(connector.name(), connector.streams().size());
      ManifestInspection.lines(connector).forEach(System.out::println);
    }
    assertThat(streams).containsEntry("todoist", 2).containsEntry("workable", 4).containsEntry("emailoctopus", 2)
        .containsEntry("configcat", 5).containsEntry("pagerduty", 6).hasSize(10);
  }

  @Test
  void theNegativeManifestIsRefusedNamingTheComponentPath() {
    assertThatThrownBy(() -> load("NEGATIVE-source-the-guardian-api.yaml"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("streams[0].retriever.paginator.pagination_strategy: CustomPaginationStrategy needs "
            + "Python code");
  }

  @Test
  void theSimpleManifestsRunEveryStream() throws Exception {
    for (String file : List.of("source-todoist.yaml", "source-workable.yaml", "source-emailoctopus.yaml",
        "source-configcat.yaml", "source-pagerduty.yaml", "source-mailgun.yaml", "source-delighted.yaml",
        "source-auth0.yaml", "source-lever-hiring.yaml", "source-calendly.yaml")) {
      assertThat(load(file).streams()).as(file).allMatch(StreamEntry::runnable);
    }
  }

  @Test
  void referencesAreMergedWithSiblingsAndTypesInferred() throws Exception {
    ManifestConnector configcat = load("source-configcat.yaml");
    StreamEntry members = configcat.stream("organization_members").orElseThrow();
    var requester = members.component().child("retriever").child("requester");
    assertThat(requester.text("url_base", null)).isEqualTo("https://api.configcat.com/v1");
    assertThat(requester.text("path", null)).isEqualTo("/organizations/{{ stream_slice.organizationId }}/members");
    assertThat(requester.child("authenticator").type()).isEqualTo("BasicHttpAuthenticator");
    assertThat(members.component().child("retriever").child("partition_router")
        .element("parent_stream_configs", 0).child("stream").text("name", null)).isEqualTo("organizations");
    assertThat(members.primaryKey()).containsExactly("userId");
  }

  @Test
  void streamsWithUnsupportedComponentsNameThePath(@TempDir Path dir) throws Exception {
    ManifestConnector calendly = AirbyteManifests.load(AirbyteCorpus.calendlyWithNestedDependency(dir), new NoInterpolation());
    // scheduled_events may depend on api_user (which has no cursor); event_invitees would depend on that dependency
    assertThat(calendly.streams()).filteredOn(s -> !s.runnable()).singleElement().satisfies(s -> assertThat(
        s.problem()).isEqualTo("streams[5].retriever.partition_router.parent_stream_configs[0]."
            + "incremental_dependency: not supported on a parent stream that itself sets incremental_dependency on "
            + "its own parent"));
  }
}
