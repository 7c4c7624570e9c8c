package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub REST (docs.github.com/rest): root JSON arrays, {@code per_page} + {@code page} with a {@code Link:
 * <…>; rel="next"} header, {@code since} on issues, issue comments and commits, {@code x-ratelimit-*} headers,
 * {@code {"message":"Bad credentials"}} 401s and 403 secondary rate limits with {@code retry-after}. Requires the
 * {@code X-GitHub-Api-Version} header. Organization {@code acme} with repositories widgets and gadgets.
 */
public final class GitHubFake extends ProviderFake {
  public static final String TOKEN = "github_pat_contract_11ABCDEFG";
  private static final Pattern REPO = Pattern.compile("/repos/acme/(\\w+)/(issues/comments|issues|pulls|commits|releases)");
  private final List<ObjectNode> repos = new ArrayList<>();
  private final Map<String, List<ObjectNode>> byRepo = new LinkedHashMap<>();
  private int clock = 0;
  private long ids = 1000;

  public GitHubFake() {
    for (String name : List.of("gadgets", "widgets")) {
      repos.add(Fakes.obj("id", ids++, "node_id", "R_" + name, "name", name, "full_name", "acme/" + name,
          "private", false, "owner", Fakes.obj("login", "acme", "id", 1, "type", "Organization"),
          "default_branch", "main", "created_at", Fakes.iso(0), "updated_at", Fakes.iso(1)));
      for (int i = 0; i < 4; i++) {
        add(name, "issues", issue(name, i + 1));
        add(name, "issues/comments", Fakes.obj("id", ids++, "body", "comment " + i, "user", Fakes.obj("login",
            "octocat", "id", 583231), "created_at", Fakes.iso(clock), "updated_at", Fakes.iso(clock++),
            "issue_url", "https://api.github.com/repos/acme/" + name + "/issues/" + (i + 1)));
        add(name, "pulls", Fakes.obj("id", ids++, "number", 100 + i, "state", "open", "title", "PR " + i,
            "head", Fakes.obj("ref", "feature-" + i), "base", Fakes.obj("ref", "main"), "merged_at", null,
            "created_at", Fakes.iso(i), "updated_at", Fakes.iso(i + 1)));
        add(name, "commits", commit());
        add(name, "releases", Fakes.obj("id", ids++, "tag_name", "v1." + i, "name", "1." + i, "draft", false,
            "prerelease", false, "created_at", Fakes.iso(i), "published_at", Fakes.iso(i)));
      }
    }
  }

  private ObjectNode issue(String repo, int number) {
    return Fakes.obj("id", ids++, "node_id", "I_" + ids, "number", number, "title", repo + " issue " + number,
        "state", number % 2 == 0 ? "closed" : "open", "user", Fakes.obj("login", "octocat", "id", 583231),
        "labels", Fakes.arr(List.of(Fakes.obj("id", 7, "name", "bug", "color", "d73a4a"))), "comments", 0,
        "created_at", Fakes.iso(clock), "updated_at", Fakes.iso(clock++), "closed_at", null, "body", "text");
  }

  private ObjectNode commit() {
    String sha = String.format("%040x", ids++);
    String date = Fakes.iso(clock++);
    return Fakes.obj("sha", sha, "node_id", "C_" + sha, "commit", Fakes.obj("message", "change " + sha.substring(34),
        "author", Fakes.obj("name", "Octo Cat", "email", "octo@example.com", "date", date),
        "committer", Fakes.obj("name", "Octo Cat", "email", "octo@example.com", "date", date)),
        "author", Fakes.obj("login", "octocat", "id", 583231));
  }

  private void add(String repo, String resource, ObjectNode record) {
    byRepo.computeIfAbsent(repo + "/" + resource, k -> new ArrayList<>()).add(record);
  }

  @Override
  public String connector() {
    return "github";
  }

  @Override
  public Map<String, String> secret() {
    return Map.of("token", TOKEN);
  }

  @Override
  public Map<String, String> config() {
    return Map.of("base_url", baseUrl(), "org", "acme");
  }

  @Override
  protected String root() {
    return "";
  }

  @Override
  protected boolean authorized(FakeRequest request) {
    return bearer(request, TOKEN);
  }

  @Override
  protected FakeResponse unauthorized() {
    return FakeResponse.of(401, Fakes.obj("message", "Bad credentials",
        "documentation_url", "https://docs.github.com/rest", "status", "401"));
  }

