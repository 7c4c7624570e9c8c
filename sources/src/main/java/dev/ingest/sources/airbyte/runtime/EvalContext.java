package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.http.Headers;
import dev.ingest.sources.records.JsonBodies;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables an Airbyte template sees: {@code config}, {@code parameters}, {@code stream_partition} (also as
 * {@code stream_slice} and {@code stream_interval}), {@code next_page_token}, and after a response {@code response},
 * {@code headers} (raw: name to values; the {@link Interpolation} makes names case-insensitive and parses
 * {@code link}), {@code last_record}, {@code last_page_size}, and {@code record} for filters and added fields. Immutable: each {@code with*} returns a copy.
 */
public final class EvalContext {
  /** Nesting {@link #plain} follows at most (the parser's own limit is lower; a guard, not a setting). */
  private static final int MAX_DEPTH = 1_000;

  private final Map<String, Object> values;

  private EvalContext(Map<String, Object> values) {
    this.values = values;
  }

  /** The context of a stream's requests before any page: config, parameters and the partition. */
  public static EvalContext of(Map<String, Object> config, Map<String, Object> parameters,
      Map<String, Object> partition) {
    Map<String, Object> values = new HashMap<>();
    values.put("config", config);
    values.put("parameters", parameters);
    values.put("stream_partition", partition);
    values.put("stream_slice", partition);
    values.put("stream_interval", partition);
    values.put("next_page_token", null);
    return new EvalContext(values);
  }

  /**
   * The context of one window of a {@code DatetimeBasedCursor} in a partition: the partition and the window
   * ({@code start_time}, {@code end_time}) merged into one slice, seen under all three names, as Airbyte's
   * interpolation aliases {@code stream_interval} and {@code stream_partition} to {@code stream_slice}.
   */
  public static EvalContext of(Map<String, Object> config, Map<String, Object> parameters,
      Map<String, Object> partition, Map<String, Object> interval) {
    Map<String, Object> slice = new LinkedHashMap<>(partition);
    slice.putAll(interval);
    return of(config, parameters, slice);
  }

  /** This context with {@code parameters} replaced (each component has its own). */
  public EvalContext withParameters(Map<String, Object> parameters) {
    return with("parameters", parameters);
  }

  /** This context with the next page's token, as {@code next_page_token.next_page_token}; null for none. */
  public EvalContext withToken(Object token) {
    return with("next_page_token", token == null ? null : Map.of("next_page_token", token));
  }

  /** This context with what a response showed: body, headers, the page's last record and its size. */
  public EvalContext withResponse(JsonNode body, Headers headers, JsonNode lastRecord, int pageSize) {
    Map<String, Object> values = new HashMap<>(this.values);
    values.put("response", plain(body));
    values.put("headers", headers(headers));
    values.put("last_record", lastRecord == null ? null : plain(lastRecord));
    values.put("last_page_size", pageSize);
    return new EvalContext(values);
  }

  /** This context with {@code record} (a record filter or added field sees it). */
  public EvalContext withRecord(JsonNode record) {
    return with("record", plain(record));
  }

  /** This context with one more variable ({@code session_token} for a session authenticator's templates). */
  public EvalContext withVariable(String name, Object value) {
    return with(name, value);
  }

  /** The variables, for {@link Interpolation}. */
  public Map<String, Object> values() {
    return Collections.unmodifiableMap(values);
  }

  private EvalContext with(String key, Object value) {
    Map<String, Object> copy = new HashMap<>(values);
    copy.put(key, value);
    return new EvalContext(copy);
  }

  /**
   * A JSON node as plain maps (insertion-ordered), lists and scalars, the values Jackson's untyped binding gives
   * (Integer, Long, BigInteger, Double, BigDecimal as the tree holds them; Boolean, String, null), walked directly:
   * a {@code convertValue} would serialize the tree into a token buffer and bind it back, for every page's
   * {@code response} (measured: about a tenth of a manifest stream's CPU).
   */
  public static Object plain(JsonNode node) {
    return node == null ? null : plain(node, 0);
  }

  private static Object plain(JsonNode node, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH + " levels");
    }
    switch (node.getNodeType()) {
      case OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>(Math.max(4, node.size() * 4 / 3 + 1));
        node.fields().forEachRemaining(f -> map.put(f.getKey(), plain(f.getValue(), depth + 1)));
        return map;
      }
      case ARRAY -> {
        List<Object> list = new java.util.ArrayList<>(node.size());
        node.forEach(e -> list.add(plain(e, depth + 1)));
        return list;
      }
      case STRING -> {
        return node.textValue();
      }
      case NUMBER -> {
        return node.numberValue();
      }
      case BOOLEAN -> {
        return node.booleanValue();
      }
      case NULL, MISSING -> {
        return null;
      }
      default -> {
        return JsonBodies.mapper().convertValue(node, Object.class); // binary or POJO nodes: not from a parser
      }
    }
  }

  /** The raw headers (name to values); the interpolation lower-cases names and parses {@code link}. */
  private static Map<String, List<String>> headers(Headers headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : headers.names()) {
      out.put(name, List.copyOf(headers.all(name)));
    }
    return out;
  }

}
