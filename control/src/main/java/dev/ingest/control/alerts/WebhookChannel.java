package dev.ingest.control.alerts;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * POSTs an alert as JSON (Ingest's payload or Slack's) to a webhook. Connect and response waits are bounded by
 * the delivery timeout; any status but 2xx is a failure. Redirects are not followed (a webhook that moves should
 * be reconfigured, not chased). Error texts name the status, never the URL.
 */
final class WebhookChannel implements AlertChannel {
  private final Webhook webhook;
  private final HttpClient http;
  private final Duration timeout;

  WebhookChannel(Webhook webhook, HttpClient http, Duration timeout) {
    this.webhook = Objects.requireNonNull(webhook, "webhook");
    this.http = Objects.requireNonNull(http, "http");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** An HTTP client whose connect wait is bounded by {@code timeout}; redirects are not followed. */
  static HttpClient client(Duration timeout) {
    return HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1).build();
  }

  @Override
  public String label() {
    return webhook.label();
  }

  @Override
  public void send(Alert alert) throws IOException, InterruptedException {
    String body = webhook.format() == Webhook.Format.SLACK ? AlertPayloads.slack(alert) : AlertPayloads.json(alert);
    HttpRequest request = HttpRequest.newBuilder(webhook.url()).timeout(timeout)
        .header("Content-Type", "application/json").header("User-Agent", "ingest-alerts")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // the JDK's messages can carry the URL: keep only the exception's kind
      throw new IOException("webhook request failed: " + e.getClass().getSimpleName(), null);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("webhook answered HTTP " + response.statusCode());
    }
  }
}
