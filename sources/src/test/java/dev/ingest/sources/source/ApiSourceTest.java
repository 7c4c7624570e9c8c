package dev.ingest.sources.source;

import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import dev.ingest.sources.source.request.RunRequestSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.runtime.ConnectorPageFetcherFactory;
import dev.ingest.sources.source.event.ApiEvent;
import dev.ingest.sources.source.event.EndpointRun;
import dev.ingest.sources.spec.ConnectorLoader;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.testing.ScriptedPageFetcherFactory;
import java.time.Duration;
import java.time.ZoneId;
import dev.ingest.sources.incremental.IncrementalStart;
import dev.ingest.sources.source.enumerator.ApiEnumState;
import dev.ingest.sources.source.split.ApiSplit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiSourceTest {
  private final ScriptedPageFetcherFactory api = ScriptedPageFetcherFactory.create();

  @AfterEach
  void tearDown() {
    api.discard();
  }

  private ApiSourceBuilder valid() {
    return ApiSource.builder().pipeline("asana-prod").endpoints(List.of("tasks", "users")).fetchers(api);
  }

  @Test
  void producesApiEventAsAPojoTypeNeverKryo() throws Exception {
    TypeInformation<ApiEvent> type = valid().bounded().build().getProducedType();

    assertThat(type).isInstanceOf(PojoTypeInfo.class);
    assertThat(((PojoTypeInfo<ApiEvent>) type).getTypeAt("run")).isInstanceOf(PojoTypeInfo.class);
    SerializerConfigImpl noGenerics = new SerializerConfigImpl();
    noGenerics.setGenericTypes(false);
    TypeSerializer<ApiEvent> serializer = type.createSerializer(noGenerics);
    assertThat(serializer).isInstanceOf(PojoSerializer.class);

    EndpointRun run = new EndpointRun();
    run.runId = "r";
    run.endpoint = "tasks";
    run.status = EndpointRun.FAILED;
    run.errorClass = "AUTH_FAILED";
    run.rows = 3;
    DataOutputSerializer out = new DataOutputSerializer(128);
    serializer.serialize(ApiEvent.endpointRun(run), out);
    ApiEvent copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(copy.run).usingRecursiveComparison().isEqualTo(run);
  }

  @Test
  void aFreshJobStartsFromTheStartCursorsButARestoredOneFromItsState() throws Exception {
    ApiSource source = valid().bounded().startCursors(Map.of("tasks", "2026-11-20T00:00:00Z")).build();

    try (MockSplitEnumeratorContext<ApiSplit> context = new MockSplitEnumeratorContext<>(1)) {
      context.registerReader(new ReaderInfo(0, "host"));
      var fresh = source.createEnumerator(context);
      fresh.start();
      fresh.handleSplitRequest(0, "host");
      fresh.handleSplitRequest(0, "host");
      assertThat(context.getSplitsAssignmentSequence()).flatMap(a -> a.assignment().get(0))
          .extracting(s -> s.endpoint() + "=" + s.vars().get(IncrementalStart.CURSOR))
          .containsExactly("tasks=2026-11-20T00:00:00Z", "users=null");
    }
    ApiEnumState checkpointed = new ApiEnumState(1, Optional.empty(), List.of(), Optional.empty(), Set.of(),
        Map.of("tasks", "2026-11-23T00:00:00Z"));
    try (MockSplitEnumeratorContext<ApiSplit> context = new MockSplitEnumeratorContext<>(1)) {
      context.registerReader(new ReaderInfo(0, "host"));
      var restored = source.restoreEnumerator(context, checkpointed);
      restored.start();
      restored.handleSplitRequest(0, "host");
      assertThat(context.getSplitsAssignmentSequence().get(0).assignment().get(0).get(0).vars())
          .containsEntry(IncrementalStart.CURSOR, "2026-11-23T00:00:00Z");
    }
    assertThatThrownBy(() -> valid().bounded().startCursors(Map.of("nope", "1")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startCursors: 'nope'");
  }

  @Test
  void boundedOrScheduledSetsBoundedness() {
    assertThat(valid().bounded().build().getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    assertThat(valid().schedule("*/15 * * * *").build().getBoundedness())
        .isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    assertThat(valid().schedule("0 9 * * 1", ZoneId.of("Europe/Berlin")).build().settings().schedule())
        .hasValueSatisfying(s -> assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Berlin")));
  }

  @Test
  void survivesJavaSerializationAsItTravelsInTheJobGraph() throws Exception {
    ApiSource source = valid().schedule("*/3 * * * * *").tickInterval(Duration.ofMillis(200)).build();

    ApiSource copy = InstantiationUtil.clone(source);

    assertThat(copy.settings()).isEqualTo(source.settings());
    assertThat(copy.settings().tickInterval()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void rejectsInvalidSettingsNamingThem() {
    assertThatThrownBy(() -> valid().pipeline(" ").bounded().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("pipeline: required");
    assertThatThrownBy(() -> valid().endpoints(List.of()).bounded().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("endpoints: at least one endpoint is required");
    assertThatThrownBy(() -> valid().endpoints(List.of("tasks", "tasks")).bounded().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("endpoints: 'tasks' is listed twice");
    assertThatThrownBy(() -> valid().fetchers(null).bounded().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("fetchers: a PageFetcherFactory is required");
    assertThatThrownBy(() -> valid().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("schedule: call schedule(cron) for a scheduled source or bounded() for one run");
    assertThatThrownBy(() -> valid().bounded().schedule("* * * * *").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("schedule: call either schedule(cron) or bounded(), not both");
    assertThatThrownBy(() -> valid().schedule("every day").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid cron expression 'every day'");
    assertThatThrownBy(() -> valid().bounded().tickInterval(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("tickInterval: must be positive, got PT0S");
  }

  @Test
  void aFannedOutEndpointWalksItsParentUnderTheParentsMaxPages() throws Exception {
    ConnectorSpec connector = ConnectorLoader.parse("""
        name: nested
        base_url: http://api.test
        endpoints:
          workspaces: {path: /workspaces, records: data, paging: {type: page_number, page_param: page, max_pages: 7}}
          projects: {path: "/w/{{ parent.id }}/projects", records: data, parent: workspaces}
          tasks: {path: "/p/{{ parent.id }}/tasks", records: data, parent: projects}
        """, "test");
    ApiSource source = ApiSource.builder().pipeline("nested").endpoints(List.of("workspaces", "projects", "tasks"))
        .fetchers(new ConnectorPageFetcherFactory(connector, Map.of(), null, null)).bounded().build();

    assertThat(source.settings().fannedOut()).containsExactlyInAnyOrder("projects", "tasks");
    assertThat(source.settings().parentPageLimits()).as("projects (one page each) is walked once per workspace: "
        + "no one cap for tasks").containsExactly(Map.entry("projects", 7));
  }

  @Test
  void runRequestsTravelByTheSecretsNameNeverItsValueAndOnlyOnScheduledSources(@TempDir Path dir) throws Exception {
    LocalFileSecretStoreProvider secrets = new LocalFileSecretStoreProvider(dir.resolve("store").toString());
    String token = "rr_canary_token_5e1d0c9a";
    secrets.open().write(RunRequestSettings.tokenSecretFor("asana-prod"), Map.of("token", token));
    RunRequestSettings requests = RunRequestSettings.of(URI.create("http://127.0.0.1:8420"),
        RunRequestSettings.tokenSecretFor("asana-prod"), secrets);

    ApiSource source = valid().schedule("*/15 * * * *").runRequests(requests).build();

    assertThat(source.runRequests()).contains(requests);
    byte[] shipped = InstantiationUtil.serializeObject(source);
    assertThat(new String(shipped, StandardCharsets.ISO_8859_1)).doesNotContain(token)
        .contains("ingest.run-requests.asana-prod");
    ApiSource copy = InstantiationUtil.deserializeObject(shipped, getClass().getClassLoader());
    assertThat(copy.runRequests()).contains(requests);
    assertThatThrownBy(() -> valid().bounded().runRequests(requests).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("runRequests: only a scheduled source takes run requests (a bounded one runs once)");
  }
}
