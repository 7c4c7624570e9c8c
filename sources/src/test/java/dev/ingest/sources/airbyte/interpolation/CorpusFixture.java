package dev.ingest.sources.airbyte.interpolation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The values the corpus expressions are evaluated against: a config holding every field the corpus manifests read,
 * a response, Link header, stream slice and record shaped as their APIs return them, and a fixed clock
 * (2024-03-05T06:07:08.123456Z). Tests change a copy with {@link #with} to reach the other branches.
 */
final class CorpusFixture {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-05T06:07:08.123456Z"), ZoneOffset.UTC);

  final Map<String, Object> config = new LinkedHashMap<>();
  final Map<String, Object> credentials = new LinkedHashMap<>();
  final Map<String, Object> response = new LinkedHashMap<>();
  final Map<String, Object> paging = new LinkedHashMap<>();
  final Map<String, Object> pagination = new LinkedHashMap<>();
  final Map<String, List<String>> headers = new HashMap<>();
  final Map<String, Object> partition = new LinkedHashMap<>();
  final Map<String, Object> interval = new LinkedHashMap<>();
  final Map<String, Object> record = new LinkedHashMap<>();

  CorpusFixture() {
    config.put("api_key", "key-0123456789");
    config.put("token", "tok-abcdef");
    config.put("account_subdomain", "acme");
    config.put("start_date", "2023-08-01T00:00:00Z");
    config.put("since", "2022-05-30T04:50:23Z");
    config.put("base_url", "https://acme.us.auth0.com/");
    config.put("tag", "politics");
    config.put("section", "world");
    config.put("query", "election");
    config.put("private_key", "pk-secret-1");
    config.put("username", "user@acme.io");
    config.put("password", "pw-secret-1");
    config.put("environment", "Production");
    config.put("domain_region", "US");
    credentials.put("client_id", "cid-1");
    credentials.put("client_secret", "csecret-1");
    credentials.put("refresh_token", "rtoken-1");
    credentials.put("api_key", "lever-key-1");
    credentials.put("access_token", "atoken-1");
    credentials.put("audience", "https://acme.us.auth0.com/api/v2/");
    config.put("credentials", credentials);
    paging.put("next", "https://acme.workable.com/spi/v3/jobs?since_id=2");
    pagination.put("next_page_token", "tok-3");
    pagination.put("next", "https://api.mailgun.net/v3/acme.io/events/page-2");
    response.put("next", "cursor-2");
    response.put("hasNext", false);
    response.put("paging", paging);
    response.put("pagination", pagination);
    headers.put("Link", List.of("<https://api.delighted.com/v1/people.json?page_info=abc>; rel=\"next\""));
    partition.put("parent_id", "org_1");
    partition.put("parent_slice", Map.of("parent_id", "org_0"));
    partition.put("parent_user_id", "user_1");
    partition.put("productId", "prod-1");
    partition.put("organizationId", "orgid-1");
    partition.put("scheduled_event_id", "ev-1");
    partition.put("incident_id", "inc-1");
    interval.put("start_time", "2024-01-01T00:00:00.000Z");
    interval.put("end_time", "2024-01-31T23:59:59.999Z");
    record.put("uri", "https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2");
  }

  /** This fixture after a change. */
  CorpusFixture with(Consumer<CorpusFixture> change) {
    change.accept(this);
    return this;
  }

  InterpolationContext context() {
    return InterpolationContext.builder()
        .config(config)
        .response(response)
        .headers(headers)
        .streamSlice(partition, interval)
        .record(record)
        .build();
  }
}
