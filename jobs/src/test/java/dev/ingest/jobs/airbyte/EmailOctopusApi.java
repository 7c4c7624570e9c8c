package dev.ingest.jobs.airbyte;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EmailOctopus API v1.6 (emailoctopus.com/api-documentation): the key in the {@code api_key} query parameter
 * (403 otherwise); {@code GET /campaigns} and {@code /lists} take {@code limit} (at most 100) and a 1-based
 * {@code page} (default 1) and answer {@code {"data": [...], "paging": {"previous": url|null, "next": url|null}}}.
 */
final class EmailOctopusApi extends ManifestApi {
  static final String KEY = "octopus-test-key";
  static final int CAMPAIGNS = 120;
  static final int LISTS = 7;

  EmailOctopusApi() throws IOException {}

  String urlBase() {
    return origin() + "/api/1.6";
  }

  @Override
  String authorization() {
    return null;
  }

  @Override
  Response serve(Request request) {
    if (!KEY.equals(request.param("api_key"))) {
      return new Response(403, Map.of("error", Map.of("code", "INVALID_PARAMETERS", "message", "bad key")));
    }
    List<Map<String, Object>> all = switch (request.path()) {
      case "/api/1.6/campaigns" -> campaigns();
      case "/api/1.6/lists" -> lists();
      default -> null;
    };
    if (all == null) {
      return new Response(404, Map.of("error", Map.of("code", "NOT_FOUND")));
    }
    int limit = Math.min(100, request.param("limit") == null ? 100 : Integer.parseInt(request.param("limit")));
    int page = request.param("page") == null ? 1 : Integer.parseInt(request.param("page"));
    List<Map<String, Object>> data = slice(all, (page - 1) * limit, page * limit);
    Map<String, Object> paging = new LinkedHashMap<>();
    paging.put("previous", page > 1 ? origin() + request.path() + "?page=" + (page - 1) : null);
    paging.put("next", page * limit < all.size() ? origin() + request.path() + "?page=" + (page + 1) : null);
    return Response.ok(Map.of("data", data, "paging", paging));
  }

  static List<Map<String, Object>> campaigns() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 1; i <= CAMPAIGNS; i++) {
      Map<String, Object> content = new LinkedHashMap<>();
      content.put("html", "<p>campaign " + i + "</p>");
      content.put("plain_text", "campaign " + i);
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("id", String.format("00000000-0000-0000-0000-%012d", i));
      record.put("status", i % 2 == 0 ? "SENT" : "DRAFT");
      record.put("name", "Campaign " + i);
      record.put("subject", "Subject " + i);
      record.put("content", content);
      record.put("created_at", "2024-03-01T00:00:00+00:00");
      out.add(record);
    }
    return out;
  }

  static List<Map<String, Object>> lists() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 1; i <= LISTS; i++) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("id", String.format("10000000-0000-0000-0000-%012d", i));
      record.put("name", "List " + i);
      record.put("double_opt_in", i % 2 == 0);
      record.put("tags", List.of("vip", "t" + i));
      record.put("counts", Map.of("pending", i, "subscribed", 10 * i, "unsubscribed", 0));
      out.add(record);
    }
    return out;
  }
}
