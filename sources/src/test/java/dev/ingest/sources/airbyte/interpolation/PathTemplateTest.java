package dev.ingest.sources.airbyte.interpolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lookup fast path renders exactly what Jinjava (with the shims) renders, and leaves to Jinjava what it cannot
 * decide: anything but lookups, dict method names after a dot, names the context lacks, lookups on strings.
 */
class PathTemplateTest {

  private final AirbyteJinja engine = new AirbyteJinja();
  private final Map<String, Object> variables = InterpolationContext.builder()
      .config(Map.of("api_key", "k-1", "n", 5, "nested", Map.of("list", List.of("a", "b")), "flag", true))
      .response(Map.of("data", List.of(Map.of("id", 1), Map.of("id", 2)), "items", "i"))
      .streamSlice(Map.of("parent_id", "p-1"), Map.of())
      .build().variables();

  @Test
  void rendersLookupsAsJinjavaDoes() {
    for (String template : List.of("{{ config['api_key'] }}", "{{ config[\"api_key\"] }}", "{{ config.api_key }}",
        "{{config['n']}}", "{{ config['flag'] }}", "{{ config['missing'] }}", "{{ config['missing']['deeper'] }}",
        "{{ config.nested.list }}", "{{ config['nested']['list'][1] }}", "{{ config['nested']['list'][-1] }}",
        "{{ config['nested']['list'][5] }}", "{{ response.data[0].id }}", "{{ response['data'] }}",
        "/p/{{ stream_partition.parent_id }}/c/{{ stream_slice['parent_id'] }}", "plain text", "{{ response['items'] }}",
        "{{  config['api_key']  }}", "a{{ config['n'] }}b{{ config['n'] }}c")) {
      PathTemplate fast = PathTemplate.parse(template).orElseThrow(() -> new AssertionError(template));
      String viaJinjava;
      try (EvaluationScope scope = EvaluationScope.open(Clock.systemUTC(), 2_000_000_000L, 100_000)) {
        viaJinjava = engine.render(template, variables, scope);
      }
      assertThat(fast.render(variables)).as(template).hasValue(viaJinjava);
    }
  }

  @Test
  void leavesEverythingElseToJinjava() {
    for (String template : List.of("{{ True }}", "{{ none }}", "{{ config['n'] + 1 }}", "{{ now_utc() }}",
        "{% if x %}y{% endif %}", "{{ config['api_key'] | upper }}", "{# note #}{{ config['n'] }}", "{{ '{' }}")) {
      assertThat(PathTemplate.parse(template)).as(template).isEmpty();
    }
    for (String template : List.of("{{ response.items }}", "{{ record['id'] }}", "{{ config['api_key'].upper }}",
        "{{ config['api_key'][0] }}")) {
      assertThat(PathTemplate.parse(template).orElseThrow().render(variables)).as(template).isEmpty();
    }
  }
}
