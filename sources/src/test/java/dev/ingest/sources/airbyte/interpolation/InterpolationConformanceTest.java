package dev.ingest.sources.airbyte.interpolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every expression form the interpolation supports, each with the value Airbyte's CDK (Jinja2 plus
 * {@code ast.literal_eval}) gives it: typing, the context variables, macros, filters, Python methods, operators and
 * the InterpolatedBoolean rule. Expected values were worked out from CPython's semantics (hashes, timestamps and
 * strftime output computed with CPython 3). The clock is fixed at 2024-03-05T06:07:08.123456Z.
 */
class InterpolationConformanceTest {

  private final Interpolator interpolator = new Interpolator(CorpusFixture.CLOCK);

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private final InterpolationContext context = InterpolationContext.builder()
      .config(map("api_key", "key-1", "n", "5", "num", 5, "flag", true, "start_date", "2023-08-01T00:00:00Z",
          "ids", List.of("a", "b"), "nested", map("deep", map("x", 1)), "blank", ""))
      .parameters(map("name", "users", "page_size", 100))
      .streamSlice(map("parent_id", "p-9"), map("start_time", "2024-01-01", "end_time", "2024-01-31"))
      .nextPageToken(map("next_page_token", "tok-2"))
      .response(map("data", List.of(map("id", 1), map("id", 2)), "meta", map("next", "n-3"), "count", 2))
      .headers(Map.of(
          "X-Rate-Limit-Remaining", List.of("7"),
          "Link", List.of("<https://api.example.com/x?page=2>; rel=\"next\"", "<https://api.example.com/x?page=9>; rel=\"last\""),
          "Set-Cookie", List.of("a=1", "b=2")))
      .lastRecord(map("id", 2, "updated_at", "2024-02-01T10:00:00Z"))
      .lastPageSize(2)
      .record(map("id", 7, "name", " Ada ", "email", "ADA@EXAMPLE.COM", "tags", List.of("x", "y")))
      .variable("creation_response", map("token", "sess-1"))
      .build();

  private static Object[] row(String template, Object expected) {
    return new Object[] {template, expected};
  }

