package dev.ingest.sandbox;

import static dev.ingest.sandbox.SandboxClient.json;
import static dev.ingest.sandbox.SandboxClient.nextLink;
import static dev.ingest.sandbox.SandboxClient.objects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxFaultTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private SandboxApi sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() {
    sandbox = SandboxApi.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build().start();
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void serves500OnceWithTheProviderErrorBodyThenRecovers() {
    sandbox.faults().next("contacts", Fault.status(500));
    HttpResponse<String> failed = client.get("/crm/v3/objects/contacts");
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(json(failed).get("category").asText()).isEqualTo("INTERNAL_ERROR");
    assertThat(client.get("/crm/v3/objects/contacts").statusCode()).isEqualTo(200);
    assertThat(sandbox.faults().pending()).isZero();
    assertThat(sandbox.faults().appliedCount()).isEqualTo(1);
  }

  @Test
  void appliesFaultsOnlyToTheirResourceInOrder() {
    sandbox.faults().next("issues", Fault.status(503), Fault.status(500));
    assertThat(client.get("/api/v2/tickets").statusCode()).isEqualTo(200);
    assertThat(client.get("/repos/acme/widgets/issues").statusCode()).isEqualTo(503);
    assertThat(client.get("/repos/acme/widgets/issues").statusCode()).isEqualTo(500);
    assertThat(client.get("/repos/acme/widgets/issues").statusCode()).isEqualTo(200);
  }

  @Test
  void sends429WithRetryAfterOrWithout() {
    sandbox.faults().next("tickets", Fault.status(429).retryAfterSeconds(1), Fault.status(429));
    HttpResponse<String> withHeader = client.get("/api/v2/tickets");
    assertThat(withHeader.statusCode()).isEqualTo(429);
    assertThat(withHeader.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(json(withHeader).get("error").asText()).isEqualTo("TooManyRequests");
    HttpResponse<String> without = client.get("/api/v2/tickets");
    assertThat(without.statusCode()).isEqualTo(429);
    assertThat(without.headers().firstValue("Retry-After")).isEmpty();
  }

  @Test
  void sendsAnHtmlErrorPageLikeAProxy() {
    sandbox.faults().next("issues", Fault.status(502).htmlBody());
    HttpResponse<String> response = client.get("/repos/acme/widgets/issues");
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
    assertThat(response.body()).startsWith("<html>").contains("502 Bad Gateway");
  }

  @Test
  void sendsAuthAndNotFoundFaultsLikeTheProvider() {
    sandbox.faults().next("issues", Fault.status(401), Fault.status(403), Fault.status(404));
    HttpResponse<String> unauthorized = client.get("/repos/acme/widgets/issues");
    HttpResponse<String> forbidden = client.get("/repos/acme/widgets/issues");
    HttpResponse<String> notFound = client.get("/repos/acme/widgets/issues");
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(json(unauthorized).get("message").asText()).isEqualTo("Bad credentials");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(json(forbidden).get("documentation_url").asText()).startsWith("https://docs.github.com");
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(json(notFound).get("message").asText()).isEqualTo("Not Found");
  }

  @Test
  void resetsTheConnectionSoTheClientSeesAnIoException() {
    assertThat(client.get("/api/v2/tickets?page=2").statusCode()).isEqualTo(200); // leaves a pooled connection
    sandbox.faults().next("tickets", Fault.reset());
    assertThatThrownBy(() -> client.send(client.request(sandbox.url("tickets")).build()))
        .isInstanceOf(IOException.class);
    assertThat(sandbox.requestCount("tickets")).as("the original, then the client's silent replay").isEqualTo(3);
    assertThat(client.get("/api/v2/tickets").statusCode()).isEqualTo(200);
  }

  @Test
  void resetsOnAFreshConnectionToo() {
    sandbox.faults().next(Fault.reset());
    assertThatThrownBy(() -> client.send(client.request(sandbox.url("contacts")).build()))
        .isInstanceOf(IOException.class);
    assertThat(client.get("/crm/v3/objects/contacts").statusCode()).isEqualTo(200);
  }

  @Test
  void truncatesTheBodySoParsingFails() {
    sandbox.faults().next("contacts", Fault.truncate());
    HttpResponse<String> response = client.get("/crm/v3/objects/contacts");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(response.body()).startsWith("{\"results\":[");
    assertThat(response.body().length()).isLessThan(client.get("/crm/v3/objects/contacts").body().length());
    assertThatThrownBy(() -> SandboxClient.MAPPER.readTree(response.body()))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void delaysTheResponsePastTheClientTimeout() {
    sandbox.faults().next("tickets", Fault.delay(Duration.ofSeconds(30)));
    assertThatThrownBy(() -> client.send(
        client.request(sandbox.url("tickets")).timeout(Duration.ofMillis(200)).build()))
        .isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void delaysThenServesTheNormalPage() {
    sandbox.faults().next("tickets", Fault.delay(Duration.ofMillis(150)));
    long started = System.nanoTime();
    HttpResponse<String> response = client.get("/api/v2/tickets");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(json(response).get("tickets")).hasSize(100);
  }

  @Test
  void addsRateLimitHeadersToANormalResponse() {
    sandbox.faults().next("issues", Fault.rateHeaders(3, 60));
    HttpResponse<String> response = client.get("/repos/acme/widgets/issues");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).hasSize(30);
    assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("5000");
    assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("3");
    assertThat(response.headers().firstValue("X-RateLimit-Reset"))
        .hasValue(Long.toString(NOW.getEpochSecond() + 60));
  }

  @Test
  void sendsGitHubsPrimaryRateLimit403() {
    sandbox.faults().next("issues", Fault.status(403).withRateHeaders(0, 30));
    HttpResponse<String> response = client.get("/repos/acme/widgets/issues");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
    assertThat(json(response).get("message").asText()).startsWith("API rate limit exceeded");
  }

  @Test
  void servesAnEmptyPageMidStreamWithoutSkippingRecords() {
    sandbox.faults().next("contacts", Fault.emptyPage());
    JsonNode first = json(client.get("/crm/v3/objects/contacts?limit=100"));
    assertThat(first.get("results")).isEmpty();
    assertThat(first.at("/paging/next/after").asText()).isEqualTo(ContactsEndpoint.encode(0));

    sandbox.faults().next("issues", Fault.none(), Fault.none(), Fault.emptyPage());
    List<ObjectNode> issues = new ArrayList<>();
    int emptyPages = 0;
    Optional<String> next = Optional.of(sandbox.url("issues") + "?per_page=100");
    while (next.isPresent()) {
      HttpResponse<String> response = client.getUrl(next.get());
      emptyPages += json(response).isEmpty() ? 1 : 0;
      issues.addAll(objects(json(response)));
      next = nextLink(response);
    }
    assertThat(emptyPages).isEqualTo(1);
    assertThat(issues).containsExactlyElementsOf(sandbox.records("issues"));
  }

  @Test
  void servesAnEmptyTicketsPageThatPointsAtTheSamePage() {
    sandbox.faults().next("tickets", Fault.emptyPage());
    JsonNode body = json(client.get("/api/v2/tickets?page=3&per_page=50"));
    assertThat(body.get("tickets")).isEmpty();
    assertThat(body.get("count").asInt()).isEqualTo(4_000);
    assertThat(body.get("next_page").asText()).isEqualTo(sandbox.url("tickets") + "?page=3&per_page=50");
  }

  @Test
  void repeatsTheRequestCursorToMakeALoop() {
    String after = ContactsEndpoint.encode(200);
    sandbox.faults().next("contacts", Fault.repeatCursor());
    JsonNode contacts = json(client.get("/crm/v3/objects/contacts?limit=100&after=" + after));
    assertThat(contacts.get("results")).hasSize(100);
    assertThat(contacts.at("/paging/next/after").asText()).isEqualTo(after);

    sandbox.faults().next("issues", Fault.repeatCursor());
    HttpResponse<String> issues = client.get("/repos/acme/widgets/issues?per_page=100&page=4");
    assertThat(nextLink(issues)).hasValue(sandbox.url("issues") + "?per_page=100&page=4");

    sandbox.faults().next("tickets", Fault.repeatCursor());
    JsonNode tickets = json(client.get("/api/v2/tickets?page=2"));
    assertThat(tickets.get("tickets")).hasSize(100);
    assertThat(tickets.get("next_page").asText()).isEqualTo(sandbox.url("tickets") + "?page=2&per_page=100");
  }

  @Test
  void appliesAPermanentFaultUntilCleared() {
    sandbox.faults().always("contacts", Fault.status(503));
    for (int i = 0; i < 5; i++) {
      assertThat(client.get("/crm/v3/objects/contacts").statusCode()).isEqualTo(503);
    }
    assertThat(client.get("/api/v2/tickets").statusCode()).isEqualTo(200);
    sandbox.faults().clear();
    assertThat(client.get("/crm/v3/objects/contacts").statusCode()).isEqualTo(200);
  }

  @Test
  void servesFaultsBeforeCheckingParameters() {
    sandbox.faults().next("tickets", Fault.status(500));
    assertThat(client.get("/api/v2/tickets?per_page=oops").statusCode()).isEqualTo(500);
    assertThat(client.get("/api/v2/tickets?per_page=oops").statusCode()).isEqualTo(400);
  }
}
