package dev.ingest.sources.secret.aws;

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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process AWS Secrets Manager speaking the service's JSON 1.1 protocol on loopback: {@code POST /} with
 * {@code X-Amz-Target: secretsmanager.<Operation>} and {@code Content-Type: application/x-amz-json-1.1}. It
 * implements {@code CreateSecret}, {@code GetSecretValue}, {@code PutSecretValue} and {@code DeleteSecret} with
 * the service's error shapes ({@code __type} in the body and the {@code x-amzn-ErrorType} header, HTTP 400), and
 * rejects requests without a SigV4 {@code Authorization} header scoped to its region and {@code secretsmanager}.
 */
final class FakeSecretsManager implements AutoCloseable {
  static final String ACCESS_KEY = "AKIDFAKESECRETSMGR";
  static final String SECRET_KEY = "fake-secret-key-for-signing";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern SIGV4 = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?"
          + "Signature=([0-9a-f]{64})");

  /** One request as the fake saw it. */
  record Call(String operation, String authorization, JsonNode body) {}

  private record Version(String id, String value) {}

  private final HttpServer server;
  private final String region;
  private final Map<String, Version> secrets = new ConcurrentHashMap<>();
  private final Map<String, String> failures = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  FakeSecretsManager(String region) throws IOException {
    this.region = region;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Call> calls() {
    return calls;
  }

  /** The stored SecretString of {@code id}, or null. */
  String secretString(String id) {
    Version v = secrets.get(id);
    return v == null ? null : v.value();
  }

  /** Every later request on {@code id} fails with the error type {@code errorType} (e.g. AccessDeniedException). */
  void failOn(String id, String errorType) {
    failures.put(id, errorType);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw;
      try (InputStream in = exchange.getRequestBody()) {
        raw = in.readAllBytes();
      }
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith("secretsmanager.")) {
        error(exchange, 400, "UnknownOperationException", "expected POST / with X-Amz-Target: secretsmanager.*");
        return;
      }
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null || !contentType.startsWith("application/x-amz-json-1.1")) {
        error(exchange, 400, "SerializationException", "Content-Type must be application/x-amz-json-1.1");
        return;
      }
      JsonNode body = MAPPER.readTree(raw.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : raw);
      String operation = target.substring("secretsmanager.".length());
      calls.add(new Call(operation, auth, body));
      String authProblem = checkAuthorization(auth, exchange);
      if (authProblem != null) {
        error(exchange, 400, "IncompleteSignatureException", authProblem);
        return;
      }
      dispatch(exchange, operation, body);
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
    if (!m.group(1).equals(ACCESS_KEY) || !m.group(3).equals(region) || !m.group(4).equals("secretsmanager")) {
      return "credential scope " + m.group(1) + "/" + m.group(3) + "/" + m.group(4) + " does not match";
    }
    Set<String> signed = Set.of(m.group(5).split(";"));
    if (!signed.contains("host") || !signed.contains("x-amz-date") || !signed.contains("x-amz-target")) {
      return "SignedHeaders must cover host, x-amz-date and x-amz-target";
    }
    return exchange.getRequestHeaders().getFirst("X-Amz-Date") == null ? "X-Amz-Date missing" : null;
  }

  private void dispatch(HttpExchange exchange, String operation, JsonNode body) throws IOException {
    String id = text(body, operation.equals("CreateSecret") ? "Name" : "SecretId");
    if (id == null) {
      error(exchange, 400, "InvalidParameterException", "missing required parameter");
      return;
    }
    String failure = failures.get(id);
    if (failure != null) {
      error(exchange, 400, failure, "User is not authorized to perform this operation on " + id);
      return;
    }
    switch (operation) {
      case "CreateSecret" -> create(exchange, id, body);
      case "GetSecretValue" -> get(exchange, id);
      case "PutSecretValue" -> put(exchange, id, body);
      case "DeleteSecret" -> delete(exchange, id);
      default -> error(exchange, 400, "UnknownOperationException", "operation " + operation + " is not supported");
    }
  }

  private void create(HttpExchange exchange, String id, JsonNode body) throws IOException {
    Version version = new Version(versionId(body), text(body, "SecretString"));
    if (secrets.putIfAbsent(id, version) != null) {
      error(exchange, 400, "ResourceExistsException", "The operation failed because the secret " + id
          + " already exists.");
      return;
    }
    ok(exchange, described(id).put("VersionId", version.id()));
  }

  private void get(HttpExchange exchange, String id) throws IOException {
    Version version = secrets.get(id);
    if (version == null) {
      notFound(exchange);
      return;
    }
    ObjectNode out = described(id).put("VersionId", version.id()).put("SecretString", version.value())
        .put("CreatedDate", System.currentTimeMillis() / 1000.0);
    out.putArray("VersionStages").add("AWSCURRENT");
    ok(exchange, out);
  }

  private void put(HttpExchange exchange, String id, JsonNode body) throws IOException {
    Version version = new Version(versionId(body), text(body, "SecretString"));
    if (secrets.computeIfPresent(id, (k, old) -> version) == null) {
      notFound(exchange);
      return;
    }
    ObjectNode out = described(id).put("VersionId", version.id());
    out.putArray("VersionStages").add("AWSCURRENT");
    ok(exchange, out);
  }

  private void delete(HttpExchange exchange, String id) throws IOException {
    if (secrets.remove(id) == null) {
      notFound(exchange);
      return;
    }
    ok(exchange, described(id).put("DeletionDate", System.currentTimeMillis() / 1000.0));
  }

  private ObjectNode described(String id) {
    return MAPPER.createObjectNode().put("ARN", "arn:aws:secretsmanager:" + region + ":000000000000:secret:" + id
        + "-AbCdEf").put("Name", id);
  }

  private static String versionId(JsonNode body) {
    String token = text(body, "ClientRequestToken");
    return token == null ? UUID.randomUUID().toString() : token;
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static void notFound(HttpExchange exchange) throws IOException {
    error(exchange, 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
  }

  private static void ok(HttpExchange exchange, JsonNode body) throws IOException {
    send(exchange, 200, body, null);
  }

  private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
    send(exchange, status, MAPPER.createObjectNode().put("__type", type).put("message", message), type);
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