  private static final List<Object[]> VALUES = new ArrayList<>(Arrays.asList(
      // typing: ast.literal_eval of the rendered text
      row("5", 5L), row("-5", -5L), row("2.5", 2.5), row("1e3", 1000.0), row("1_000", 1000L), row("0x1F", 31L),
      row("True", true), row("False", false), row("None", null), row("[1, 'a']", List.of(1L, "a")),
      row("(1, 2)", List.of(1L, 2L)), row("{'a': 1}", Map.of("a", 1L)), row("'quoted'", "quoted"),
      row("\"\"\"triple\"\"\"", "triple"), row("2024-01-01", "2024-01-01"), row("007", "007"), row("1j", "1j"),
      row("abc", "abc"), row("", ""), row("  7", 7L), row("99999999999999999999", new java.math.BigInteger("99999999999999999999")),
      row("{{ '5' }}", 5L), row("{{ 'True' }}", true), row("{{ config['n'] }}", 5L), row("{{ config['num'] }}", 5L),
      row("{{ config['flag'] }}", true), row("page {{ config['num'] }}", "page 5"), row("{{ [1, 2] }}", List.of(1L, 2L)),
      row("{{ {'a': 1} }}", Map.of("a", 1L)), row("{{ {'a': {'b': 2}}['a']['b'] }}", 2L), row("{{ 1.0 }}", 1.0),
      row("{{ 1e16 }}", 1e16), row("{{ none }}", ""), row("{{ config['missing'] }}", ""), row("{{ config['blank'] }}", ""),
      row("{{ config['ids'] }}", List.of("a", "b")), row("{{ config['nested'] }}", Map.of("deep", Map.of("x", 1L))),
      // context variables
      row("{{ parameters['name'] }}", "users"), row("{{ parameters.page_size }}", 100L),
      row("{{ stream_slice['parent_id'] }}", "p-9"), row("{{ stream_partition.parent_id }}", "p-9"),
      row("{{ stream_interval['start_time'] }}", "2024-01-01"), row("{{ stream_slice.end_time }}", "2024-01-31"),
      row("{{ next_page_token['next_page_token'] }}", "tok-2"), row("{{ response['meta']['next'] }}", "n-3"),
      row("{{ response.data[-1].id }}", 2L), row("{{ response['data'] | length }}", 2L),
      row("{{ headers['link']['next']['url'] }}", "https://api.example.com/x?page=2"),
      row("{{ headers.link.last.url }}", "https://api.example.com/x?page=9"),
      row("{{ headers['link']['next']['rel'] }}", "next"), row("{{ headers['x-rate-limit-remaining'] }}", 7L),
      row("{{ headers['Set-Cookie'] }}", "a=1, b=2"), row("{{ last_record['updated_at'] }}", "2024-02-01T10:00:00Z"),
      row("{{ last_page_size }}", 2L), row("{{ record.id }}", 7L), row("{{ creation_response['token'] }}", "sess-1"),
      // macros
      row("{{ now_utc() }}", "2024-03-05 06:07:08.123456+00:00"), row("{{ today_utc() }}", "2024-03-05"),
      row("{{ today_with_timezone('America/Los_Angeles') }}", "2024-03-04"),
      row("{{ day_delta(1) }}", "2024-03-06T06:07:08.123456+0000"), row("{{ day_delta(-2, '%Y-%m-%d') }}", "2024-03-03"),
      row("{{ duration('P2W') }}", "14 days, 0:00:00"), row("{{ duration('PT1H30M') }}", "1:30:00"),
      row("{{ duration('PT1.5S') }}", "0:00:01.500000"), row("{{ now_utc() - duration('PT1H') }}", "2024-03-05 05:07:08.123456+00:00"),
      row("{{ (now_utc() - duration('P1M')).strftime('%Y-%m-%d') }}", "2024-02-05"),
      row("{{ (now_utc() + duration('P1Y2M3DT4H')).isoformat() }}", "2025-05-08T10:07:08.123456+00:00"),
      row("{{ today_utc() - duration('P1D') }}", "2024-03-04"),
      row("{{ str_to_datetime('2024-01-02') - str_to_datetime('2024-01-01') }}", "1 day, 0:00:00"),
      row("{{ format_datetime('2024-01-02T03:04:05Z', '%Y/%m/%d') }}", "2024/01/02"),
      row("{{ format_datetime('2024-01-02T03:04:05+02:00', '%s') }}", 1704157445L),
      row("{{ format_datetime(1704067200, '%Y-%m-%d') }}", "2024-01-01"),
      row("{{ format_datetime('01/02/2024', '%Y-%m-%d', '%m/%d/%Y') }}", "2024-01-02"),
      row("{{ format_datetime('2024-03-05T06:07:08.123456Z', '%ms') }}", 1709618828123L),
      row("{{ format_datetime('2024-03-05T06:07:08.123456Z', '%Y-%m-%dT%H:%M:%S.%_msZ') }}", "2024-03-05T06:07:08.123Z"),
      // a datetime goes straight to strftime, where %m then 's' is "03s" (Airbyte's DatetimeParser is skipped)
      row("{{ format_datetime(now_utc(), '%ms') }}", "03s"),
      row("{{ format_datetime(config['start_date'], '%Y-%m-%d') }}", "2023-08-01"),
      row("{{ str_to_datetime('2022-01-14') }}", "2022-01-14 00:00:00+00:00"),
      row("{{ str_to_datetime('2022-01-01T13:45:30+02:00') }}", "2022-01-01 11:45:30+00:00"),
      row("{{ timestamp(1658505815.223235) }}", 1658505815L), row("{{ timestamp('2022-01-01T00:00:00Z') }}", 1640995200.0),
      row("{{ timestamp('2022-01-01') }}", 1640995200.0), row("{{ max(2, 3) }}", 3L), row("{{ min(2, 3) }}", 2L),
      row("{{ max([1, 5, 3]) }}", 5L), row("{{ min(1, 2.5) }}", 1L), row("{{ max('a', 'b') }}", "b"),
      row("{{ max(str_to_datetime('2024-01-01'), str_to_datetime('2023-01-01')) }}", "2024-01-01 00:00:00+00:00"),
      row("{{ sanitize_url('https://a.b/p?q=v w~*') }}", "https%3A%2F%2Fa.b%2Fp%3Fq%3Dv+w~%2A"),
      row("{{ camel_case_to_snake_case('CamelCaseString') }}", "camel_case_string"),
      row("{{ generate_uuid() | length }}", 36L),
      // Airbyte's filters
      row("{{ 'abc' | hash }}", "900150983cd24fb0d6963f7d28e17f72"),
      row("{{ 'abc' | hash('sha256') }}", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
      row("{{ 'abc' | hash('sha1') }}", "a9993e364706816aba3e25717850c26c9cd0d89d"),
      row("{{ 'abc' | hash('md5', 'salt') }}", "1e21f6da01c5047e4bf45b0496bd6937"),
      row("{{ 'user:pass' | base64encode }}", "dXNlcjpwYXNz"), row("{{ 'dXNlcjpwYXNz' | base64decode }}", "user:pass"),
      row("{{ 'abc' | base64binascii_decode }}", "YWJj"), row("{{ {'a': 1} | string }}", "{\"a\": 1}"),
      row("{{ [1, 'a'] | string }}", "[1, \"a\"]"), row("{{ 5 | string }}", "5"), row("{{ 'x' | string }}", "x"),
      row("{{ 'id-123' | regex_search('([0-9]+)') }}", 123L), row("{{ 'id-x12' | regex_search('-(.*)') }}", "x12"), row("{{ 'id-123' | regex_search('[0-9]+') }}", ""),
      row("{{ 'a-b-c' | regex_replace('-', '_') }}", "a_b_c"),
      row("{{ 'ab12' | regex_replace('([a-z]+)([0-9]+)', '\\\\2\\\\1') }}", "12ab"),
      row("{{ 'message' | hmac('key') }}", "6e9ef29b75fffc5b7abae527d58fdadb2fe42e7219011976917343065f58ed4a"),
      // Jinja2 built-in filters
      row("{{ '5.7' | int }}", 5L), row("{{ config['n'] | int }}", 5L), row("{{ 10 | float }}", 10.0),
      row("{{ config['missing'] | default('d') }}", "d"), row("{{ ['a', 'b'] | join(',') }}", "a,b"),
      row("{{ [3, 4] | first }}", 3L), row("{{ [3, 4] | last }}", 4L), row("{{ 'abc' | upper }}", "ABC"),
      row("{{ 'Hello' | lower }}", "hello"), row("{{ ' a ' | trim }}", "a"), row("{{ 'a-b' | replace('-', '+') }}", "a+b"),
      row("{{ 'a b&c/d' | urlencode }}", "a%20b%26c/d"), row("{{ {'q': 'a b', 'n': 1} | urlencode }}", "q=a+b&n=1"),
      row("{{ {'b': 1, 'a': '<x>'} | tojson }}", Map.of("a", "<x>", "b", 1L)), row("{{ [2, 1] | sort }}", List.of(1L, 2L)),
      // Python methods
      row("{{ config.get('api_key') }}", "key-1"), row("{{ config.get('missing', 'dflt') }}", "dflt"),
      row("{{ config.get('missing') }}", ""), row("{{ response.get('meta', {}).get('next', {}) }}", "n-3"),
      row("{{ {'a': 1}.keys() }}", List.of("a")), row("{{ {'a': 1}.values() }}", List.of(1L)),
      row("{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}", "a=1;b=2;"),
      row("{{ 'a,b,,c'.split(',') }}", List.of("a", "b", "", "c")), row("{{ ' a  b '.split() }}", List.of("a", "b")),
      row("{{ 'a.b.c'.split('.', 1) }}", List.of("a", "b.c")), row("{{ 'a.b.c'.rsplit('.', 1) }}", List.of("a.b", "c")),
      row("{{ record['name'].strip() }}", "Ada"), row("{{ 'xxhixx'.strip('x') }}", "hi"), row("{{ '  x'.lstrip() }}", "x"),
      row("{{ 'x  '.rstrip() }}", "x"), row("{{ record['email'].lower() }}", "ada@example.com"),
      row("{{ 'abc'.upper() }}", "ABC"), row("{{ 'hello world'.title() }}", "Hello World"),
      row("{{ 'hELLO'.capitalize() }}", "Hello"), row("{{ 'a-b-c'.replace('-', '') }}", "abc"),
      row("{{ 'a-b-c'.replace('-', '', 1) }}", "ab-c"), row("{{ 'abc'.startswith('a') }}", true),
      row("{{ 'abc'.startswith(('x', 'a')) }}", true), row("{{ 'abc'.endswith('b') }}", false),
      row("{{ 'abc'.find('c') }}", 2L), row("{{ 'banana'.count('a') }}", 3L), row("{{ ','.join(record['tags']) }}", "x,y"),
      row("{{ '123'.isdigit() }}", true), row("{{ '7'.zfill(3) }}", "007"), row("{{ [1, 2, 1].index(2) }}", 1L),
      row("{{ 'abcdefghijkl'[:10] }}", "abcdefghij"), row("{{ config['start_date'][:10] }}", "2023-08-01"),
      row("{{ 'abcdef'[2:4] }}", "cd"), row("{{ 'abc'[-1] }}", "c"), row("{{ [1, 2, 3][1:] }}", List.of(2L, 3L)),
      row("{{ now_utc().isoformat() }}", "2024-03-05T06:07:08.123456+00:00"),
      row("{{ now_utc().isoformat(' ') }}", "2024-03-05 06:07:08.123456+00:00"),
      row("{{ now_utc().timestamp() }}", 1709618828.123456), row("{{ now_utc().date() }}", "2024-03-05"),
      row("{{ now_utc().year }}", 2024L), row("{{ now_utc().microsecond }}", 123456L),
      row("{{ today_utc().strftime('%d.%m.%Y') }}", "05.03.2024"), row("{{ today_utc().isoformat() }}", "2024-03-05"),
      row("{{ str_to_datetime('2024-01-02T01:04:05Z').strftime('%s') }}", 1704157445L),
      row("{{ (str_to_datetime('2024-01-02') - str_to_datetime('2024-01-01')).total_seconds() }}", 86400.0),
      row("{{ now_utc().strftime('%a %A %b %B %j %p %I %y %-d %-m %e %Z %z %U %W %G-W%V-%u %%') }}",
          "Tue Tuesday Mar March 065 AM 06 24 5 3  5 UTC +0000 09 10 2024-W10-2 %"),
      // operators and tests
      row("{{ 'a' ~ 5 }}", "a5"), row("{{ stream_slice.start_time ~ '/' ~ stream_slice.end_time }}", "2024-01-01/2024-01-31"),
      row("{{ 'x' in ['x'] }}", true), row("{{ 'k' in {'k': 1} }}", true), row("{{ 'b' in 'abc' }}", true),
      row("{{ 'z' not in 'abc' }}", true), row("{{ config['api_key'] is not none }}", true),
      row("{{ config['missing'] is defined }}", false), row("{{ config['api_key'] is defined }}", true),
      row("{{ response['count'] is number }}", true), row("{{ 'a' if config['flag'] else 'b' }}", "a"),
      row("{{ config['missing'] or 'fallback' }}", "fallback"), row("{{ [] or 'empty' }}", "empty"),
      row("{{ True and False }}", false), row("{{ not config['flag'] }}", false), row("{{ last_page_size < 100 }}", true),
      row("{{ -7 }}", -7L), row("{{ -7 // 2 }}", -4L), row("{{ -7 % 3 }}", 2L), row("{{ -5 | abs }}", 5L),
      row("{% for k in {'a': 1, 'b': 2} %}{{ k }}{% endfor %}", "ab"),
      row("{{ 10 / 4 }}", 2.5), row("{{ 10 // 4 }}", 2L), row("{{ 7 % 3 }}", 1L), row("{{ 2 ** 10 }}", 1024L),
      row("{{ 1 + 1.5 }}", 2.5), row("{{ [1, 2] + [3] }}", List.of(1L, 2L, 3L)),
      row("{{ '%s-%s' | format('a', 'b') }}", "a-b"), row("{{ 'a\\nb' }}", "a\nb"),
      row("{% if config['flag'] %}yes{% else %}no{% endif %}", "yes"),
      row("{% set x = config['num'] * 2 %}{{ x }}", 10L)));

  private static final List<Object[]> CONDITIONS = List.of(
      row("", false), row("{{ False }}", false), row("{{ 'false' }}", false), row("{{ 0 }}", false),
      row("{{ 0.0 }}", false), row("{{ [] }}", false), row("{{ {} }}", false), row("()", false),
      row("{{ config['missing'] }}", false), row("False", false), row("{{ 'x' }}", true), row("{{ 1 }}", true),
      row("{{ [0] }}", true), row("True", true), row("{{ response['data'] | length > 1 }}", true),
      row("{{ 'next' not in headers['link'] }}", false), row("{{ not response.get('meta', {}).get('next') }}", false),
      row("{{ last_page_size == 0 }}", false));

  @Test
  void evaluatesEveryFormAsAirbyte() {
    for (Object[] row : VALUES) {
      assertThat(interpolator.eval((String) row[0], context)).as((String) row[0]).isEqualTo(row[1]);
    }
  }

  @Test
  void evaluatesConditionsAsInterpolatedBoolean() {
    for (Object[] row : CONDITIONS) {
      assertThat(interpolator.evalBoolean((String) row[0], context)).as((String) row[0]).isEqualTo(row[1]);
    }
  }

  @Test
  void fallsBackToTheDefaultOnlyWhenTheTemplateRendersEmpty() {
    assertThat(interpolator.eval("{{ config['missing'] }}", context, "{{ 'fallback' }}")).isEqualTo("fallback");
    assertThat(interpolator.eval("{{ config['missing'] }}", context, "{{ 7 }}")).isEqualTo(7L);
    assertThat(interpolator.eval("{{ config['missing'] }}", context, null)).isNull();
    assertThat(interpolator.eval("{{ config['api_key'] }}", context, "{{ 'fallback' }}")).isEqualTo("key-1");
  }

  @Test
  void keysStayStrings() {
    assertThat(interpolator.evalString("{{ config['num'] }}", context)).isEqualTo("5");
    assertThat(interpolator.evalString("'quoted'", context)).isEqualTo("quoted");
    assertThat(interpolator.evalMapping(map("{{ parameters['name'] }}_id", "{{ config['num'] }}", "limit", 10), context))
        .containsExactly(Map.entry("users_id", 5L), Map.entry("limit", 10));
  }

  @Test
  void interpolatesNestedBodiesAndDropsNullEntries() {
    Object body = interpolator.evalNested(map(
        "filter", map("since", "{{ stream_slice.start_time }}", "gone", "{{ None }}", "n", "{{ config['num'] }}"),
        "ids", List.of("{{ stream_slice.parent_id }}", 3)), context);
    assertThat(body).isEqualTo(Map.of("filter", Map.of("since", "2024-01-01", "n", 5L), "ids", List.of("p-9", 3)));
  }

  @Test
  void printsValuesAsPython() {
    assertThat(PythonValues.str(true)).isEqualTo("True");
    assertThat(PythonValues.str(null)).isEqualTo("None");
    assertThat(PythonValues.str(Map.of("a", List.of(1L, "b")))).isEqualTo("{'a': [1, 'b']}");
    assertThat(PythonValues.str(1e16)).isEqualTo("1e+16");
    assertThat(PythonValues.str(0.00001)).isEqualTo("1e-05");
    assertThat(PythonValues.str(0.0001)).isEqualTo("0.0001");
    assertThat(PythonValues.str(123456789.125)).isEqualTo("123456789.125");
    assertThat(PythonValues.str(1.0 / 3)).isEqualTo("0.3333333333333333");
    assertThat(PythonValues.repr("it's")).isEqualTo("\"it's\"");
  }

  @Test
  void formatsAndParsesAirbyteDatetimeFormats() {
    java.time.OffsetDateTime at = java.time.OffsetDateTime.parse("2024-03-05T06:07:08.123456Z");
    assertThat(DatetimeFormats.format(at, "%s")).isEqualTo("1709618828");
    assertThat(DatetimeFormats.format(at, "%ms")).isEqualTo("1709618828123");
    assertThat(DatetimeFormats.format(at, "%s_as_float")).isEqualTo("1709618828.123456");
    assertThat(DatetimeFormats.format(at, "%epoch_microseconds")).isEqualTo("1709618828123456");
    assertThat(DatetimeFormats.format(at, "%Y-%m-%dT%H:%M:%S.%_msZ")).isEqualTo("2024-03-05T06:07:08.123Z");
    assertThat(DatetimeFormats.parse("1709618828", "%s")).isEqualTo("2024-03-05T06:07:08Z");
    assertThat(DatetimeFormats.parse("1709618828123", "%ms")).isEqualTo("2024-03-05T06:07:08.123Z");
    assertThat(DatetimeFormats.parse("Tue, 05 Mar 2024 06:07:08 +0100", "%a, %d %b %Y %H:%M:%S %z"))
        .isEqualTo("2024-03-05T06:07:08+01:00");
    assertThat(DatetimeFormats.parse("2024-03-05T06:07:08.123Z", "%Y-%m-%dT%H:%M:%S.%fZ"))
        .isEqualTo("2024-03-05T06:07:08.123Z");
    assertThat(DatetimeFormats.parse("2024-03-05", "%Y-%m-%d")).isEqualTo("2024-03-05T00:00Z");
  }
}
