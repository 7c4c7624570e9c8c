package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mailchimp Marketing 3.0 (mailchimp.com/developer/marketing/docs/fundamentals): {@code count} (≤ 1000) +
 * {@code offset}, {@code {"<resource>":[…], "total_items", "_links"}}; {@code since_last_changed} on members,
 * {@code since_create_time} + {@code sort_field}/{@code sort_dir} on campaigns; HTTP Basic with any user name and
 * the API key as password; problem-detail errors {@code {type, title, status, detail, instance}}; 429 without
 * rate-limit headers (a concurrency limit).
 */
public final class MailchimpFake extends ProviderFake {
  public static final String API_KEY = "0123456789abcdef0123456789abcdef-us6";
  private static final Pattern MEMBERS = Pattern.compile("/lists/(\\w+)/members");
  private final Map<String, List<ObjectNode>> data = new LinkedHashMap<>();
  private int clock;

  public MailchimpFake() {
    for (int l = 0; l < 2; l++) {
      String listId = "a1b2c3d4e" + l;
      add("lists", Fakes.obj("id", listId, "web_id", 1000 + l, "name", "Audience " + l, "date_created", Fakes.iso(0),
          "stats", Fakes.obj("member_count", 4)));
      for (int m = 0; m < 4; m++) {
        add("members/" + listId, Fakes.obj("id", String.format("%032x", l * 100 + m), "email_address",
            "m" + m + "@example.com", "unique_email_id", "u" + l + m, "full_name", "Member " + m, "status",
            "subscribed", "merge_fields", Fakes.obj("FNAME", "Member", "LNAME", Integer.toString(m)),
            "timestamp_signup", "", "last_changed", stamp(clock++), "list_id", listId, "tags_count", 0));
      }
    }
    for (int i = 0; i < 5; i++) {
      add("campaigns", Fakes.obj("id", "c0ffee00" + i, "web_id", 2000 + i, "type", "regular", "create_time",
          stamp(clock++), "status", "sent", "emails_sent", 100));
      add("reports", Fakes.obj("id", "c0ffee00" + i, "campaign_title", "Campaign " + i, "emails_sent", 100,
          "opens", Fakes.obj("opens_total", 40, "open_rate", 0.4)));
      add("automations", Fakes.obj("id", "a0a0a0" + i, "create_time", stamp(0), "status", "sending",
          "emails_sent", 10));
    }
  }

  /** Mailchimp serves {@code 2024-01-01T10:00:00+00:00}. */
  private static String stamp(int hours) {
    return OffsetDateTime.parse(Fakes.iso(hours)).toLocalDateTime() + ":00+00:00";
  }

  private void add(String key, ObjectNode record) {
    data.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
  }

  @Override
  public String connector() {
    return "mailchimp";
  }

  @Override
  public Map<String, String> secret() {
    return Map.of("api_key", API_KEY);
  }

  @Override
  protected String root() {
    return "/3.0";
  }

  @Override
  protected boolean authorized(FakeRequest request) {
    String auth = request.header("Authorization").orElse("");
    if (!auth.startsWith("Basic ")) {
      return false;
    }
    String decoded = new String(java.util.Base64.getDecoder().decode(auth.substring(6)),
        java.nio.charset.StandardCharsets.UTF_8);
    return decoded.endsWith(":" + API_KEY);
  }

  private static FakeResponse problem(int status, String title, String detail) {
    return FakeResponse.of(status, Fakes.obj("type", "https://mailchimp.com/developer/marketing/docs/errors/",
        "title", title, "status", status, "detail", detail, "instance", "995c5cb0-3280-4a6e-808b-3b096d0bb219"));
  }

  @Override
  protected FakeResponse unauthorized() {
    return problem(401, "API Key Invalid", "Your API key may be invalid, or you've attempted to access the wrong "
        + "datacenter.");
  }

  @Override
  protected FakeResponse rateLimited() {
    return problem(429, "Too Many Requests", "You have exceeded the limit of 10 simultaneous connections.");
  }

  @Override
  protected FakeResponse notFound(FakeRequest request) {
    return problem(404, "Resource Not Found", "The requested resource could not be found.");
  }

  @Override
  protected FakeResponse route(FakeRequest request) {
    int count = request.intParam("count", 10);
    if (count > 1000) {
      return problem(400, "Invalid Resource", "count: must be at most 1000");
    }
    int offset = request.intParam("offset", 0);
    Matcher m = MEMBERS.matcher(request.path());
    if (m.matches()) {
      List<ObjectNode> members = new ArrayList<>(data.getOrDefault("members/" + m.group(1), List.of()));
      request.param("since_last_changed").map(OffsetDateTime::parse).ifPresent(since -> members.removeIf(
          r -> OffsetDateTime.parse(r.get("last_changed").asText()).isBefore(since)));
      return page("members", members, offset, count);
    }
    String resource = request.path().substring(1);
    if (!List.of("lists", "campaigns", "reports", "automations").contains(resource)) {
      return null;
    }
    List<ObjectNode> records = new ArrayList<>(data.get(resource));
    request.param("since_create_time").map(OffsetDateTime::parse).ifPresent(since -> records.removeIf(
        r -> OffsetDateTime.parse(r.get("create_time").asText()).isBefore(since)));
    if (request.param("sort_field").filter("create_time"::equals).isPresent()) {
      Comparator<ObjectNode> order = Comparator.comparing(r -> OffsetDateTime.parse(r.get("create_time").asText()));
      records.sort(request.param("sort_dir").filter("DESC"::equals).isPresent() ? order.reversed() : order);
    }
    return page(resource, records, offset, count);
  }

  private FakeResponse page(String key, List<ObjectNode> records, int offset, int count) {
    return FakeResponse.ok(Fakes.obj(key, Fakes.arr(Fakes.slice(records, offset, Math.min(count, PAGE_CAP))),
        "total_items", records.size(), "_links", Fakes.arr(List.of())));
  }

  @Override
  public List<JsonNode> expected(String endpoint) {
    if (endpoint.equals("members")) {
      List<JsonNode> out = new ArrayList<>();
      data.get("lists").forEach(l -> out.addAll(data.get("members/" + l.get("id").asText())));
      return out;
    }
    return List.copyOf(data.get(endpoint));
  }

  /** Members: one per audience changed later than all; campaigns: one created later than all. */
  @Override
  public List<JsonNode> advance(String endpoint) {
    clock += 10;
    List<JsonNode> changed = new ArrayList<>();
    if (endpoint.equals("campaigns")) {
      ObjectNode c = Fakes.obj("id", "c0ffee0099", "web_id", 2099, "type", "regular", "create_time", stamp(clock++),
          "status", "save", "emails_sent", 0);
      add("campaigns", c);
      changed.add(c);
      return changed;
    }
    data.get("lists").forEach(l -> {
      List<ObjectNode> members = data.get("members/" + l.get("id").asText());
      ObjectNode member = members.remove(0);
      member.put("last_changed", stamp(clock++));
      members.add(member);
      changed.add(member);
    });
    return changed;
  }
}
