package dev.ingest.sources.airbyte.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sources.records.JsonBodies;
import dev.ingest.sources.records.RecordSelector;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which manifest streams cut their records out of the page bytes, and which keep Airbyte's tree extraction. */
class SplitPlanTest {
  private static Component component(String json) throws Exception {
    return new Component(JsonBodies.mapper().readTree(json), "streams[0]");
  }

  private static Optional<RecordSelector> plan(String extractor, String elsewhere, boolean filtering,
      boolean transforming, boolean incremental) throws Exception {
    Component stream = component("{\"type\":\"DeclarativeStream\",\"retriever\":{\"record_selector\":{\"extractor\":"
        + extractor + "}}" + elsewhere + "}");
    Component ex = stream.child("retriever").child("record_selector").child("extractor");
    return SplitPlan.of(stream, ex, filtering, transforming, incremental);
  }

  @Test
  void aLiteralPathWithNothingReadingTheRecordsIsSplit() throws Exception {
    String data = "{\"type\":\"DpathExtractor\",\"field_path\":[\"data\"]}";
    assertThat(plan(data, "", false, false, false)).get().hasToString("RecordSelector{data}");
    assertThat(plan("{\"type\":\"DpathExtractor\",\"field_path\":[\"a\",\"b_2\"]}", "", false, false, false)).get()
        .hasToString("RecordSelector{a.b_2}");
    assertThat(plan("{\"type\":\"DpathExtractor\",\"field_path\":[]}", "", false, false, false)).get()
        .hasToString("RecordSelector{$}");
    // a template reading the rest of the body is fine: the envelope keeps it
    assertThat(plan(data, ",\"paginator\":{\"cursor_value\":\"{{ response.paging.next }}\","
        + "\"stop_condition\":\"{{ not response['paging']['next'] }}\"}", false, false, false)).isPresent();
    // words that only contain it are not references
    assertThat(plan(data, ",\"x\":{\"type\":\"HttpResponseFilter\",\"n\":\"response_filters\"}", false, false, false))
        .isPresent();
  }

  @Test
  void anythingThatNeedsTheRecordsAsTreesKeepsTheTreePath() throws Exception {
    String data = "{\"type\":\"DpathExtractor\",\"field_path\":[\"data\"]}";
    assertThat(plan(data, "", true, false, false)).as("record filter").isEmpty();
    assertThat(plan(data, "", false, true, false)).as("transformations").isEmpty();
    assertThat(plan(data, "", false, false, true)).as("DatetimeBasedCursor").isEmpty();
    assertThat(plan("{\"type\":\"DpathExtractor\",\"field_path\":[\"*\",\"items\"]}", "", false, false, false))
        .as("wildcard").isEmpty();
    assertThat(plan("{\"type\":\"DpathExtractor\",\"field_path\":[\"{{ parameters.path }}\"]}", "", false, false,
        false)).as("template in the path").isEmpty();
    assertThat(plan("{\"type\":\"DpathExtractor\",\"field_path\":[\"a.b\"]}", "", false, false, false))
        .as("a key the records path would split").isEmpty();
    assertThat(plan(data, ",\"p\":\"{{ response.data | length < 100 }}\"", false, false, false))
        .as("the records through response").isEmpty();
    assertThat(plan(data, ",\"p\":\"{{ response['data'][-1].id }}\"", false, false, false)).isEmpty();
    assertThat(plan(data, ",\"p\":\"{{ 'error' in response }}\"", false, false, false)).as("bare response")
        .isEmpty();
    assertThat(plan("{\"type\":\"DpathExtractor\",\"field_path\":[]}", ",\"p\":\"{{ response.next }}\"", false,
        false, false)).as("the whole body is the records").isEmpty();
    assertThat(SplitPlan.readsRecordsThroughResponse("{{ response.total }}", List.of("data"))).isFalse();
  }
}
