package dev.ingest.jobs.airbyte;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workable SPI v3 (workable.readme.io): {@code Authorization: Bearer <token>}; {@code GET /spi/v3/jobs},
 * {@code /candidates}, {@code /stages}, {@code /recruiters} answer {@code {"<stream>": [...], "paging": {"next":
 * url}}}, where {@code next} is the absolute URL of the next page ({@code since_id} of the last record) and is
 * absent on the last page. {@code limit} asks for a page size; this fake serves at most {@value #PAGE_CAP} records
 * per page whatever is asked, as a real API may serve fewer, so paging walks several pages.
 */
final class WorkableApi extends ManifestApi {
  static final String TOKEN = "workable-test-token";
  static final int PAGE_CAP = 3;
  static final Map<String, Integer> SIZES = Map.of("jobs", 7, "candidates", 10, "stages", 3, "recruiters", 2);
  private final Map<String, Integer> sizes;
  private final long latencyMillis;

  WorkableApi() throws IOException {
    this(SIZES.get("candidates"), 0);
  }

  /** An API with {@code candidates} candidates answering each request after {@code latencyMillis}. */
  WorkableApi(int candidates, long latencyMillis) throws IOException {
    Map<String, Integer> sizes = new java.util.HashMap<>(SIZES);
    sizes.put("candidates", candidates);
    this.sizes = Map.copyOf(sizes);
    this.latencyMillis = latencyMillis;
  }

  @Override
  String authorization() {
    return "Bearer " + TOKEN;
  }

  @Override
  Response serve(Request request) {
    String stream = request.path().substring("/spi/v3/".length());
    if (!request.path().startsWith("/spi/v3/") || !sizes.containsKey(stream)) {
      return new Response(404, Map.of("error", "Not found"));
    }
    pause();
    List<Map<String, Object>> all = records(stream, sizes.get(stream));
    int from = 0;
    if (request.param("since_id") != null) {
      String since = request.param("since_id");
      for (int i = 0; i < all.size(); i++) {
        if (key(stream, all.get(i)).equals(since)) {
          from = i + 1;
        }
      }
    }
    int limit = request.param("limit") == null ? 50 : Integer.parseInt(request.param("limit"));
    List<Map<String, Object>> page = slice(all, from, from + Math.min(limit, PAGE_CAP));
    Map<String, Object> paging = new LinkedHashMap<>();
    if (from + page.size() < all.size()) {
      paging.put("next", origin() + request.path() + "?limit=" + limit + "&since_id="
          + key(stream, page.get(page.size() - 1)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(stream, page);
    body.put("paging", paging);
    return Response.ok(body);
  }

  private static String key(String stream, Map<String, Object> record) {
    return String.valueOf(record.get(stream.equals("stages") ? "slug" : "id"));
  }

  private void pause() {
    try {
      Thread.sleep(latencyMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static List<Map<String, Object>> records(String stream, int count) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      Map<String, Object> record = new LinkedHashMap<>();
      if (stream.equals("stages")) {
        record.put("slug", "stage-" + i);
        record.put("name", "Stage " + i);
        record.put("kind", "interview");
        record.put("position", i);
      } else {
        record.put("id", stream.charAt(0) + Integer.toString(1000 + i));
        record.put("name", stream + " " + i);
        record.put("created_at", "2024-02-0" + (1 + i % 9) + "T08:00:00Z");
      }
      out.add(record);
    }
    return out;
  }

  /** Pages a stream takes at {@value #PAGE_CAP} records per page. */
  static int pages(String stream) {
    return Math.max(1, (SIZES.get(stream) + PAGE_CAP - 1) / PAGE_CAP);
  }
}