  @Override
  protected FakeResponse rateLimited() {
    return FakeResponse.of(403, Fakes.obj("message", "You have exceeded a secondary rate limit. Please wait a few "
        + "minutes before you try again.", "documentation_url", "https://docs.github.com/rest/overview/rate-limits"))
        .header("retry-after", "1");
  }

  @Override
  protected Map<String, String> rateHeaders() {
    return Map.of("x-ratelimit-limit", "5000", "x-ratelimit-remaining", "4990", "x-ratelimit-used", "10",
        "x-ratelimit-resource", "core");
  }

  @Override
  protected FakeResponse route(FakeRequest request) {
    if (request.header("X-GitHub-Api-Version").isEmpty()) {
      return FakeResponse.of(400, Fakes.obj("message", "X-GitHub-Api-Version header required by this fake"));
    }
    if (request.path().equals("/orgs/acme/repos")) {
      return page(request, repos);
    }
    Matcher m = REPO.matcher(request.path());
    if (!m.matches() || !byRepo.containsKey(m.group(1) + "/" + m.group(2))) {
      return null;
    }
    List<ObjectNode> records = new ArrayList<>(byRepo.get(m.group(1) + "/" + m.group(2)));
    String resource = m.group(2);
    if (request.param("since").isPresent() && !resource.equals("pulls") && !resource.equals("releases")) {
      String since = request.param("since").get();
      records.removeIf(r -> java.time.Instant.parse(updated(resource, r)).isBefore(java.time.Instant.parse(since)));
    }
    if (resource.equals("commits")) {
      records.sort(Comparator.comparing((ObjectNode r) -> updated(resource, r)).reversed());
    } else if (request.param("sort").filter("updated"::equals).isPresent()) {
      records.sort(Comparator.comparing((ObjectNode r) -> updated(resource, r)));
    }
    return page(request, records);
  }

  private static String updated(String resource, ObjectNode record) {
    return resource.equals("commits") ? record.at("/commit/committer/date").asText()
        : record.get("updated_at").asText();
  }

  private FakeResponse page(FakeRequest request, List<ObjectNode> records) {
    int perPage = Math.min(request.intParam("per_page", 30), PAGE_CAP);
    int page = request.intParam("page", 1);
    List<ObjectNode> slice = Fakes.slice(records, (page - 1) * perPage, perPage);
    FakeResponse response = FakeResponse.ok(Fakes.arr(slice));
    if (page * perPage < records.size()) {
      Map<String, String> params = new LinkedHashMap<>();
      request.query().forEach((k, v) -> params.put(k, v.get(0)));
      params.put("page", Integer.toString(page + 1));
      response = response.header("Link", nextLink(url(request.path(), params)));
    }
    return response;
  }

  @Override
  public List<JsonNode> expected(String endpoint) {
    if (endpoint.equals("repositories")) {
      return List.copyOf(repos);
    }
    String resource = switch (endpoint) {
      case "issue_comments" -> "issues/comments";
      case "pull_requests" -> "pulls";
      default -> endpoint;
    };
    List<JsonNode> out = new ArrayList<>();
    for (ObjectNode repo : repos) {
      List<ObjectNode> records = new ArrayList<>(byRepo.get(repo.get("name").asText() + "/" + resource));
      if (resource.equals("commits")) {
        records.sort(Comparator.comparing((ObjectNode r) -> updated("commits", r)).reversed());
      } else if (!resource.equals("releases")) {
        records.sort(Comparator.comparing((ObjectNode r) -> updated(resource, r)));
      }
      out.addAll(records);
    }
    return out;
  }

  /** One record per repository updated (issues, comments) or committed (commits) after everything else. */
  @Override
  public List<JsonNode> advance(String endpoint) {
    List<JsonNode> changed = new ArrayList<>();
    for (ObjectNode repo : repos) {
      String name = repo.get("name").asText();
      clock += 5;
      switch (endpoint) {
        case "commits" -> {
          ObjectNode c = commit();
          add(name, "commits", c);
          changed.add(c);
        }
        case "issues", "issue_comments" -> {
          ObjectNode r = byRepo.get(name + "/" + (endpoint.equals("issues") ? "issues" : "issues/comments")).get(0);
          r.put("updated_at", Fakes.iso(clock++));
          changed.add(r);
        }
        default -> throw new UnsupportedOperationException(endpoint);
      }
    }
    return changed;
  }
}
