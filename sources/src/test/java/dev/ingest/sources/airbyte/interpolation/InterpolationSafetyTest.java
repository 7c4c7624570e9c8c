package dev.ingest.sources.airbyte.interpolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What templates cannot do: read {@code stream_state} (refused as Airbyte refuses it), name variables the context
 * lacks, leak config values into error messages, reach Java classes, the engine, files or other templates, change the
 * context, or run without bounds (output size, node budget, macro recursion, template size).
 */
class InterpolationSafetyTest {

  private static final String SECRET = "sekret-value-123";

  private final Interpolator interpolator = new Interpolator(CorpusFixture.CLOCK);
  private final Map<String, Object> config = new LinkedHashMap<>(Map.of("api_key", SECRET, "region", "eu"));
  private final InterpolationContext context = InterpolationContext.builder()
      .config(config)
      .variable("big", bigList())
      .variable("kilobyte", "k".repeat(1_000))
      .build();

  private static List<Object> bigList() {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      items.add(i);
    }
    return items;
  }

  @Test
  void refusesStreamStateAsAirbyteDoes() {
    assertThatThrownBy(() -> interpolator.eval("{{ stream_state['updated_at'] }}", context))
        .isInstanceOf(InterpolationException.class)
        .hasMessage("cannot evaluate '{{ stream_state['updated_at'] }}': `stream_state` is no longer supported for "
            + "interpolation. We recommend using `stream_interval` instead. Please reference the CDK Migration Guide "
            + "for more information.");
    assertThatThrownBy(() -> interpolator.evalBoolean("{{ stream_state.get('x') }}", context))
        .isInstanceOf(InterpolationException.class).hasMessageContaining("stream_state");
    assertThatThrownBy(() -> InterpolationContext.builder().variable("stream_state", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stream_state");
    assertThatThrownBy(() -> InterpolationContext.builder().variable("stream_partition", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("streamSlice");
  }

  @Test
  void namesAnUndeclaredVariable() {
    assertThatThrownBy(() -> interpolator.eval("{{ record['id'] }}", context))
        .isInstanceOf(InterpolationException.class)
        .hasMessage("cannot evaluate '{{ record['id'] }}': undeclared variable 'record' (not in this component's "
            + "interpolation context)");
  }

  @Test
  void keepsConfigValuesOutOfErrors() {
    for (String template : List.of("{{ config['api_key'] * 2 }}", "{{ str_to_datetime(config['api_key']) }}",
        "{{ config['api_key'] | base64decode }}", "{{ duration(config['api_key']) }}",
        "{{ format_datetime(config['api_key'], '%Y') }}", "{{ config['api_key'].nope() }}")) {
      assertThatThrownBy(() -> interpolator.eval(template, context)).as(template)
          .isInstanceOf(InterpolationException.class)
          .hasMessageStartingWith("cannot evaluate '" + template + "'")
          .hasMessageNotContaining(SECRET)
          .satisfies(e -> assertThat(((InterpolationException) e).expression()).isEqualTo(template));
    }
    assertThatThrownBy(() -> interpolator.eval("{{ config['api_key'] * 2 }}", context))
        .hasMessageContaining("'****'");
  }

  @Test
  void reachesNoJavaClassOrEngineObject() {
    for (String template : List.of("{{ config.getClass() }}", "{{ ''.getClass().getName() }}",
        "{{ config['api_key'].getBytes() }}", "{{ config.entrySet() }}", "{{ now_utc().value() }}",
        "{{ ____int3rpr3t3r____.getConfig() }}", "{{ 5.getClass() }}", "{{ [1].getClass() }}")) {
      assertThatThrownBy(() -> interpolator.eval(template, context)).as(template)
          .isInstanceOf(InterpolationException.class);
    }
    assertThat(interpolator.eval("{{ ''.class }}", context)).isEqualTo("");
    assertThat(interpolator.eval("{{ config.class }}", context)).isEqualTo("");
  }

  @Test
  void loadsNoOtherTemplateOrFile() {
    for (String template : List.of("{% include '/etc/passwd' %}", "{% import 'macros.j2' as m %}",
        "{% from 'macros.j2' import m %}", "{% extends 'base.j2' %}", "{{ range(10) }}")) {
      assertThatThrownBy(() -> interpolator.eval(template, context)).as(template)
          .isInstanceOf(InterpolationException.class).hasMessageContaining("disabled");
    }
  }

  @Test
  void changesNothingInTheContext() {
    for (String template : List.of("{{ config.update({'a': 1}) }}", "{% do config.put('a', 1) %}",
        "{{ config.pop('api_key') }}", "{{ config.clear() }}")) {
      assertThatThrownBy(() -> interpolator.eval(template, context)).as(template)
          .isInstanceOf(InterpolationException.class).hasMessageContaining("has no method");
    }
    assertThat(interpolator.eval("{{ config }}", context)).isEqualTo(Map.of("api_key", SECRET, "region", "eu"));
  }

  @Test
  void boundsOutputNodesRecursionAndTemplateSize() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> interpolator.eval(
        "{% for a in big %}{% for b in big %}{{ a }}{% endfor %}{% endfor %}", context))
        .isInstanceOf(InterpolationException.class);
    assertThatThrownBy(() -> interpolator.eval(
        "{% for a in big %}{% for b in big %}{% for c in big %}{% endfor %}{% endfor %}{% endfor %}", context))
        .isInstanceOf(InterpolationException.class)
        .hasMessageMatching("(?s).*(renders more than 100000 nodes|took longer than its time limit).*");
    assertThatThrownBy(() -> interpolator.eval("{% for a in big %}{{ kilobyte }}{% endfor %}", context))
        .isInstanceOf(InterpolationException.class).hasMessageContaining("OutputTooBig");
    assertThatThrownBy(() -> interpolator.eval(
        "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", context))
        .isInstanceOf(InterpolationException.class).hasMessageContaining("recursion");
    assertThatThrownBy(() -> interpolator.eval("{{ 'x' }}" + " ".repeat(100_001), context))
        .isInstanceOf(InterpolationException.class).hasMessageContaining("longer than 100000 characters");
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    System.out.println("bounded evaluations took " + seconds + " s");
    assertThat(seconds).isLessThan(30);
  }
}
