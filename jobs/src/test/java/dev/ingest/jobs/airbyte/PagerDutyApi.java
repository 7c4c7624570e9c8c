package dev.ingest.jobs.airbyte;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty REST API v2 (developer.pagerduty.com/api-reference): {@code Authorization: Token token=<key>}; list
 * endpoints ({@code /incidents}, {@code /teams}, {@code /services}, {@code /users}, {@code /priorities}) answer
 * {@code {"<resource>": [...], "limit": 25, "offset": 0, "more": false, "total": null}} (classic offset paging; the
 * manifest reads the first page only), {@code /incidents/{id}/log_entries} answers {@code {"log_entries": [...]}}.
 */
final class PagerDutyApi extends ManifestApi {
  static final String KEY = "pd-test-key";
  static final int INCIDENTS = 4;
  static final int LOGS_PER_INCIDENT = 3;
  static final Map<String, Integer> SIZES = Map.of("teams", 2, "services", 3, "users", 5, "priorities", 4);

  PagerDutyApi() throws IOException {}

  @Override
  String authorization() {
    return "Token token=" + KEY;
  }

  @Override
  Response serve(Request request) {
    String path = request.path();
    if (path.equals("/incidents")) {
      return list("incidents", incidents());
    }
    if (path.startsWith("/incidents/") && path.endsWith("/log_entries")) {
      String id = path.substring("/incidents/".length(), path.length() - "/log_entries".length());
      if (incidents().stream().noneMatch(i -> i.get("id").equals(id))) {
        return new Response(404, Map.of("error", Map.of("message", "Not Found", "code", 2100)));
      }
      return list("log_entries", logs(id));
    }
    String resource = path.substring(1);
    if (SIZES.containsKey(resource)) {
      return list(resource, resources(resource));
    }
    return new Response(404, Map.of("error", Map.of("message", "Not Found", "code", 2100)));
  }

  private static Response list(String key, List<Map<String, Object>> records) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(key, records);
    body.put("limit", 25);
    body.put("offset", 0);
    body.put("more", false);
    body.put("total", null);
    return Response.ok(body);
  }

  static List<Map<String, Object>> incidents() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 1; i <= INCIDENTS; i++) {
      out.add(Map.of("id", "PINC" + i, "type", "incident", "title", "Incident " + i, "status", "resolved",
          "incident_number", i, "urgency", "high"));
    }
    return out;
  }

  static List<Map<String, Object>> logs(String incident) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 1; i <= LOGS_PER_INCIDENT; i++) {
      out.add(Map.of("id", incident + "-L" + i, "type", "trigger_log_entry", "summary", "log " + i + " of "
          + incident, "incident", Map.of("id", incident, "type", "incident_reference")));
    }
    return out;
  }

  static List<Map<String, Object>> resources(String resource) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 1; i <= SIZES.get(resource); i++) {
      out.add(Map.of("id", resource.substring(0, 1).toUpperCase() + "ID" + i, "type", resource, "name",
          resource + " " + i, "summary", resource + " " + i));
    }
    return out;
  }
}
