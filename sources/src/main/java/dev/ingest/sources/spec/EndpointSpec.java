package dev.ingest.sources.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint of a connector ({@code endpoints.<name>} in YAML); each lands as its own table.
 *
 * @param name the endpoint's name, {@code [a-z][a-z0-9_]*}; part of the table name
 * @param description what the endpoint holds; empty when not given
 * @param path the URL path template, appended to the connector's base URL; starts with {@code /}
 * @param params query parameter templates, in order
 * @param headers extra header templates, merged over the connector's headers
 * @param records the JSON path of the records in a response: {@code $} (root array), {@code data.items}
 * @param primaryKey the record fields that identify a record; empty when the endpoint has none (append only)
 * @param schema the declared JSON-Schema subset of one record ({@code type: object}), or null when not declared
 * @param paging the effective paging: the endpoint's override merged over the connector's default
 * @param method the HTTP method, {@code GET} or {@code POST}
 * @param body the JSON request body template (string leaves may hold placeholders), or null for none
 * @param incremental the incremental sync settings, or null for full refreshes
 * @param parent the endpoint whose records this one iterates over ({@code {{ parent.<field> }}} in templates), or
 *     null
 * @param singleRecord true when the response holds one record (an object) at the records path, not an array
 *     ({@code records: {path: ..., single: true}})
 * @param total where the API states the result's total, or null
 * @param deletes the endpoint whose rows this endpoint's records delete ({@link DeletesSpec}), or null
 */
public record EndpointSpec(
    String name,
    String description,
    String path,
    Map<String, String> params,
    Map<String, String> headers,
    String records,
    List<String> primaryKey,
    JsonNode schema,
    PagingSpec paging,
    String method,
    JsonNode body,
    IncrementalSpec incremental,
    String parent,
    boolean singleRecord,
    TotalSpec total,
    DeletesSpec deletes) implements Serializable {

  /** An endpoint whose records delete nothing elsewhere. */
  public EndpointSpec(String name, String description, String path, Map<String, String> params,
      Map<String, String> headers, String records, List<String> primaryKey, JsonNode schema, PagingSpec paging,
      String method, JsonNode body, IncrementalSpec incremental, String parent, boolean singleRecord,
      TotalSpec total) {
    this(name, description, path, params, headers, records, primaryKey, schema, paging, method, body, incremental,
        parent, singleRecord, total, null);
  }

  /** An endpoint whose API states no total. */
  public EndpointSpec(String name, String description, String path, Map<String, String> params,
      Map<String, String> headers, String records, List<String> primaryKey, JsonNode schema, PagingSpec paging,
      String method, JsonNode body, IncrementalSpec incremental, String parent, boolean singleRecord) {
    this(name, description, path, params, headers, records, primaryKey, schema, paging, method, body, incremental,
        parent, singleRecord, null);
  }

  /** An endpoint whose records path holds an array of records. */
  public EndpointSpec(String name, String description, String path, Map<String, String> params,
      Map<String, String> headers, String records, List<String> primaryKey, JsonNode schema, PagingSpec paging,
      String method, JsonNode body, IncrementalSpec incremental, String parent) {
    this(name, description, path, params, headers, records, primaryKey, schema, paging, method, body, incremental,
        parent, false);
  }

  /** A {@code GET} endpoint without body or incremental sync. */
  public EndpointSpec(String name, String description, String path, Map<String, String> params,
      Map<String, String> headers, String records, List<String> primaryKey, JsonNode schema, PagingSpec paging) {
    this(name, description, path, params, headers, records, primaryKey, schema, paging, "GET", null, null, null);
  }

  public EndpointSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(paging, "paging");
    description = description == null ? "" : description;
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    primaryKey = List.copyOf(primaryKey);
    schema = schema == null ? null : schema.deepCopy();
    method = method == null ? "GET" : method;
    body = body == null ? null : body.deepCopy();
  }

  /** The endpoint whose rows this one's records delete, if they are deletions. */
  public Optional<DeletesSpec> deletions() {
    return Optional.ofNullable(deletes);
  }

  /** Where the API states the result's total, if it does. */
  public Optional<TotalSpec> statedTotal() {
    return Optional.ofNullable(total);
  }

  /** A copy of the request body template; {@code null} when the endpoint sends none. */
  @Override
  public JsonNode body() {
    return body == null ? null : body.deepCopy();
  }

  /** The declared record schema (a JSON-Schema object node), if the connector declares one. */
  public Optional<JsonNode> declaredSchema() {
    return Optional.ofNullable(schema).map(JsonNode::deepCopy);
  }

  /** A copy of the declared schema; {@code null} when none is declared. */
  @Override
  public JsonNode schema() {
    return schema == null ? null : schema.deepCopy();
  }
}
