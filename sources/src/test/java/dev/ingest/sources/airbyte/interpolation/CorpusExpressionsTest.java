package dev.ingest.sources.airbyte.interpolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every interpolated string in the Airbyte corpus manifests, each with the value Airbyte's CDK gives it against
 * {@link CorpusFixture} (and against changed fixtures for the other branches). A corpus manifest with an expression
 * not listed here fails {@link #listsEveryInterpolatedStringOfTheCorpus}: add it with its Airbyte value.
 */
class CorpusExpressionsTest {

  private static final Consumer<CorpusFixture> AS_IS = f -> { };

  /** One expected evaluation: value, boolean (InterpolatedBoolean) or error (message part). */
  private record Case(String template, String branch, Consumer<CorpusFixture> change, String kind, Object expected) { }

  private static final List<Case> CASES = new ArrayList<>();

  private static void value(String template, Object expected) {
    CASES.add(new Case(template, "fixture", AS_IS, "value", expected));
  }

  private static void value(String template, String branch, Consumer<CorpusFixture> change, Object expected) {
    CASES.add(new Case(template, branch, change, "value", expected));
  }

  private static void condition(String template, String branch, Consumer<CorpusFixture> change, boolean expected) {
    CASES.add(new Case(template, branch, change, "boolean", expected));
  }

  private static void error(String template, String branch, Consumer<CorpusFixture> change, String message) {
    CASES.add(new Case(template, branch, change, "error", message));
  }

  static {
    // paths (pagerduty, lever-hiring, configcat, calendly, auth0)
    value("/incidents/{{ stream_partition.incident_id }}/log_entries", "/incidents/inc-1/log_entries");
    for (String child : List.of("applications", "interviews", "notes", "offers", "referrals")) {
      value("/opportunities/{{ stream_partition['parent_id'] }}/" + child, "/opportunities/org_1/" + child);
    }
    value("/organizations/{{ stream_slice.organizationId }}/members", "/organizations/orgid-1/members");
    value("/products/{{ stream_slice.productId }}/environments", "/products/prod-1/environments");
    value("/products/{{ stream_slice.productId }}/tags", "/products/prod-1/tags");
    value("/scheduled_events/{{ stream_partition.scheduled_event_id }}/invitees", "/scheduled_events/ev-1/invitees");
    value("organizations/{{ stream_partition.parent_id }}/members", "organizations/org_1/members");
    value("organizations/{{ stream_partition.parent_slice.parent_id }}/members/{{ stream_partition.parent_user_id }}"
        + "/roles", "organizations/org_0/members/user_1/roles");
    value("{{ stream_partition['scheduled_event_id'] }}", "ev-1");

    // url bases and auth (pagerduty, workable, auth0, mailgun, lever-hiring)
    value("Token token={{ config['token'] }}", "Token token=tok-abcdef");
    value("https://{{ config['account_subdomain'] }}.workable.com", "https://acme.workable.com");
    value("{{ config['base_url'] }}/api/v2", "https://acme.us.auth0.com//api/v2");
    value("{{ config['base_url'] }}oauth/token", "https://acme.us.auth0.com/oauth/token");
    String mailgun = "{{        \n  'https://api.eu.mailgun.net/v3'\n  if config.domain_region == 'EU'\n"
        + "  else 'https://api.mailgun.net'\n}}";
    value(mailgun, "https://api.mailgun.net");
    value(mailgun, "EU region", f -> f.config.put("domain_region", "EU"), "https://api.eu.mailgun.net/v3");
    String leverApi = "{{ \"https://api.sandbox.lever.co/v1\" if config['environment'] == \"Sandbox\" else "
        + "\"https://api.lever.co/v1\" }}";
    value(leverApi, "https://api.lever.co/v1");
    value(leverApi, "sandbox", f -> f.config.put("environment", "Sandbox"), "https://api.sandbox.lever.co/v1");
    String leverAuth = "{{ 'https://sandbox-lever.auth0.com/oauth/token' if config[ 'environment' ] == 'Sandbox' "
        + "else 'https://auth.lever.co/oauth/token' }}";
    value(leverAuth, "https://auth.lever.co/oauth/token");
    value(leverAuth, "sandbox", f -> f.config.put("environment", "Sandbox"),
        "https://sandbox-lever.auth0.com/oauth/token");
    value("{{  config['credentials']['audience']  }}", "https://acme.us.auth0.com/api/v2/");
    value("{{ config['credentials']['access_token'] }}", "atoken-1");
    value("{{ config['credentials']['api_key'] }}", "lever-key-1");
    value("{{ config['credentials']['client_id'] }}", "cid-1");
    value("{{ config['credentials']['client_secret'] }}", "csecret-1");
    value("{{ config['credentials']['refresh_token'] }}", "rtoken-1");
    value("{{ config[\"api_key\"] }}", "key-0123456789");
    value("{{ config[\"password\"] }}", "pw-secret-1");
    value("{{ config[\"username\"] }}", "user@acme.io");
    value("{{ config['api_key'] }}", "key-0123456789");
    value("{{ config['api_key'] }}", "numeric key", f -> f.config.put("api_key", "12345"), 12345L);
    value("{{ config['private_key'] }}", "pk-secret-1");
    value("{{ config['token'] }}", "tok-abcdef");

    // request parameters (the guardian, lever-hiring, delighted)
    value("{{ config['query'] }}", "election");
    value("{{ config['section'] }}", "world");
    value("{{ config['tag'] }}", "politics");
    value("{{ True }}", true);
    value("{{ config['nothing'] }}", "");

    // cursors and windows
    value("{{ config['start_date'] }}", "2023-08-01T00:00:00Z");
    value("{{ config[\"start_date\"] }}", "2023-08-01T00:00:00Z");
    value("{{ config.get('start_date', '2013-01-01T00:00:00.000Z') }}", "2023-08-01T00:00:00Z");
    value("{{ config.get('start_date', '2013-01-01T00:00:00.000Z') }}", "no start_date",
        f -> f.config.remove("start_date"), "2013-01-01T00:00:00.000Z");
    String mailgunStart = "{{ config.get('start_date', now_utc() - duration('P1D')).strftime('%Y-%m-%dT%H:%M:%S.%fZ') }}";
    value(mailgunStart, "no start_date", f -> f.config.remove("start_date"), "2024-03-04T06:07:08.123456Z");
    // a configured start_date is a str, which has no strftime: Airbyte's Jinja2 raises UndefinedError here too
    error(mailgunStart, "start_date set", AS_IS, "'str' object has no method 'strftime'");
    value("{{ config['end_date'] or now_utc().strftime('%Y-%m-%d') }}", "2024-03-05");
    value("{{ config['end_date'] or now_utc().strftime('%Y-%m-%d') }}", "end_date set",
        f -> f.config.put("end_date", "2024-02-01"), "2024-02-01");
    value("{{ format_datetime(config['since'], '%Y-%m-%d %H:%M:%S') }}", "2022-05-30 04:50:23");
    value("{{ format_datetime(config['since'], '%Y-%m-%d %H:%M:%S') }}", "since with a space",
        f -> f.config.put("since", "2022-05-30 04:50:23"), "2022-05-30 04:50:23");
    value("{{ now_utc() }}", "2024-03-05 06:07:08.123456+00:00");
    value("{{ now_utc().strftime('%Y-%m-%dT%H:%M:%S.%fZ') }}", "2024-03-05T06:07:08.123456Z");
    value("{{ now_utc().strftime('%Y-%m-%dT%H:%M:%SZ') }}", "2024-03-05T06:07:08Z");
    value("{{ today_utc() }}", "2024-03-05");
    String auth0Query = "updated_at:{{ '{' }}{{stream_interval.start_time ~ '  TO ' ~ stream_interval.end_time ~ ']'"
        + " if stream_interval.start_time else config['start_date'] ~ ' TO *]'}}";
    value(auth0Query, "updated_at:{2024-01-01T00:00:00.000Z  TO 2024-01-31T23:59:59.999Z]");
    value(auth0Query, "no window", f -> f.interval.clear(), "updated_at:{2023-08-01T00:00:00Z TO *]");

    // paginators: cursor values and stop conditions
    value("{{ response['next'] }}", "cursor-2");
    condition("{{ response['hasNext'] is false }}", "last page", AS_IS, true);
    condition("{{ response['hasNext'] is false }}", "more pages", f -> f.response.put("hasNext", true), false);
    value("{{ response.paging.next }}", "https://acme.workable.com/spi/v3/jobs?since_id=2");
    condition("{{ 'next' not in response['paging'] }}", "more pages", AS_IS, false);
    condition("{{ 'next' not in response['paging'] }}", "last page", f -> f.paging.clear(), true);
    value("{{ headers['link']['next']['url'] }}", "https://api.delighted.com/v1/people.json?page_info=abc");
    condition("{{ 'next' not in headers['link'] }}", "more pages", AS_IS, false);
    condition("{{ 'next' not in headers['link'] }}", "last page", f -> f.headers.clear(), true);
    value("{{ response.get(\"pagination\", {}).get(\"next_page_token\", {}) }}", "tok-3");
    value("{{ response.get(\"pagination\", {}).get(\"next_page_token\", {}) }}", "last page",
        f -> f.pagination.clear(), Map.of());
    condition("{{ not response.get(\"pagination\", {}).get(\"next_page_token\", {}) }}", "more pages", AS_IS, false);
    condition("{{ not response.get(\"pagination\", {}).get(\"next_page_token\", {}) }}", "last page",
        f -> f.response.remove("pagination"), true);
    value("{{ response.get(\"pagination\", {}).get(\"next\", {}) }}", "https://api.mailgun.net/v3/acme.io/events/page-2");
    condition("{{ not response.get(\"pagination\", {}).get(\"next\", {}) }}", "more pages", AS_IS, false);
    condition("{{ not response.get(\"pagination\", {}).get(\"next\", {}) }}", "last page", f -> f.pagination.clear(),
        true);

    // transformations (calendly AddFields)
    value("{{ record['uri'] | regex_search(\"\\/([a-zA-Z0-9-]*)$\") }}", "GBGBDCAADAEDCRZ2");
  }

  private final Interpolator interpolator = new Interpolator(CorpusFixture.CLOCK);

  @Test
  void listsEveryInterpolatedStringOfTheCorpus() {
    Map<String, Set<String>> corpus = AirbyteCorpus.templates();
    Set<String> listed = new LinkedHashSet<>();
    CASES.forEach(c -> listed.add(c.template()));
    assertThat(corpus).hasSizeGreaterThan(50);
    assertThat(listed).as("expressions in the corpus without an expected value here")
        .containsAll(corpus.keySet());
    assertThat(corpus.keySet()).as("listed expressions that are not in the corpus").containsAll(listed);
  }

  @Test
  void evaluatesEveryCorpusExpressionAsAirbyte() {
    for (Case c : CASES) {
      InterpolationContext context = new CorpusFixture().with(c.change()).context();
      String what = c.template() + " [" + c.branch() + "]";
      switch (c.kind()) {
        case "value":
          assertThat(interpolator.eval(c.template(), context)).as(what).isEqualTo(c.expected());
          break;
        case "boolean":
          assertThat(interpolator.evalBoolean(c.template(), context)).as(what).isEqualTo(c.expected());
          break;
        default:
          assertThatThrownBy(() -> interpolator.eval(c.template(), context)).as(what)
              .isInstanceOf(InterpolationException.class)
              .hasMessageContaining((String) c.expected())
              .hasMessageContaining(c.template());
      }
    }
  }
}
