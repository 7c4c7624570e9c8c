package dev.ingest.control.deploy.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The calls Ingest makes to Flink's REST API (the one the web UI uses, {@code /v1} implied): jar upload and run,
 * stop with savepoint, job state, cancel, exceptions and vertex metrics. Errors carry the HTTP status and Flink's
 * {@code errors} list.
 */
public final class FlinkRestClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI base;
  private final HttpClient http;
  private final Duration timeout;

  /** A client for the cluster whose REST endpoint is {@code base}, e.g. {@code http://flink-jobmanager:8081}. */
  public FlinkRestClient(URI base, Duration timeout) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public URI base() {
    return base;
  }

  /** {@code POST /jars/upload}: returns the jar id. The jar is streamed from disk (job jars are ~100 MiB). */
  public String uploadJar(Path jar) throws IOException {
    String boundary = "----ingest" + UUID.randomUUID();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
        + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
        HttpRequest.BodyPublishers.ofFile(jar), HttpRequest.BodyPublishers.ofByteArray(tail));
    JsonNode response = send(HttpRequest.newBuilder(uri("jars/upload"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(body), 200);
    String filename = response.path("filename").asText();
    if (filename.isEmpty()) {
      throw new IOException("POST /jars/upload answered without a filename: " + response);
    }
    return filename.substring(filename.lastIndexOf('/') + 1);
  }

  /** Whether the cluster still has the uploaded jar (jars vanish when the job manager restarts). */
  public boolean hasJar(String jarId) throws IOException {
    for (JsonNode file : send(HttpRequest.newBuilder(uri("jars")).GET(), 200).path("files")) {
      if (jarId.equals(file.path("id").asText())) {
        return true;
      }
    }
    return false;
  }

  /** {@code POST /jars/:id/run}: starts the jar's entry class with the arguments; returns the job id. */
  public String runJar(String jarId, String entryClass, List<String> args, int parallelism, String savepoint)
      throws IOException {
    ObjectNode request = MAPPER.createObjectNode().put("entryClass", entryClass).put("parallelism", parallelism);
    args.forEach(request.putArray("programArgsList")::add);
    if (savepoint != null) {
      request.put("savepointPath", savepoint).put("allowNonRestoredState", true);
    }
    return send(post("jars/" + jarId + "/run", request), 200).path("jobid").asText();
  }

  /** {@code POST /jobs/:id/stop}: triggers stop-with-savepoint; returns the trigger id. */
  public String stopWithSavepoint(String jobId, String targetDirectory) throws IOException {
    ObjectNode request = MAPPER.createObjectNode().put("drain", false);
    if (targetDirectory != null) {
      request.put("targetDirectory", targetDirectory);
    }
    return send(post("jobs/" + jobId + "/stop", request), 202).path("request-id").asText();
  }

  /**
   * {@code GET /jobs/:id/savepoints/:trigger}: the savepoint location once completed, empty while in progress;
   * fails with Flink's failure cause when the savepoint failed.
   */
  public Optional<String> savepointLocation(String jobId, String triggerId) throws IOException {
    JsonNode response = send(HttpRequest.newBuilder(uri("jobs/" + jobId + "/savepoints/" + triggerId)).GET(), 200);
    if (!"COMPLETED".equals(response.path("status").path("id").asText())) {
      return Optional.empty();
    }
    JsonNode operation = response.path("operation");
    if (operation.has("failure-cause")) {
      String trace = operation.path("failure-cause").path("stack-trace").asText("unknown cause");
      int reason = trace.indexOf("Failure reason: ");
      throw new IOException("savepoint of job " + jobId + " failed: "
          + (reason >= 0 ? firstLine(trace.substring(reason)) : firstLine(trace)));
    }
    return Optional.of(operation.path("location").asText());
  }

  /** {@code GET /jobs/:id}: the job's state, or empty when the cluster does not know the job. */
  public Optional<String> jobState(String jobId) throws IOException {
    HttpResponse<byte[]> response = exchange(HttpRequest.newBuilder(uri("jobs/" + jobId)).GET());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(check(response, 200, "GET /jobs/" + jobId).path("state").asText());
  }

  /**
   * {@code GET /jobs/:id}: how many of the job's tasks are in which state (summed over its vertices), or empty when
   * the cluster does not know the job.
   */
  public Optional<dev.ingest.control.deploy.TaskCounts> taskCounts(String jobId) throws IOException {
    HttpResponse<byte[]> response = exchange(HttpRequest.newBuilder(uri("jobs/" + jobId)).GET());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (JsonNode vertex : check(response, 200, "GET /jobs/" + jobId).path("vertices")) {
      for (java.util.Iterator<Map.Entry<String, JsonNode>> it = vertex.path("tasks").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> state = it.next();
        counts.merge(state.getKey(), state.getValue().asInt(), Integer::sum);
      }
    }
    return Optional.of(new dev.ingest.control.deploy.TaskCounts(counts));
  }

  /** {@code GET /overview}: the task slots the cluster has in total ({@code slots-total}). */
  public int slotsTotal() throws IOException {
    JsonNode overview = send(HttpRequest.newBuilder(uri("overview")).GET(), 200);
    if (!overview.path("slots-total").canConvertToInt()) {
      throw new IOException("GET /overview answered without slots-total: " + overview);
    }
    return overview.path("slots-total").asInt();
  }

  /** {@code PATCH /jobs/:id?mode=cancel}. */
  public void cancel(String jobId) throws IOException {
    send(HttpRequest.newBuilder(uri("jobs/" + jobId + "?mode=cancel"))
        .method("PATCH", HttpRequest.BodyPublishers.noBody()), 202);
  }

  /** The first line of the job's most recent exception, or empty. */
  public String rootException(String jobId) throws IOException {
    JsonNode response = send(HttpRequest.newBuilder(uri("jobs/" + jobId + "/exceptions?maxExceptions=1")).GET(), 200);
    JsonNode entries = response.path("exceptionHistory").path("entries");
    if (entries.isArray() && !entries.isEmpty()) {
      return firstLine(entries.get(0).path("stacktrace").asText(""));
    }
    return "";
  }

  /**
   * Metric values of every vertex of the job whose metric id contains {@code contains}, keyed
   * {@code <vertex name>/<metric id>} ({@code GET /jobs/:id}, {@code GET /jobs/:id/vertices/:vid/metrics}).
   */
  public Map<String, String> vertexMetrics(String jobId, String contains) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode vertex : send(HttpRequest.newBuilder(uri("jobs/" + jobId)).GET(), 200).path("vertices")) {
      String path = "jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/metrics";
      List<String> ids = new ArrayList<>();
      for (JsonNode metric : send(HttpRequest.newBuilder(uri(path)).GET(), 200)) {
        String id = metric.path("id").asText();
        if (id.contains(contains)) {
          ids.add(id);
        }
      }
      for (int from = 0; from < ids.size(); from += 50) {
        String get = String.join(",", ids.subList(from, Math.min(ids.size(), from + 50)));
        for (JsonNode value : send(HttpRequest.newBuilder(uri(path + "?get=" + URLEncoder.encode(get, StandardCharsets.UTF_8))).GET(), 200)) {
          out.put(vertex.path("name").asText() + "/" + value.path("id").asText(), value.path("value").asText());
        }
      }
    }
    return out;
  }

  private HttpRequest.Builder post(String path, JsonNode body) throws IOException {
    return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)));
  }

  private URI uri(String path) {
    return base.resolve(path);
  }

  private JsonNode send(HttpRequest.Builder request, int expected) throws IOException {
    HttpRequest built = request.timeout(timeout).build();
    return check(exchange(request), expected, built.method() + " " + built.uri().getPath());
  }

  private HttpResponse<byte[]> exchange(HttpRequest.Builder request) throws IOException {
    try {
      return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling the Flink REST API at " + base, e);
    }
  }

  private static JsonNode check(HttpResponse<byte[]> response, int expected, String call) throws IOException {
    JsonNode body = response.body().length == 0 ? MAPPER.createObjectNode() : parse(response.body(), call);
    if (response.statusCode() != expected && !(expected == 202 && response.statusCode() == 200)) {
      JsonNode errors = body.path("errors");
      String message = errors.isArray() && !errors.isEmpty() ? firstLine(errors.get(0).asText()) : body.toString();
      throw new IOException(call + " answered HTTP " + response.statusCode() + ": " + message);
    }
    return body;
  }

  private static JsonNode parse(byte[] body, String call) throws IOException {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IOException(call + " answered a body that is not JSON");
    }
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }
}
