package dev.ingest.jobs.airbyte;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.jobs.spec.PipelineSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corpus manifests with {@code DatetimeBasedCursor}, unmodified, as pipelines against fakes written from the
 * providers' docs: every stream lands window by window, each window's boundaries checked request by request; the
 * cursor a run reaches is committed with the run ({@code _ingest_runs.cursor_end}) and the next run asks only from
 * there, landing no duplicate (upsert on the manifest's primary key takes the one record on the boundary, which
 * Airbyte also reads twice: windows are inclusive).
 */
class ManifestIncrementalPipelinesITCase {
  private static final long WEEK = 7 * DelightedApi.DAY;
  @TempDir Path dir;

  @Test
  void delightedLandsEveryStreamWeekByWeekAndTheNextRunStartsAtTheCommittedCursor() throws Exception {
    long start = Instant.now().truncatedTo(ChronoUnit.DAYS).getEpochSecond() - 20 * DelightedApi.DAY;
    String since = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(start));
    try (DelightedApi api = new DelightedApi(start)) {
      ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("delighted", Map.of("api_key",
          DelightedApi.KEY));
      List<String> streams = List.of("people", "unsubscribes", "bounces", "survey_responses");
      String yaml = ManifestPipelineRun.yaml("delighted", "source-delighted.yaml", String.join("\n",
          "url_base: " + api.origin() + "/v1/", "since: " + since), "delighted",
          streams.stream().map(s -> "{ name: " + s + ", write_mode: upsert }").toList());
      PipelineSpec pipeline = run.run(yaml);

      assertThat(run.rows(pipeline, "people")).hasSize(160);
      assertThat(run.rows(pipeline, "unsubscribes")).hasSize(5);
      assertThat(run.rows(pipeline, "bounces")).hasSize(1);
      assertThat(run.rows(pipeline, "survey_responses")).hasSize(120);

      // P1W windows with PT1S granularity from `since` to the manifest's end, today_utc() (midnight): three
      List<ManifestApi.Request> people = api.requests("/v1/people.json");
      List<String> lines = people.stream().map(ManifestApi.Request::line).toList();
      String w0 = "since=" + start + "&until=" + (start + WEEK - 1);
      String w1 = "since=" + (start + WEEK) + "&until=" + (start + 2 * WEEK - 1);
      int discovery = lines.size() - 4;
      assertThat(lines.subList(discovery, lines.size() - 1)).containsExactly(
          "/v1/people.json?per_page=100&" + w0,
          "/v1/people.json?page_info=100&per_page=100&" + w0,
          "/v1/people.json?per_page=100&" + w1);
      ManifestApi.Request last = people.get(people.size() - 1);
      assertThat(last.param("since")).isEqualTo(String.valueOf(start + 2 * WEEK));
      assertThat(last.param("until")).isEqualTo(String.valueOf(start + 20 * DelightedApi.DAY));
      // the run's own requests are the last four (discovery read the empty first week and the second's first page)
      List<String> surveys = api.requests("/v1/survey_responses.json").stream().map(ManifestApi.Request::line)
          .toList();
      assertThat(surveys).hasSize(2 + 4);
      assertThat(surveys.subList(2, 5)).containsExactly(
          "/v1/survey_responses.json?per_page=100&updated_since=" + start + "&updated_until=" + (start + WEEK - 1),
          "/v1/survey_responses.json?per_page=100&updated_since=" + (start + WEEK) + "&updated_until="
              + (start + 2 * WEEK - 1),
          "/v1/survey_responses.json?page=2&per_page=100&updated_since=" + (start + WEEK) + "&updated_until="
              + (start + 2 * WEEK - 1));
      assertThat(api.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo(api.authorization()));

      // the cursor each stream reached is committed with the run, as ISO-8601 UTC
      Record peopleRun = run.runRow(pipeline, "people");
      assertThat(peopleRun.getField("status")).isEqualTo("SUCCEEDED");
      assertThat(peopleRun.getField("cursor_end")).isEqualTo(iso(start + 8 * DelightedApi.DAY + 9 * 3600));
      assertThat(run.runRow(pipeline, "bounces").getField("cursor_end")).isEqualTo(iso(start + 15 * DelightedApi.DAY));

      // second run: one new person (before today, the manifest's end); every stream asks only from its cursor on
      long added = start + 19 * DelightedApi.DAY;
      api.addPerson("p-new", added);
      int sent = api.requests().size();
      run.run(yaml);
      List<ManifestApi.Request> second = api.requests().subList(sent, api.requests().size());
      long cursor = start + 8 * DelightedApi.DAY + 9 * 3600;
      assertThat(second.stream().filter(r -> r.path().equals("/v1/people.json")).map(r -> r.param("since"))
          .toList()).containsExactly(String.valueOf(cursor), String.valueOf(cursor + WEEK));
      assertThat(second.stream().filter(r -> r.path().equals("/v1/bounces.json")).map(r -> r.param("since"))
          .toList()).containsExactly(String.valueOf(start + 15 * DelightedApi.DAY));
      assertThat(run.rows(pipeline, "people")).hasSize(161);
      assertThat(run.rows(pipeline, "unsubscribes")).hasSize(5);
      assertThat(run.rows(pipeline, "bounces")).hasSize(1);
      assertThat(run.rows(pipeline, "survey_responses")).hasSize(120);
      List<Record> peopleRuns = run.runRows(pipeline, "people");
      assertThat(peopleRuns).hasSize(2);
      assertThat(peopleRuns.get(1).getField("cursor_start")).isEqualTo(iso(cursor));
      assertThat(peopleRuns.get(1).getField("cursor_end")).isEqualTo(iso(added));
      assertThat(peopleRuns.get(1).getField("rows")).isEqualTo(2L); // the boundary record and the new one
    }
  }

  @Test
  void mailgunLandsLogsHourByHourWithTheWindowInTheJsonBodyAndResumesFromTheCommittedCursor() throws Exception {
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (MailgunApi api = new MailgunApi(base)) {
      ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("mailgun", Map.of("private_key",
          MailgunApi.KEY));
      // no start_date: the manifest's start is now_utc() - P1D (with start_date its template fails, in Airbyte too)
      String yaml = ManifestPipelineRun.yaml("mailgun", "source-mailgun.yaml", "url_base: " + api.origin(),
          "mailgun", List.of("{ name: domains, write_mode: upsert }", "{ name: logs, write_mode: upsert }"));
      PipelineSpec pipeline = run.run(yaml);

      assertThat(run.column(pipeline, "domains", "id")).containsExactly("dom1", "dom2", "dom3");
      assertThat(run.rows(pipeline, "logs")).hasSize(135);
      List<JsonNode> bodies = bodies(api.requests("/v1/analytics/logs"));
      // the run's own requests: 24 hourly windows (PT1H step, PT0.001S granularity) and the burst's second page;
      // discovery walked the empty first windows before them, from the same start: the run's own windows are the
      // last run of ascending starts
      List<JsonNode> windowBodies = bodies.stream().filter(b -> !b.path("pagination").has("token")).toList();
      int from = windowBodies.size() - 1;
      while (from > 0 && rfc2822(windowBodies.get(from - 1).path("start"))
          .isBefore(rfc2822(windowBodies.get(from).path("start")))) {
        from--;
      }
      List<JsonNode> windowsOwn = windowBodies.subList(from, windowBodies.size());
      int ownFrom = bodies.size() - 1;
      while (bodies.get(ownFrom) != windowsOwn.get(0)) { // the same request, not an equal one of discovery's
        ownFrom--;
      }
      List<JsonNode> own = bodies.subList(ownFrom, bodies.size());
      Instant first = rfc2822(own.get(0).path("start"));
      assertThat(first).isBetween(base.minusSeconds(86_400), base.minusSeconds(86_400 - 60));
      // the end is now_utc() at whole seconds, the start now_utc() - P1D with microseconds, evaluated a moment
      // apart: 24 windows, or (when that moment crossed a second boundary) a 25th of under a second at the end,
      // from the start's instant a day on (shown at whole seconds) to the next whole second
      if (windowsOwn.size() == 25) {
        JsonNode sliver = windowsOwn.get(24);
        assertThat(rfc2822(sliver.path("start"))).isEqualTo(first.plusSeconds(86_400));
        assertThat(rfc2822(sliver.path("end"))).isEqualTo(first.plusSeconds(86_401));
      } else {
        assertThat(windowsOwn).hasSize(24);
      }
      for (int k = 0; k < 24; k++) {
        assertThat(rfc2822(windowsOwn.get(k).path("start"))).as("window %d", k)
            .isEqualTo(first.plusSeconds(3600L * k));
      }
      List<JsonNode> paged = own.stream().filter(b -> b.path("pagination").has("token")).toList();
      assertThat(paged).singleElement().satisfies(b -> {
        assertThat(b.path("pagination").path("token").asInt()).isEqualTo(100);
        assertThat(b.path("pagination").path("limit").asInt()).isEqualTo(100);
        assertThat(b.path("pagination").path("sort").asText()).isEqualTo("timestamp:asc");
        assertThat(rfc2822(b.path("start"))).isEqualTo(first.plusSeconds(3600L * 10)); // the burst's hour
      });
      assertThat(api.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo(api.authorization()));
      Instant cursor = base.minusSeconds(13 * 3600L + 40 * 60).plusSeconds(4L * 129);
      assertThat(run.runRow(pipeline, "logs").getField("cursor_end")).isEqualTo(
          DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(cursor.atOffset(ZoneOffset.UTC)));

      // second run: two new events; the first window starts at the committed cursor
      api.event("new-1", cursor.plusSeconds(5 * 3600L + 1800));
      api.event("new-2", cursor.plusSeconds(5 * 3600L + 2400));
      int sent = api.requests("/v1/analytics/logs").size();
      run.run(yaml);
      List<JsonNode> second = bodies(api.requests("/v1/analytics/logs")).subList(sent, bodies(
          api.requests("/v1/analytics/logs")).size());
      assertThat(rfc2822(second.get(0).path("start"))).isEqualTo(cursor);
      assertThat(second).hasSize(14); // hourly from the cursor (13h31m before the first run) to now, one page each
      assertThat(run.rows(pipeline, "logs")).hasSize(137);
      List<Record> logRuns = run.runRows(pipeline, "logs");
      assertThat(logRuns.get(1).getField("rows")).isEqualTo(3L); // the boundary event and the two new ones
      assertThat(logRuns.get(1).getField("cursor_end")).isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
          cursor.plusSeconds(5 * 3600L + 2400).atOffset(ZoneOffset.UTC)));
    }
  }

  @Test
  void calendlyLandsEveryStreamAndReadsInviteesOnlyOfEventsSinceTheCommittedCursor() throws Exception {
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (CalendlyApi api = new CalendlyApi(base)) {
      ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("calendly", Map.of("api_key", CalendlyApi.TOKEN));
      Instant startDate = base.minusSeconds(30 * DelightedApi.DAY);
      List<String> streams = List.of("event_types", "api_user", "groups", "organization_memberships",
          "scheduled_events", "event_invitees");
      String yaml = ManifestPipelineRun.yaml("calendly", "source-calendly.yaml", String.join("\n",
          "url_base: " + api.origin(), "start_date: " + DateTimeFormatter.ISO_INSTANT.format(startDate)), "calendly",
          streams.stream().map(s -> "{ name: " + s + ", write_mode: upsert }").toList());
      PipelineSpec pipeline = run.run(yaml);

      assertThat(run.rows(pipeline, "api_user")).hasSize(1);
      assertThat(run.rows(pipeline, "groups")).hasSize(2);
      assertThat(run.rows(pipeline, "organization_memberships")).hasSize(3);
      assertThat(run.rows(pipeline, "event_types")).hasSize(25);
      assertThat(run.column(pipeline, "scheduled_events", "id")).containsExactly("EV1", "EV2", "EV3", "EV4");
      // event_invitees: its parent (scheduled_events, in one window from start_date) yields one partition per event;
      // each event's invitees are paged by page_token (EV1 has 22: two pages), newest first (a data feed)
      assertThat(run.rows(pipeline, "event_invitees")).hasSize(25);
      assertThat(run.column(pipeline, "event_invitees", "id")).hasSize(25).contains("EV1-INV1", "EV1-INV22",
          "EV2-INV1", "EV4-INV1", "EV4-INV2");
      assertThat(run.column(pipeline, "event_invitees", "scheduled_event_id")).containsOnly("EV1", "EV2", "EV4");
      // every /scheduled_events request (schema discovery and run, of scheduled_events and of event_invitees'
      // parent) asks from start_date
      assertThat(api.requests("/scheduled_events")).hasSize(4)
          .extracting(r -> r.param("min_start_time")).containsOnly(CalendlyApi.time(startDate));
      // the schema discovery reads EV1's first page once more
      assertThat(inviteeLines(api, 0)).containsExactlyInAnyOrder(
          "/scheduled_events/EV1/invitees?sort=created_at:desc",
          "/scheduled_events/EV1/invitees?sort=created_at:desc",
          "/scheduled_events/EV1/invitees?sort=created_at:desc&page_token=20",
          "/scheduled_events/EV2/invitees?sort=created_at:desc",
          "/scheduled_events/EV3/invitees?sort=created_at:desc",
          "/scheduled_events/EV4/invitees?sort=created_at:desc");
      // the state keeps each event's own invitee cursor (the newest created_at; EV3 has no invitee, so no cursor),
      // their max as the global cursor, and the parent's: the latest start_time of an event read (EV4's)
      Instant created = base.minusSeconds(10 * DelightedApi.DAY + 3600);
      String firstState = inviteesState(api, List.of("EV1", "EV2", "EV4"), created, base.minusSeconds(DelightedApi.DAY));
      assertThat(run.runRow(pipeline, "event_invitees").getField("cursor_end")).isEqualTo(firstState);
      String organization = "organization=" + api.organization();
      List<String> types = api.requests("/event_types").stream().map(ManifestApi.Request::line).toList();
      // the data feed pages on while the last record is newer than the start (2021-01-01): both pages
      assertThat(types.subList(types.size() - 2, types.size())).containsExactly(
          "/event_types?sort=updated_at:desc&" + organization,
          "/event_types?sort=updated_at:desc&page_token=20&" + organization);
      ManifestApi.Request events = api.requests("/scheduled_events").get(api.requests("/scheduled_events").size() - 1);
      assertThat(events.param("min_start_time")).isEqualTo(CalendlyApi.time(startDate));
      assertThat(Instant.parse(events.param("max_start_time"))).isBetween(base, base.plusSeconds(120));
      assertThat(api.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo(api.authorization()));
      // event_types is partitioned by organization (a substream of api_user): its cursor is kept per organization
      assertThat(run.runRow(pipeline, "event_types").getField("cursor_end")).isEqualTo(
          organizationState(api, "updated_at", base.minusSeconds(DelightedApi.DAY)));

      // second run: one newer event type; page 1 ends with a record older than the cursor, so page 2 is not asked;
      // one new scheduled event (EV5, an hour ago) with one invitee
      api.eventType("ET-new", base.minusSeconds(3600));
      api.event("EV5", base.minusSeconds(3600), 1);
      int sentInvitees = inviteeLines(api, 0).size();
      int sentTypes = api.requests("/event_types").size();
      int sentEvents = api.requests("/scheduled_events").size();
      run.run(yaml);
      assertThat(api.requests("/event_types").subList(sentTypes, api.requests("/event_types").size()))
          .extracting(ManifestApi.Request::line).containsExactly("/event_types?sort=updated_at:desc&" + organization);
      assertThat(api.requests("/scheduled_events").subList(sentEvents, api.requests("/scheduled_events").size()))
          .extracting(r -> r.param("min_start_time")).containsExactly(CalendlyApi.time(base.minusSeconds(
              DelightedApi.DAY)), CalendlyApi.time(base.minusSeconds(DelightedApi.DAY))); // the stream, the parent
      // event_invitees' parent asks only from the committed mark (EV4's start): the invitees of EV4 (again, the
      // boundary) and of the new EV5 are read, EV1 to EV3's are not
      assertThat(inviteeLines(api, sentInvitees)).containsExactlyInAnyOrder(
          "/scheduled_events/EV4/invitees?sort=created_at:desc",
          "/scheduled_events/EV5/invitees?sort=created_at:desc");
      assertThat(run.rows(pipeline, "event_invitees")).hasSize(26); // EV4's two upserted, EV5-INV1 new
      assertThat(run.column(pipeline, "event_invitees", "id")).doesNotHaveDuplicates().contains("EV5-INV1");
      Record inviteesRun = run.runRows(pipeline, "event_invitees").get(1);
      assertThat(inviteesRun.getField("rows")).isEqualTo(3L);
      assertThat(inviteesRun.getField("cursor_start")).isEqualTo(firstState);
      // EV1 and EV2, not read again, keep their cursors; EV5 joins; the parent cursor moves to EV5's start
      assertThat(inviteesRun.getField("cursor_end")).isEqualTo(inviteesState(api, List.of("EV1", "EV2", "EV4", "EV5"),
          created, base.minusSeconds(3600)));
      assertThat(run.rows(pipeline, "event_types")).hasSize(26);
      assertThat(run.rows(pipeline, "scheduled_events")).hasSize(5);
      assertThat(run.runRows(pipeline, "event_types").get(1).getField("cursor_end")).isEqualTo(
          organizationState(api, "updated_at", base.minusSeconds(3600)));
    }
  }

  /** The committed state of a stream partitioned by the one organization of api_user. */
  private static String organizationState(CalendlyApi api, String field, Instant value) {
    String cursor = "{\"" + field + "\":\"" + DateTimeFormatter.ISO_INSTANT.format(value) + "\"}";
    return "{\"states\":[{\"partition\":{\"organization_uri\":\"" + api.organization()
        + "\",\"parent_slice\":{}},\"cursor\":" + cursor + "}],\"state\":" + cursor + ",\"use_global_cursor\":false}";
  }

  /**
   * event_invitees' committed state: one partition per event (its parent_slice the organization the events were
   * read for) with its invitee cursor, and the parent's cursor.
   */
  private static String inviteesState(CalendlyApi api, List<String> events, Instant created, Instant parentStart) {
    String cursor = "{\"created_at\":\"" + DateTimeFormatter.ISO_INSTANT.format(created) + "\"}";
    List<String> states = events.stream().map(e -> "{\"partition\":{\"parent_slice\":{\"organization_uri\":\""
        + api.organization() + "\"},\"scheduled_event_id\":\"" + e + "\"},\"cursor\":" + cursor + "}").toList();
    return "{\"states\":[" + String.join(",", states) + "],\"state\":" + cursor
        + ",\"parent_state\":{\"scheduled_events\":{\"start_time\":\""
        + DateTimeFormatter.ISO_INSTANT.format(parentStart) + "\"}},\"use_global_cursor\":false}";
  }

  /** The request lines of every event's invitees, from the {@code from}-th on. */
  private static List<String> inviteeLines(CalendlyApi api, int from) {
    List<String> lines = api.requests().stream().map(ManifestApi.Request::line)
        .filter(line -> line.matches("/scheduled_events/[^/?]+/invitees.*")).toList();
    return lines.subList(from, lines.size());
  }

  private static List<JsonNode> bodies(List<ManifestApi.Request> requests) {
    return requests.stream().map(r -> {
      try {
        return ManifestApi.JSON.readTree(r.body());
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }).toList();
  }

  private static Instant rfc2822(JsonNode text) {
    return OffsetDateTime.parse(text.asText(), MailgunApi.RFC_2822).toInstant();
  }

  private static String iso(long epochSecond) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(Instant.ofEpochSecond(
        epochSecond), ZoneOffset.UTC));
  }
}
