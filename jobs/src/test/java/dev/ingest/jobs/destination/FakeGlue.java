package dev.ingest.jobs.destination;

import static dev.ingest.sources.testing.AwsJsonServer.object;
import static dev.ingest.sources.testing.AwsJsonServer.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sources.testing.AwsJsonServer;
import dev.ingest.sources.testing.AwsJsonServer.AwsError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-process AWS Glue Data Catalog on an {@link AwsJsonServer} ({@code X-Amz-Target: AWSGlue.<Operation>}, SigV4
 * scoped to {@code glue}), implementing the operations Iceberg's {@code GlueCatalog} uses: {@code GetDatabase},
 * {@code CreateDatabase}, {@code GetDatabases}, {@code UpdateDatabase}, {@code DeleteDatabase}, {@code GetTable},
 * {@code CreateTable}, {@code UpdateTable}, {@code GetTables} and {@code DeleteTable}, with Glue's error types
 * ({@code EntityNotFoundException}, {@code AlreadyExistsException}, {@code ConcurrentModificationException}) and
 * Glue's optimistic lock: every table has a {@code VersionId}; an {@code UpdateTable} naming an older one fails.
 * Paginated lists honour {@code MaxResults} and {@code NextToken}.
 */
public final class FakeGlue implements AutoCloseable {
  private static final int DEFAULT_PAGE = 100;

  private final AwsJsonServer server;
  private final Map<String, ObjectNode> databases = new TreeMap<>();
  private final Map<String, Map<String, ObjectNode>> tables = new TreeMap<>();
  private int conflicts;

  /** Starts the fake on a free loopback port, accepting requests signed for {@code region} with {@code accessKey}. */
  public FakeGlue(String region, String accessKey) throws IOException {
    server = new AwsJsonServer("AWSGlue", "glue", region, accessKey, this::dispatch);
  }

  public String endpoint() {
    return server.endpoint();
  }

  List<AwsJsonServer.Call> calls() {
    return server.calls();
  }

  /** The stored table (as {@code GetTable} returns it), or null. */
  synchronized JsonNode table(String database, String name) {
    Map<String, ObjectNode> db = tables.get(database);
    return db == null ? null : db.get(name);
  }

  /** {@code UpdateTable} calls refused because their VersionId was not the latest. */
  synchronized int conflicts() {
    return conflicts;
  }

  private synchronized JsonNode dispatch(String operation, JsonNode body) throws AwsError {
    return switch (operation) {
      case "GetDatabase" -> object().set("Database", database(required(body, "Name")));
      case "CreateDatabase" -> createDatabase(body.path("DatabaseInput"));
      case "UpdateDatabase" -> updateDatabase(required(body, "Name"), body.path("DatabaseInput"));
      case "DeleteDatabase" -> deleteDatabase(required(body, "Name"));
      case "GetDatabases" -> page(new ArrayList<>(databases.values()), body, "DatabaseList");
      case "GetTable" -> object().set("Table", table(tablesOf(required(body, "DatabaseName")), required(body, "Name")));
      case "CreateTable" -> createTable(required(body, "DatabaseName"), body.path("TableInput"));
      case "UpdateTable" -> updateTable(required(body, "DatabaseName"), body);
      case "GetTables" -> page(new ArrayList<>(tablesOf(required(body, "DatabaseName")).values()), body, "TableList");
      case "DeleteTable" -> deleteTable(required(body, "DatabaseName"), required(body, "Name"));
      default -> throw new AwsError("InvalidInputException", "operation " + operation + " is not supported");
    };
  }

  private ObjectNode database(String name) throws AwsError {
    ObjectNode db = databases.get(name);
    if (db == null) {
      throw notFound("Database " + name);
    }
    return db;
  }

  private JsonNode createDatabase(JsonNode input) throws AwsError {
    String name = required(input, "Name");
    if (databases.containsKey(name)) {
      throw new AwsError("AlreadyExistsException", "Database already exists.");
    }
    databases.put(name, stamped(input.deepCopy()));
    tables.put(name, new TreeMap<>());
    return object();
  }

  private JsonNode updateDatabase(String name, JsonNode input) throws AwsError {
    ObjectNode db = database(name);
    databases.put(name, stamped(input.deepCopy()).put("CreateTime", db.path("CreateTime").asDouble()));
    return object();
  }

  private JsonNode deleteDatabase(String name) throws AwsError {
    database(name);
    databases.remove(name);
    tables.remove(name);
    return object();
  }

  private Map<String, ObjectNode> tablesOf(String database) throws AwsError {
    database(database);
    return tables.get(database);
  }

  private static ObjectNode table(Map<String, ObjectNode> db, String name) throws AwsError {
    ObjectNode table = db.get(name);
    if (table == null) {
      throw notFound("Table " + name);
    }
    return table;
  }

  private JsonNode createTable(String database, JsonNode input) throws AwsError {
    Map<String, ObjectNode> db = tablesOf(database);
    String name = required(input, "Name");
    if (db.containsKey(name)) {
      throw new AwsError("AlreadyExistsException", "Table already exists.");
    }
    db.put(name, stamped(input.deepCopy()).put("DatabaseName", database).put("VersionId", "1"));
    return object();
  }

  private JsonNode updateTable(String database, JsonNode body) throws AwsError {
    JsonNode input = body.path("TableInput");
    Map<String, ObjectNode> db = tablesOf(database);
    ObjectNode current = table(db, required(input, "Name"));
    String expected = text(body, "VersionId");
    String latest = current.path("VersionId").asText();
    if (expected != null && !expected.equals(latest)) {
      conflicts++;
      throw new AwsError("ConcurrentModificationException",
          "Update table failed due to concurrent modifications (version " + expected + ", latest " + latest + ").");
    }
    ObjectNode updated = stamped(input.deepCopy()).put("DatabaseName", database)
        .put("CreateTime", current.path("CreateTime").asDouble())
        .put("VersionId", Long.toString(Long.parseLong(latest) + 1));
    db.put(updated.path("Name").asText(), updated);
    return object();
  }

  private JsonNode deleteTable(String database, String name) throws AwsError {
    table(tablesOf(database), name);
    tables.get(database).remove(name);
    return object();
  }

  private static JsonNode page(List<ObjectNode> all, JsonNode body, String listField) throws AwsError {
    int from;
    try {
      from = body.hasNonNull("NextToken") ? Integer.parseInt(body.get("NextToken").asText()) : 0;
    } catch (NumberFormatException e) {
      throw new AwsError("InvalidInputException", "bad NextToken");
    }
    int size = body.path("MaxResults").asInt(DEFAULT_PAGE);
    int to = Math.min(all.size(), from + size);
    ObjectNode out = object();
    ArrayNode list = out.putArray(listField);
    all.subList(Math.min(from, to), to).forEach(list::add);
    if (to < all.size()) {
      out.put("NextToken", Integer.toString(to));
    }
    return out;
  }

  private static ObjectNode stamped(ObjectNode node) {
    double now = System.currentTimeMillis() / 1000.0;
    return node.put("CreateTime", now).put("UpdateTime", now).put("CatalogId", "000000000000");
  }

  private static String required(JsonNode body, String field) throws AwsError {
    String value = text(body, field);
    if (value == null || value.isEmpty()) {
      throw new AwsError("InvalidInputException", field + " is required");
    }
    return value;
  }

  private static AwsError notFound(String what) {
    return new AwsError("EntityNotFoundException", what + " not found.");
  }

  @Override
  public void close() {
    server.close();
  }
}
