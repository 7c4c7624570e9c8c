package dev.ingest.sources.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process AWS service endpoint speaking the JSON 1.1 protocol on loopback, for fakes of AWS services that use
 * it (Secrets Manager, Glue, …): {@code POST /} with {@code X-Amz-Target: <prefix>.<Operation>} and
 * {@code Content-Type: application/x-amz-json-1.1}. It rejects requests without a SigV4 {@code Authorization}
 * header scoped to its access key, region and service, logs every call, and answers with the service's error shape
 * ({@code __type} in the body and the {@code x-amzn-ErrorType} header, HTTP 400) when the operation throws
 * {@link AwsError}. The operations themselves are the fake's {@link Operations}.
 */
public final class AwsJsonServer implements AutoCloseable {
  /** Shared mapper for request and response bodies. */
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern SIGV4 = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?"
          + "Signature=([0-9a-f]{64})");

  /** A service's operations: the response body for {@code operation} with request {@code body}. */
  @FunctionalInterface
  public interface Operations {
    JsonNode handle(String operation, JsonNode body) throws AwsError;
  }

  /** An error answer of the service, e.g. {@code EntityNotFoundException}. */
  public static final class AwsError extends Exception {
    private final String type;

    public AwsError(String type, String message) {
      super(message);
      this.type = type;
    }

    public String type() {
      return type;
    }
  }

  /** One request as the fake saw it. */
  public record Call(String operation, String authorization, JsonNode body) {}

  private final HttpServer server;
  private final String targetPrefix;
  private final String signingName;
  private final String region;
  private final String accessKey;
  private final Operations operations;
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  /**
   * Starts the server on a free loopback port.
   *
   * @param targetPrefix the {@code X-Amz-Target} prefix, e.g. {@code secretsmanager} or {@code AWSGlue}
   * @param signingName the SigV4 service name in the credential scope, e.g. {@code glue}
   * @param region the region requests must be signed for
   * @param accessKey the access key id requests must be signed with
   */
  public AwsJsonServer(String targetPrefix, String signingName, String region, String accessKey,
      Operations operations) throws IOException {
    this.targetPrefix = targetPrefix + ".";
    this.signingName = signingName;
    this.region = region;
    this.accessKey = accessKey;
    this.operations = operations;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The endpoint URL to point the AWS SDK at. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request so far, in order. */
  public List<Call> calls() {
    return calls;
  }

  /** The text of {@code field} in {@code body}, or null. */
  public static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  /** A new empty JSON object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw;
      try (InputStream in = exchange.getRequestBody()) {
        raw = in.readAllBytes();
      }
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(targetPrefix)) {
        error(exchange, "UnknownOperationException", "expected POST / with X-Amz-Target: " + targetPrefix + "*");
        return;
      }
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null || !contentType.startsWith("application/x-amz-json-1.1")) {
        error(exchange, "SerializationException", "Content-Type must be application/x-amz-json-1.1");
        return;
      }
      JsonNode body = MAPPER.readTree(raw.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : raw);
      String operation = target.substring(targetPrefix.length());
      calls.add(new Call(operation, auth, body));
      String authProblem = checkAuthorization(auth, exchange);
      if (authProblem != null) {
        error(exchange, "IncompleteSignatureException", authProblem);
        return;
      }
      try {
        send(exchange, 200, operations.handle(operation, body), null);
      } catch (AwsError e) {
        error(exchange, e.type(), e.getMessage());
      }
    }
  }

  private String checkAuthorization(String auth, HttpExchange exchange) {
    if (auth == null) {
      return "Authorization header requires a SigV4 signature";
    }
    Matcher m = SIGV4.matcher(auth);
    if (!m.matches()) {
      return "Authorization header is not a SigV4 signature";
    }
    if (!m.group(1).equals(accessKey) || !m.group(3).equals(region) || !m.group(4).equals(signingName)) {
      return "credential scope " + m.group(1) + "/" + m.group(3) + "/" + m.group(4) + " does not match";
    }
    Set<String> signed = Set.of(m.group(5).split(";"));
    if (!signed.contains("host") || !signed.contains("x-amz-date") || !signed.contains("x-amz-target")) {
      return "SignedHeaders must cover host, x-amz-date and x-amz-target";
    }
    return exchange.getRequestHeaders().getFirst("X-Amz-Date") == null ? "X-Amz-Date missing" : null;
  }

  private static void error(HttpExchange exchange, String type, String message) throws IOException {
    send(exchange, 400, object().put("__type", type).put("message", message), type);
  }

  private static void send(HttpExchange exchange, int status, JsonNode body, String errorType) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    if (errorType != null) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
