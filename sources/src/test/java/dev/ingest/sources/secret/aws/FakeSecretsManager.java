package dev.ingest.sources.secret.aws;

import static dev.ingest.sources.testing.AwsJsonServer.object;
import static dev.ingest.sources.testing.AwsJsonServer.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sources.testing.AwsJsonServer;
import dev.ingest.sources.testing.AwsJsonServer.AwsError;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process AWS Secrets Manager on an {@link AwsJsonServer} ({@code X-Amz-Target: secretsmanager.<Operation>},
 * SigV4 scoped to {@code secretsmanager}). It implements {@code CreateSecret}, {@code GetSecretValue},
 * {@code PutSecretValue}, {@code DeleteSecret} and {@code ListSecrets} (a {@code name} filter as a case-insensitive
 * prefix, {@code MaxResults}/{@code NextToken} paging) with the service's error types.
 */
public final class FakeSecretsManager implements AutoCloseable {
  public static final String ACCESS_KEY = "AKIDFAKESECRETSMGR";
  public static final String SECRET_KEY = "fake-secret-key-for-signing";

  private record Version(String id, String value) {}

  private final AwsJsonServer server;
  private final String region;
  private final Map<String, Version> secrets = new ConcurrentHashMap<>();
  private final Map<String, String> failures = new ConcurrentHashMap<>();

  public FakeSecretsManager(String region) throws IOException {
    this.region = region;
    server = new AwsJsonServer("secretsmanager", "secretsmanager", region, ACCESS_KEY, this::dispatch);
  }

  /** Code run with this fake's keys in the SDK's default credential chain (system properties), restored after. */
  public interface WithKeys {
    void run() throws Exception;
  }

  /** Runs {@code body} with {@code aws.accessKeyId}/{@code aws.secretAccessKey} set to this fake's keys. */
  public static void withDefaultChainKeys(WithKeys body) throws Exception {
    String oldKey = System.getProperty("aws.accessKeyId");
    String oldSecret = System.getProperty("aws.secretAccessKey");
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
    try {
      body.run();
    } finally {
      restore("aws.accessKeyId", oldKey);
      restore("aws.secretAccessKey", oldSecret);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  public String endpoint() {
    return server.endpoint();
  }

  List<AwsJsonServer.Call> calls() {
    return server.calls();
  }

  /** The stored SecretString of {@code id}, or null. */
  public String secretString(String id) {
    Version v = secrets.get(id);
    return v == null ? null : v.value();
  }

  /** Every later request on {@code id} fails with the error type {@code errorType} (e.g. AccessDeniedException). */
  void failOn(String id, String errorType) {
    failures.put(id, errorType);
  }

  private JsonNode dispatch(String operation, JsonNode body) throws AwsError {
    if (operation.equals("ListSecrets")) {
      return list(body);
    }
    String id = text(body, operation.equals("CreateSecret") ? "Name" : "SecretId");
    if (id == null) {
      throw new AwsError("InvalidParameterException", "missing required parameter");
    }
    String failure = failures.get(id);
    if (failure != null) {
      throw new AwsError(failure, "User is not authorized to perform this operation on " + id);
    }
    return switch (operation) {
      case "CreateSecret" -> create(id, body);
      case "GetSecretValue" -> get(id);
      case "PutSecretValue" -> put(id, body);
      case "DeleteSecret" -> delete(id);
      default -> throw new AwsError("UnknownOperationException", "operation " + operation + " is not supported");
    };
  }

  private JsonNode create(String id, JsonNode body) throws AwsError {
    Version version = new Version(versionId(body), text(body, "SecretString"));
    if (secrets.putIfAbsent(id, version) != null) {
      throw new AwsError("ResourceExistsException", "The operation failed because the secret " + id
          + " already exists.");
    }
    return described(id).put("VersionId", version.id());
  }

  private JsonNode get(String id) throws AwsError {
    Version version = existing(id);
    ObjectNode out = described(id).put("VersionId", version.id()).put("SecretString", version.value())
        .put("CreatedDate", System.currentTimeMillis() / 1000.0);
    out.putArray("VersionStages").add("AWSCURRENT");
    return out;
  }

  private JsonNode put(String id, JsonNode body) throws AwsError {
    Version version = new Version(versionId(body), text(body, "SecretString"));
    if (secrets.computeIfPresent(id, (k, old) -> version) == null) {
      throw notFound();
    }
    ObjectNode out = described(id).put("VersionId", version.id());
    out.putArray("VersionStages").add("AWSCURRENT");
    return out;
  }

  private JsonNode delete(String id) throws AwsError {
    if (secrets.remove(id) == null) {
      throw notFound();
    }
    return described(id).put("DeletionDate", System.currentTimeMillis() / 1000.0);
  }

  private JsonNode list(JsonNode body) {
    String prefix = "";
    for (JsonNode filter : body.path("Filters")) {
      if (filter.path("Key").asText().equals("name")) {
        prefix = filter.path("Values").path(0).asText().toLowerCase(java.util.Locale.ROOT);
      }
    }
    String lower = prefix;
    List<String> ids = new java.util.TreeSet<>(secrets.keySet()).stream()
        .filter(id -> id.toLowerCase(java.util.Locale.ROOT).startsWith(lower)).toList();
    int max = body.path("MaxResults").asInt(100);
    int from = body.hasNonNull("NextToken") ? Integer.parseInt(body.get("NextToken").asText()) : 0;
    ObjectNode out = object();
    var list = out.putArray("SecretList");
    ids.subList(from, Math.min(ids.size(), from + max)).forEach(id -> list.add(described(id)));
    if (from + max < ids.size()) {
      out.put("NextToken", String.valueOf(from + max));
    }
    return out;
  }

  private Version existing(String id) throws AwsError {
    Version version = secrets.get(id);
    if (version == null) {
      throw notFound();
    }
    return version;
  }

  private ObjectNode described(String id) {
    return object().put("ARN", "arn:aws:secretsmanager:" + region + ":000000000000:secret:" + id + "-AbCdEf")
        .put("Name", id);
  }

  private static String versionId(JsonNode body) {
    String token = text(body, "ClientRequestToken");
    return token == null ? UUID.randomUUID().toString() : token;
  }

  private static AwsError notFound() {
    return new AwsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
  }

  @Override
  public void close() {
    server.close();
  }
}
