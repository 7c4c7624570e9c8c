package dev.ingest.sandbox;

import static dev.ingest.sandbox.SandboxClient.json;
import static dev.ingest.sandbox.SandboxClient.nextLink;
import static dev.ingest.sandbox.SandboxClient.objects;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxPaginationTest {
  private SandboxApi sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() {
    sandbox = SandboxApi.builder().build().start();
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void walksTicketsPageByPageToExactlyEveryRecord() {
    List<ObjectNode> served = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode body = json(client.get("/api/v2/tickets?page=" + page + "&per_page=100"));
      assertThat(body.get("page").asInt()).isEqualTo(page);
      assertThat(body.get("per_page").asInt()).isEqualTo(100);
      assertThat(body.get("count").asInt()).isEqualTo(4_000);
      if (body.get("tickets").isEmpty()) {
        break;
      }
      served.addAll(objects(body.get("tickets")));
      if (body.get("next_page").isNull()) {
        assertThat(served).hasSize(4_000);
      }
    }
    assertThat(served).hasSize(sandbox.size("tickets"));
    assertThat(served).extracting(t -> t.get("id").asInt()).doesNotHaveDuplicates()
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 4_000).boxed().toList());
    assertThat(served).containsExactlyElementsOf(sandbox.records("tickets"));
  }

  @Test
  void followsTicketsNextPageUrls() {
    int records = 0;
    String url = sandbox.url("tickets") + "?per_page=64";
    while (url != null) {
      JsonNode body = json(client.getUrl(url));
      records += body.get("tickets").size();
      url = body.get("next_page").isNull() ? null : body.get("next_page").asText();
    }
    assertThat(records).isEqualTo(4_000);
  }

  @Test
  void walksContactsByBodyCursorToExactlyEveryRecord() {
    List<ObjectNode> served = new ArrayList<>();
    String after = null;
    do {
      JsonNode body = json(client.get("/crm/v3/objects/contacts?limit=100" + (after == null ? "" : "&after=" + after)));
      served.addAll(objects(body.get("results")));
      JsonNode next = body.path("paging").path("next");
      after = next.isMissingNode() ? null : next.get("after").asText();
      if (after != null) {
        assertThat(after).isNotEqualTo(Integer.toString(served.size()));
        assertThat(next.get("link").asText())
            .isEqualTo(sandbox.baseUrl() + "/crm/v3/objects/contacts?limit=100&after=" + after);
      }
    } while (after != null);
    assertThat(served).hasSize(sandbox.size("contacts")).hasSize(5_000);
    assertThat(served).extracting(c -> c.get("id").asText()).doesNotHaveDuplicates();
    assertThat(served).containsExactlyElementsOf(sandbox.records("contacts"));
  }

  @Test
  void walksIssuesByLinkHeaderToExactlyEveryRecord() {
    List<ObjectNode> served = new ArrayList<>();
    Optional<String> next = Optional.of(sandbox.url("issues") + "?per_page=100");
    int pages = 0;
    while (next.isPresent()) {
      HttpResponse<String> response = client.getUrl(next.get());
      JsonNode body = json(response);
      assertThat(body.isArray()).isTrue();
      served.addAll(objects(body));
      next = nextLink(response);
      pages++;
      if (pages == 1) {
        assertThat(response.headers().firstValue("Link")).hasValue(
            "<" + sandbox.url("issues") + "?per_page=100&page=2>; rel=\"next\", "
                + "<" + sandbox.url("issues") + "?per_page=100&page=30>; rel=\"last\"");
      }
    }
    assertThat(pages).isEqualTo(30);
    assertThat(served).hasSize(sandbox.size("issues")).hasSize(3_000);
    assertThat(served).extracting(i -> i.get("id").asLong()).doesNotHaveDuplicates();
    assertThat(served).containsExactlyElementsOf(sandbox.records("issues"));
  }

  @Test
  void lastIssuesPageHasPrevAndFirstButNoNext() {
    HttpResponse<String> response = client.get("/repos/acme/widgets/issues?per_page=100&page=30");
    assertThat(json(response)).hasSize(100);
    assertThat(nextLink(response)).isEmpty();
    assertThat(response.headers().firstValue("Link").orElseThrow())
        .contains("page=29>; rel=\"prev\"").contains("page=1>; rel=\"first\"");
  }

  @Test
  void appliesProviderDefaultPageSizes() {
    assertThat(json(client.get("/api/v2/tickets")).get("tickets")).hasSize(100);
    assertThat(json(client.get("/crm/v3/objects/contacts")).get("results")).hasSize(10);
    assertThat(json(client.get("/repos/acme/widgets/issues"))).hasSize(30);
  }

  @Test
  void capsRequestedPageSizeAtTheMaximum() {
    JsonNode tickets = json(client.get("/api/v2/tickets?per_page=5000"));
    assertThat(tickets.get("tickets")).hasSize(100);
    assertThat(tickets.get("per_page").asInt()).isEqualTo(100);
    assertThat(json(client.get("/crm/v3/objects/contacts?limit=5000")).get("results")).hasSize(100);
    assertThat(json(client.get("/repos/acme/widgets/issues?per_page=5000"))).hasSize(100);
  }

  @Test
  void honoursConfiguredMaxPageSizeAndDatasetSize() {
    try (SandboxApi small = SandboxApi.builder().maxPageSize(7).datasetSize("contacts", 20).build().start()) {
      SandboxClient smallClient = new SandboxClient(small);
      int pages = 0;
      int records = 0;
      String after = "";
      while (after != null) {
        JsonNode body = json(smallClient.get("/crm/v3/objects/contacts?limit=50" + after));
        records += body.get("results").size();
        pages++;
        JsonNode next = body.path("paging").path("next").path("after");
        after = next.isMissingNode() ? null : "&after=" + next.asText();
      }
      assertThat(records).isEqualTo(20);
      assertThat(pages).isEqualTo(3);
    }
  }

  @Test
  void servesAnEmptyPagePastTheEnd() {
    JsonNode tickets = json(client.get("/api/v2/tickets?page=41&per_page=100"));
    assertThat(tickets.get("tickets")).isEmpty();
    assertThat(tickets.get("next_page").isNull()).isTrue();
    assertThat(json(client.get("/repos/acme/widgets/issues?page=999"))).isEmpty();
    String beyond = ContactsEndpoint.encode(1_000_000);
    JsonNode contacts = json(client.get("/crm/v3/objects/contacts?after=" + beyond));
    assertThat(contacts.get("results")).isEmpty();
    assertThat(contacts.has("paging")).isFalse();
  }

  @Test
  void filtersEveryResourceByUpdatedSince() {
    for (String resource : List.of("tickets", "contacts", "issues")) {
      String updatedField = resource.equals("contacts") ? "updatedAt" : "updated_at";
      ObjectNode pivot = sandbox.record(resource, 2_500);
      String since = pivot.get(updatedField).asText();
      String[] params = {"updated_since=", "since="};
      for (String param : params) {
        List<ObjectNode> served = walk(resource, param + since);
        assertThat(served).as("%s %s", resource, param).hasSize(sandbox.size(resource) - 2_500);
        assertThat(served.get(0)).isEqualTo(pivot);
        assertThat(served).allMatch(r -> r.get(updatedField).asText().compareTo(since) >= 0);
      }
    }
  }

  @Test
  void carriesTheFilterIntoNextLinks() {
    String since = sandbox.record("issues", 10).get("updated_at").asText();
    HttpResponse<String> response = client.get("/repos/acme/widgets/issues?since=" + since);
    assertThat(nextLink(response).orElseThrow()).endsWith("&page=2&since=" + since.replace(":", "%3A"));
    assertThat(json(client.getUrl(nextLink(response).orElseThrow())).get(0).get("number").asInt()).isEqualTo(41);
  }

  @Test
  void compressesWithGzipWhenAsked() throws IOException {
    HttpResponse<byte[]> plain = client.getBytes("/api/v2/tickets");
    HttpResponse<byte[]> zipped = client.getBytes("/api/v2/tickets", "Accept-Encoding", "gzip");
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(zipped.body().length).isLessThan(plain.body().length / 2);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void servesConcurrentClientsAndCountsEveryRequest() {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Integer>> pages = IntStream.rangeClosed(1, 40)
          .mapToObj(page -> CompletableFuture.supplyAsync(
              () -> json(client.get("/api/v2/tickets?page=" + page)).get("tickets").size(), pool))
          .toList();
      assertThat(pages.stream().mapToInt(CompletableFuture::join).sum()).isEqualTo(4_000);
    } finally {
      pool.shutdownNow();
    }
    assertThat(sandbox.requestCount("tickets")).isEqualTo(40);
    assertThat(sandbox.requestCount("contacts")).isZero();
    assertThat(sandbox.requestCount()).isEqualTo(40);
  }

  private List<ObjectNode> walk(String resource, String filter) {
    List<ObjectNode> out = new ArrayList<>();
    switch (resource) {
      case "tickets" -> {
        String url = sandbox.url(resource) + "?" + filter;
        while (url != null) {
          JsonNode body = json(client.getUrl(url));
          out.addAll(objects(body.get("tickets")));
          url = body.get("next_page").isNull() ? null : body.get("next_page").asText();
        }
      }
      case "contacts" -> {
        String url = sandbox.url(resource) + "?limit=100&" + filter;
        while (url != null) {
          JsonNode body = json(client.getUrl(url));
          out.addAll(objects(body.get("results")));
          JsonNode link = body.path("paging").path("next").path("link");
          url = link.isMissingNode() ? null : link.asText();
        }
      }
      default -> {
        Optional<String> url = Optional.of(sandbox.url(resource) + "?per_page=100&" + filter);
        while (url.isPresent()) {
          HttpResponse<String> response = client.getUrl(url.get());
          out.addAll(objects(json(response)));
          url = nextLink(response);
        }
      }
    }
    return out;
  }
}
