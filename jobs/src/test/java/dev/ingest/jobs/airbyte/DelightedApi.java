package dev.ingest.jobs.airbyte;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Delighted API v1 (app.delighted.com/docs/api): HTTP Basic auth with the API key as the user name and an empty
 * password; {@code GET /v1/people.json} takes {@code per_page} (at most 100) and {@code since}/{@code until} (Unix
 * timestamps, both inclusive, on {@code created_at}) and pages with a {@code Link: <...page_info=...>;
 * rel="next"} header; {@code /v1/unsubscribes.json} and {@code /v1/bounces.json} ({@code since}/{@code until} on
 * {@code unsubscribed_at}/{@code bounced_at}) and {@code /v1/survey_responses.json} ({@code updated_since}/
 * {@code updated_until} on {@code updated_at}) page with a 1-based {@code page}. Every list is a bare JSON array.
 *
 * <p>The data sits at fixed offsets after {@code start} (epoch seconds): people 150 in the first week and 10 in
 * the second, unsubscribes 3 + 2, bounces 1 in the third week, survey responses 120 in the second week.
 */
final class DelightedApi extends ManifestApi {
  static final String KEY = "delighted-test-key";
  static final long DAY = 86_400;

  private final Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
  private final long latencyMillis;

  DelightedApi(long start) throws IOException {
    this(start, 0);
  }

  /** @param latencyMillis how long each answer takes (so checkpoints complete mid-read) */
  DelightedApi(long start, long latencyMillis) throws IOException {
    this.latencyMillis = latencyMillis;
    List<Map<String, Object>> people = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 150; i++) {
      people.add(person("p" + i, start + 3600 + i * 60L));
    }
    for (int i = 0; i < 10; i++) {
      people.add(person("p" + (150 + i), start + 8 * DAY + i * 3600L));
    }
    data.put("people", people);
    List<Map<String, Object>> unsubscribes = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 5; i++) {
      unsubscribes.add(Map.of("person_id", "u" + i, "email", "u" + i + "@example.com",
          "unsubscribed_at", start + (i < 3 ? 2 * DAY : 9 * DAY) + i * 3600L));
    }
    data.put("unsubscribes", unsubscribes);
    data.put("bounces", new CopyOnWriteArrayList<>(List.of(Map.of("person_id", "b0", "email", "b0@example.com",
        "bounced_at", start + 15 * DAY))));
    List<Map<String, Object>> responses = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 120; i++) {
      responses.add(Map.of("id", "r" + i, "person", "p" + i, "score", i % 11, "created_at", start + 3600,
          "updated_at", start + 10 * DAY + i * 60L));
    }
    data.put("survey_responses", responses);
  }

  private static Map<String, Object> person(String id, long createdAt) {
    return Map.of("id", id, "name", "Person " + id, "email", id + "@example.com", "created_at", createdAt);
  }

  /** Adds a person created at {@code createdAt} (a record for the next run). */
  void addPerson(String id, long createdAt) {
    data.get("people").add(person(id, createdAt));
  }

  @Override
  String authorization() {
    return "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  Response serve(Request request) {
    if (latencyMillis > 0) {
      try {
        Thread.sleep(latencyMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Response(503, Map.of("status", 503, "message", "shutting down"));
      }
    }
    String stream = request.path().replaceFirst("^/v1/", "").replaceFirst("\\.json$", "");
    List<Map<String, Object>> all = data.get(stream);
    if (all == null) {
      return new Response(404, Map.of("status", 404, "message", "Resource not found"));
    }
    String field = switch (stream) {
      case "people" -> "created_at";
      case "unsubscribes" -> "unsubscribed_at";
      case "bounces" -> "bounced_at";
      default -> "updated_at";
    };
    String prefix = stream.equals("survey_responses") ? "updated_" : "";
    long since = Long.parseLong(orElse(request.param(prefix + "since"), "0"));
    long until = Long.parseLong(orElse(request.param(prefix + "until"), String.valueOf(Long.MAX_VALUE)));
    List<Map<String, Object>> matching = new ArrayList<>();
    for (Map<String, Object> record : all) {
      long value = ((Number) record.get(field)).longValue();
      if (value >= since && value <= until) {
        matching.add(record);
      }
    }
    int perPage = Math.min(100, Integer.parseInt(orElse(request.param("per_page"), "20")));
    if (stream.equals("people")) {
      int offset = Integer.parseInt(orElse(request.param("page_info"), "0"));
      List<Map<String, Object>> page = slice(matching, offset, offset + perPage);
      if (offset + perPage >= matching.size()) {
        return Response.ok(page);
      }
      String next = origin() + "/v1/people.json?per_page=" + perPage + "&page_info=" + (offset + perPage);
      return new Response(200, page, Map.of("Link", "<" + next + ">; rel=\"next\""));
    }
    int page = Integer.parseInt(orElse(request.param("page"), "1"));
    return Response.ok(slice(matching, (page - 1) * perPage, page * perPage));
  }

  private static String orElse(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
