package dev.ingest.jobs.airbyte;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Mailgun API (documentation.mailgun.com): HTTP Basic auth with user {@code api} and the private API key;
 * {@code GET /v3/domains} takes {@code skip}/{@code limit} and answers {@code {total_count, items}};
 * {@code POST /v1/analytics/logs} takes a JSON body with {@code start}/{@code end} (RFC 2822, both inclusive) and
 * {@code pagination: {sort, limit, token}} and answers {@code {start, end, items, pagination: {next}}}, each event
 * with an {@code id} and an {@code @timestamp} in ISO-8601 with milliseconds; {@code next} is absent on the last
 * page.
 *
 * <p>The events sit at fixed offsets before {@code base} (whole seconds, each at least 20 minutes from an hour
 * boundary of a read that starts one day before {@code base}): one at 19h30, 18h30, 17h30, 16h30 and 15h30 before
 * it, and a burst of 130, 4 s apart, from 13h40 before it (two pages of 100).
 */
final class MailgunApi extends ManifestApi {
  static final String KEY = "mailgun-private-key";
  static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
      java.util.Locale.ROOT);
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

  private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();

  MailgunApi(Instant base) throws IOException {
    for (int i = 0; i < 5; i++) {
      event("single-" + i, base.minusSeconds((19 - i) * 3600L + 1800));
    }
    Instant burst = base.minusSeconds(13 * 3600L + 40 * 60);
    for (int i = 0; i < 130; i++) {
      event("burst-" + i, burst.plusSeconds(4L * i));
    }
  }

  /** Adds an event at {@code at} (one for the next run). */
  void event(String id, Instant at) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", id);
    event.put("@timestamp", TIMESTAMP.format(at.atOffset(ZoneOffset.UTC)));
    event.put("event", "delivered");
    event.put("recipient", id + "@example.com");
    events.add(event);
  }

  static List<Map<String, Object>> domains() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      out.add(Map.of("id", "dom" + i, "name", "mg" + i + ".example.com", "state", "active",
          "created_at", "Tue, 02 Jan 2024 10:00:00 GMT"));
    }
    return out;
  }

  @Override
  String authorization() {
    return "Basic " + Base64.getEncoder().encodeToString(("api:" + KEY).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  Response serve(Request request) {
    if (request.path().equals("/v3/domains") && request.method().equals("GET")) {
      int skip = request.param("skip") == null ? 0 : Integer.parseInt(request.param("skip"));
      List<Map<String, Object>> all = domains();
      return Response.ok(Map.of("total_count", all.size(), "items", slice(all, skip, skip + 100)));
    }
    if (!request.path().equals("/v1/analytics/logs") || !request.method().equals("POST")) {
      return new Response(404, Map.of("message", "not found"));
    }
    JsonNode body;
    try {
      body = JSON.readTree(request.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Instant start = OffsetDateTime.parse(body.path("start").asText(), RFC_2822).toInstant();
    Instant end = OffsetDateTime.parse(body.path("end").asText(), RFC_2822).toInstant();
    int limit = body.path("pagination").path("limit").asInt(10);
    int offset = body.path("pagination").path("token").asInt(0);
    List<Map<String, Object>> matching = new ArrayList<>();
    for (Map<String, Object> event : events) {
      Instant at = Instant.parse((String) event.get("@timestamp"));
      if (!at.isBefore(start) && !at.isAfter(end)) {
        matching.add(event);
      }
    }
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("first", "0");
    if (offset + limit < matching.size()) {
      pagination.put("next", String.valueOf(offset + limit));
    }
    return Response.ok(Map.of("start", body.path("start").asText(), "end", body.path("end").asText(),
        "items", slice(matching, offset, offset + limit), "pagination", pagination));
  }
}
