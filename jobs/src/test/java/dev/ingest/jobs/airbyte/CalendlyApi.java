package dev.ingest.jobs.airbyte;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Calendly API v2 (developer.calendly.com/api-docs): a personal access token as {@code Bearer};
 * {@code GET /users/me} answers {@code {resource: {uri, current_organization, ...}}}; the list endpoints
 * {@code /event_types}, {@code /groups}, {@code /organization_memberships} and {@code /scheduled_events} need
 * {@code organization} (the organization's URI), take {@code sort} ({@code updated_at:desc} newest first),
 * {@code count} (default 20) and {@code page_token}, and answer {@code {collection, pagination: {count,
 * next_page, next_page_token}}}; {@code /scheduled_events} also filters on {@code min_start_time} (inclusive) and
 * {@code max_start_time} (exclusive). {@code GET /scheduled_events/{uuid}/invitees} lists one event's invitees
 * (no {@code organization}; {@code sort} {@code created_at:asc} by default or {@code created_at:desc}, {@code count},
 * {@code page_token}; the same {@code collection}/{@code pagination} answer; each invitee has {@code uri}
 * ({@code .../scheduled_events/{uuid}/invitees/{uuid}}), {@code email}, {@code name}, {@code status},
 * {@code created_at}, {@code updated_at} and {@code event}, the event's URI); an unknown event is a 404. Times are
 * ISO-8601 with microseconds.
 *
 * <p>Data, before {@code base}: 25 event types updated 1 to 25 days before it, 2 groups, 3 memberships and 4
 * scheduled events starting 4 to 1 days before it, with 22, 1, 0 and 2 invitees booked 10 days before it (minus
 * one hour per invitee).
 */
final class CalendlyApi extends ManifestApi {
  static final String TOKEN = "calendly-pat";
  static final int PAGE = 20;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");
  private final List<Map<String, Object>> eventTypes = new CopyOnWriteArrayList<>();
  private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
  private final Map<String, List<Map<String, Object>>> invitees = new java.util.concurrent.ConcurrentHashMap<>();
  private final Instant base;

  CalendlyApi(Instant base) throws IOException {
    this.base = base;
    for (int i = 1; i <= 25; i++) {
      eventType("ET" + i, base.minusSeconds(i * 86_400L));
    }
    int[] booked = {22, 1, 0, 2};
    for (int i = 1; i <= 4; i++) {
      event("EV" + i, base.minusSeconds((5 - i) * 86_400L), booked[i - 1]);
    }
  }

  /** Adds scheduled event {@code id} starting at {@code start} with {@code count} invitees. */
  void event(String id, Instant start, int count) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("uri", "https://api.calendly.com/scheduled_events/" + id);
    event.put("name", "Meeting " + id);
    event.put("start_time", time(start));
    event.put("updated_at", time(base.minusSeconds(10 * 86_400L)));
    events.add(event);
    List<Map<String, Object>> booked = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      Map<String, Object> invitee = new LinkedHashMap<>();
      invitee.put("uri", "https://api.calendly.com/scheduled_events/" + id + "/invitees/" + id + "-INV" + i);
      invitee.put("email", "guest" + i + "@example.com");
      invitee.put("name", "Guest " + i);
      invitee.put("status", "active");
      invitee.put("created_at", time(base.minusSeconds(10 * 86_400L + i * 3600L)));
      invitee.put("updated_at", time(base.minusSeconds(10 * 86_400L + i * 3600L)));
      invitee.put("event", event.get("uri"));
      booked.add(invitee);
    }
    invitees.put(id, booked);
  }

  String organization() {
    return origin() + "/organizations/ORG1";
  }

  /** Adds an event type updated at {@code updatedAt}. */
  void eventType(String id, Instant updatedAt) {
    Map<String, Object> type = new LinkedHashMap<>();
    type.put("uri", "https://api.calendly.com/event_types/" + id);
    type.put("name", "Type " + id);
    type.put("active", true);
    type.put("updated_at", time(updatedAt));
    eventTypes.add(type);
  }

  static String time(Instant at) {
    return TIME.format(at.atOffset(ZoneOffset.UTC));
  }

  @Override
  String authorization() {
    return "Bearer " + TOKEN;
  }

  @Override
  Response serve(Request request) {
    if (request.path().equals("/users/me")) {
      return Response.ok(Map.of("resource", Map.of("uri", origin() + "/users/U1", "name", "Ada",
          "email", "ada@example.com", "current_organization", organization())));
    }
    java.util.regex.Matcher invited = java.util.regex.Pattern.compile("/scheduled_events/([^/]+)/invitees")
        .matcher(request.path());
    if (invited.matches()) {
      List<Map<String, Object>> of = invitees.get(invited.group(1));
      if (of == null) {
        return new Response(404, Map.of("title", "Resource Not Found", "message", "unknown event"));
      }
      Comparator<Map<String, Object>> created = Comparator.comparing(r -> (String) r.get("created_at"));
      return page(request, of.stream().sorted("created_at:desc".equals(request.param("sort")) ? created.reversed()
          : created).toList());
    }
    if (!organization().equals(request.param("organization"))) {
      return new Response(400, Map.of("title", "Invalid Argument", "message", "organization is required"));
    }
    List<Map<String, Object>> all = switch (request.path()) {
      case "/event_types" -> new ArrayList<>(eventTypes);
      case "/groups" -> List.of(Map.of("uri", origin() + "/groups/G1", "name", "Sales"),
          Map.of("uri", origin() + "/groups/G2", "name", "Support"));
      case "/organization_memberships" -> List.of(1, 2, 3).stream().map(i -> (Map<String, Object>) Map.<String,
          Object>of("uri", origin() + "/organization_memberships/M" + i, "role", i == 1 ? "owner" : "user",
          "updated_at", time(base.minusSeconds(i * 3600L)))).toList();
      case "/scheduled_events" -> events.stream().filter(e -> {
        String start = (String) e.get("start_time");
        return (request.param("min_start_time") == null || start.compareTo(request.param("min_start_time")) >= 0)
            && (request.param("max_start_time") == null || start.compareTo(request.param("max_start_time")) < 0);
      }).toList();
      default -> null;
    };
    if (all == null) {
      return new Response(404, Map.of("title", "Resource Not Found", "message", "not found"));
    }
    if ("updated_at:desc".equals(request.param("sort"))) {
      all = all.stream().sorted(Comparator.comparing((Map<String, Object> r) -> (String) r.get("updated_at"))
          .reversed()).toList();
    }
    return page(request, all);
  }

  /** The page at {@code page_token} (an offset) of {@code all}, {@link #PAGE} records each. */
  private Response page(Request request, List<Map<String, Object>> all) {
    int offset = request.param("page_token") == null ? 0 : Integer.parseInt(request.param("page_token"));
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("count", Math.min(PAGE, all.size() - Math.min(offset, all.size())));
    boolean more = offset + PAGE < all.size();
    pagination.put("next_page", more ? origin() + request.path() + "?page_token=" + (offset + PAGE) : null);
    pagination.put("next_page_token", more ? String.valueOf(offset + PAGE) : null);
    return Response.ok(Map.of("collection", slice(all, offset, offset + PAGE), "pagination", pagination));
  }
}
