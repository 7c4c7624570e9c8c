package dev.ingest.sources.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Immutable HTTP headers with case-insensitive names; a name may carry several values. */
public final class Headers {
  private static final Headers EMPTY = new Headers(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

  private final TreeMap<String, List<String>> map;

  private Headers(TreeMap<String, List<String>> map) {
    this.map = map;
  }

  /** No headers. */
  public static Headers empty() {
    return EMPTY;
  }

  /** Headers from a multi-valued map (names compared case-insensitively; values of equal names are joined). */
  public static Headers of(Map<String, List<String>> values) {
    TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    values.forEach((name, list) -> {
      if (name != null) {
        map.computeIfAbsent(name, k -> new ArrayList<>()).addAll(list);
      }
    });
    map.replaceAll((k, v) -> List.copyOf(v));
    return new Headers(map);
  }

  /** Headers with one value per name. */
  public static Headers ofSingle(Map<String, String> values) {
    TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    values.forEach((name, value) -> map.put(name, List.of(value)));
    return new Headers(map);
  }

  /** The first value of {@code name}. */
  public Optional<String> first(String name) {
    List<String> values = map.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** All values of {@code name}, possibly empty. */
  public List<String> all(String name) {
    return map.getOrDefault(name, List.of());
  }

  /** True when {@code name} is present. */
  public boolean contains(String name) {
    return map.containsKey(name);
  }

  /** The header names. */
  public Set<String> names() {
    return Collections.unmodifiableSet(map.keySet());
  }

  /** A copy with {@code name} set to the single {@code value} (replacing any previous values). */
  public Headers with(String name, String value) {
    TreeMap<String, List<String>> copy = new TreeMap<>(map);
    copy.put(name, List.of(value));
    return new Headers(copy);
  }

  /** A copy with every header of {@code other} set over these. */
  public Headers withAll(Headers other) {
    TreeMap<String, List<String>> copy = new TreeMap<>(map);
    copy.putAll(other.map);
    return new Headers(copy);
  }

  /** The headers as an unmodifiable map. */
  public Map<String, List<String>> asMap() {
    return Collections.unmodifiableMap(map);
  }

  /** Names and values; use {@link ApiRequest#toString()} for requests, which redacts. */
  @Override
  public String toString() {
    return map.toString();
  }
}
